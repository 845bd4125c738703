import type * as z from 'zod/mini';

declare const resultType: unique symbol;

/**
 * A command's result type, carried beside its params schema. Only the type: results are made by
 * main itself, so nothing checks them at run time, and a zod schema for each would only repeat
 * the model's interfaces.
 */
export interface Returns<R> {
  readonly [resultType]?: R;
}

export function returns<R>(): Returns<R> {
  return {};
}

/** One command of the contract: the schema its params must pass in main, and what it answers. */
export interface CommandDeclaration<P extends z.ZodMiniType = z.ZodMiniType, R = unknown> {
  readonly params: P;
  readonly result: Returns<R>;
}

/** Declares a group of commands; the object's keys are the commands' names (`noun:verb`). */
export function declareCommands<const G extends Record<string, CommandDeclaration>>(group: G): G {
  return group;
}
