import type * as z from 'zod/mini';
import { ACCOUNT_COMMANDS } from './account-commands';
import { APP_COMMANDS } from './app-commands';
import type { CommandDeclaration, Returns } from './declare';
import { DEVICE_COMMANDS } from './device-commands';
import { DISCOVERY_COMMANDS } from './discovery-commands';
import { MAIL_COMMANDS } from './mail-commands';
import { NOTIFY_COMMANDS } from './notify-commands';
import { OAUTH_COMMANDS } from './oauth-commands';
import { SANDBOX_COMMANDS } from './sandbox-commands';
import { SWITCH_COMMANDS } from './switch-commands';
import { COMMAND_NAMES, isCommandName, type CommandName } from './names';

/**
 * Every command of the contract, each declared once in its group: the schema main checks its
 * params against, and its result type. The renderer's typed functions and the handler table main
 * must fill (main/core/command-table.ts) are derived from here; the list of names the preload and
 * the harness socket expose (./names.ts) is checked against it.
 */
export const COMMANDS = {
  ...APP_COMMANDS,
  ...ACCOUNT_COMMANDS,
  ...DISCOVERY_COMMANDS,
  ...OAUTH_COMMANDS,
  ...DEVICE_COMMANDS,
  ...SWITCH_COMMANDS,
  ...MAIL_COMMANDS,
  ...NOTIFY_COMMANDS,
  ...SANDBOX_COMMANDS,
} satisfies Record<string, CommandDeclaration>;

export type Commands = typeof COMMANDS;
export type { CommandName };
export { COMMAND_NAMES, isCommandName };

// The names' list and the declarations hold the same commands: one missing from either is an error here.
const sameNames: [Exclude<CommandName, keyof Commands>, Exclude<keyof Commands, CommandName>] extends [never, never] ? true : false = true;
void sameNames;

/** What a caller sends (before main's check). */
export type CommandParams<C extends CommandName> = z.input<Commands[C]['params']>;
/** What a handler receives: the params once they passed their schema. */
export type ValidParams<C extends CommandName> = z.infer<Commands[C]['params']>;
export type CommandResult<C extends CommandName> = Commands[C]['result'] extends Returns<infer R> ? R : never;

/** The names of a group of commands, e.g. `CommandsOf<typeof MAIL_COMMANDS>`. */
export type CommandsOf<G> = keyof G & CommandName;

export { ACCOUNT_COMMANDS, APP_COMMANDS, DEVICE_COMMANDS, DISCOVERY_COMMANDS, MAIL_COMMANDS, NOTIFY_COMMANDS, OAUTH_COMMANDS, SANDBOX_COMMANDS, SWITCH_COMMANDS };
export type { AppInfo, FetchedImage, LinkOpened } from './app-commands';
export type { OutboxItem, OutgoingAttachment, OutgoingMessage, PopDryRun, PopDryRunEntry, SendSizeLimit, ServerSearchHit, ServerSearchResult, UndoTicket } from './mail-commands';
export type { NotifySettings } from './notify-commands';
