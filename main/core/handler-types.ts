import type { CommandName, CommandResult, ValidParams } from '../../common/commands';

export type CommandHandler<C extends CommandName> = (params: ValidParams<C>) => Promise<CommandResult<C>>;

/** The handlers of a group of commands (`keyof typeof MAIL_COMMANDS`, …): one for each, no other. */
export type HandlersFor<C extends CommandName> = { [K in C]: CommandHandler<K> };

/** A handler for every command of the contract (common/commands/). */
export type CommandHandlers = HandlersFor<CommandName>;

/** `T`, refusing extra keys even where they come from a spread (excess-property checks skip spreads). */
export function exactly<T>() {
  return <U extends T>(value: U & Record<Exclude<keyof U, keyof T>, never>): T => value;
}
