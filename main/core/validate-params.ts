import * as z from 'zod/mini';
import { COMMANDS, isCommandName, type CommandName, type ValidParams } from '../../common/commands';
import { ERROR_MESSAGES } from '../../common/errors';
import { fail, type Result, type WireError } from '../../common/result';
import { isProtocolError } from '../protocols/protocol-error';

// zod/mini carries no messages of its own; the refusals name what was wrong in English.
z.config(z.locales.en());

/**
 * A command's params checked against its declared schema (common/commands/): the renderer is
 * untrusted input as far as main is concerned. An unknown command or bad params is INVALID_ARGUMENT.
 */
export function validateParams<C extends CommandName>(command: C, rawParams: unknown): Result<ValidParams<C>> {
  if (!isCommandName(command)) return fail({ code: 'INVALID_ARGUMENT', message: `Unknown command ${String(command)}` });
  const schema: z.ZodMiniType = COMMANDS[command].params;
  const parsed = schema.safeParse(rawParams);
  if (!parsed.success) {
    return fail({ code: 'INVALID_ARGUMENT', message: `Invalid arguments for ${command}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` });
  }
  return { ok: true, value: parsed.data as ValidParams<C> };
}

export function toWireError(error: unknown): WireError {
  if (isProtocolError(error)) return error.wire;
  return { code: 'INTERNAL', message: `${ERROR_MESSAGES.INTERNAL} (${error instanceof Error ? error.message : String(error)})` };
}
