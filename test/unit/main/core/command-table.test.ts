import { describe, expect, it } from 'vitest';
import { ACCOUNT_COMMANDS, APP_COMMANDS, COMMANDS, COMMAND_NAMES, DEVICE_COMMANDS, MAIL_COMMANDS, SANDBOX_COMMANDS, SWITCH_COMMANDS } from '../../../../common/commands';
import { commandTable, type CoreServices } from '../../../../main/core/command-table';
import { exactly, type CommandHandler, type CommandHandlers, type HandlersFor } from '../../../../main/core/handler-types';
import { validateParams } from '../../../../main/core/validate-params';

const noop: CommandHandler<'sandbox:sendMail'> = () => Promise.resolve(null);

// The compiler is the test here: `tsc -b` fails if a line marked @ts-expect-error compiles.
export function typeTests(full: CommandHandlers): void {
  const missingOne: Omit<CommandHandlers, 'sandbox:sendMail'> = full;
  // @ts-expect-error A command without a handler does not compile.
  exactly<CommandHandlers>()(missingOne);
  // @ts-expect-error Nor does a handler without a command, even when it comes in a spread.
  exactly<CommandHandlers>()({ ...full, 'sandbox:dance': noop });
  // @ts-expect-error A group's handlers must cover each of its commands.
  const group: HandlersFor<'sandbox:sendMail' | 'sandbox:state'> = { 'sandbox:sendMail': noop };
  // @ts-expect-error A handler answers with its command's declared result type.
  const wrongResult: CommandHandler<'app:info'> = () => Promise.resolve(null);
  void group;
  void wrongResult;
  exactly<CommandHandlers>()({ ...full });
}

describe('the command registry (common/commands/) and main’s handler table', () => {
  it('declares each command in exactly one group, under the names the preload exposes', () => {
    const groups = [APP_COMMANDS, ACCOUNT_COMMANDS, DEVICE_COMMANDS, SWITCH_COMMANDS, MAIL_COMMANDS, SANDBOX_COMMANDS];
    const declared = groups.flatMap((group) => Object.keys(group));
    expect(new Set(declared).size).toBe(declared.length);
    expect(Object.keys(COMMANDS).sort()).toEqual([...COMMAND_NAMES].sort());
  });

  it('has a handler for every declared command and for nothing else', () => {
    // The factories only keep their services: no handler runs here.
    const table = commandTable({} as CoreServices);
    expect(Object.keys(table).sort()).toEqual([...COMMAND_NAMES].sort());
    for (const handler of Object.values(table)) expect(typeof handler).toBe('function');
  });

  it('checks params against the declared schema, and refuses a name that is no command', () => {
    expect(validateParams('folder:select', { accountId: 'a', deviceId: 'd', folderPath: 'INBOX' })).toEqual({ ok: true, value: { accountId: 'a', deviceId: 'd', folderPath: 'INBOX' } });
    expect(validateParams('device:rename', { accountId: 'a', deviceId: 'd', name: '  Laptop ' })).toEqual({ ok: true, value: { accountId: 'a', deviceId: 'd', name: 'Laptop' } });
    expect(validateParams('folder:select', { accountId: 'a', deviceId: 'd', folderPath: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/^Invalid arguments for folder:select: folderPath: Too small/) as unknown } });
    for (const name of ['no:such', '__proto__', 'constructor', 'toString']) {
      expect(validateParams(name as 'app:info', null), name).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: `Unknown command ${name}` } });
    }
    expect(validateParams('sandbox:setPersonality', { popMarksSeen: false, extra: 1 })).toMatchObject({ ok: false });
    expect(validateParams('sandbox:setPersonality', { loginDelayMs: 100 })).toEqual({ ok: true, value: { loginDelayMs: 100 } });
    expect(validateParams('message:send', { accountId: 'a', deviceId: 'd', to: 'x@y.z', cc: '', bcc: '', subject: '', text: '', inReplyTo: null, references: [], attachments: [{ filename: 'f', contentType: 'text/plain', content: 'not bytes' }], forwardAttachmentsOf: null, replacesDraftId: null })).toMatchObject({ ok: false, error: { message: expect.stringContaining('attachments.0.content') as unknown } });
  });
});
