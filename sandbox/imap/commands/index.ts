import type { CommandSpec } from '../session-types';
import { append } from './append';
import { capability, id, logout, noop } from './basic';
import { copy, move, uidCopy, uidMove } from './copy-move';
import { enable, namespace } from './enable';
import { expunge, uidExpunge } from './expunge';
import { fetch, uidFetch } from './fetch';
import { idle } from './idle';
import { list, lsub } from './list';
import { authenticate, login } from './login';
import { create, deleteMailbox, rename, subscribe, unsubscribe } from './mailboxes';
import { search, uidSearch } from './search';
import { close, examine, select, unselect } from './select';
import { status } from './status';
import { store, uidStore } from './store';

/** Every command the sandbox IMAP server knows, by upper-case name; anything else is BAD. */
export const COMMANDS: ReadonlyMap<string, CommandSpec> = new Map<string, CommandSpec>([
  ['CAPABILITY', capability],
  ['NOOP', noop],
  ['LOGOUT', logout],
  ['ID', id],
  ['LOGIN', login],
  ['AUTHENTICATE', authenticate],
  ['ENABLE', enable],
  ['NAMESPACE', namespace],
  ['LIST', list],
  ['LSUB', lsub],
  ['STATUS', status],
  ['SELECT', select],
  ['EXAMINE', examine],
  ['CLOSE', close],
  ['UNSELECT', unselect],
  ['FETCH', fetch],
  ['UID FETCH', uidFetch],
  ['STORE', store],
  ['UID STORE', uidStore],
  ['SEARCH', search],
  ['UID SEARCH', uidSearch],
  ['APPEND', append],
  ['COPY', copy],
  ['UID COPY', uidCopy],
  ['MOVE', move],
  ['UID MOVE', uidMove],
  ['EXPUNGE', expunge],
  ['UID EXPUNGE', uidExpunge],
  ['CREATE', create],
  ['DELETE', deleteMailbox],
  ['RENAME', rename],
  ['SUBSCRIBE', subscribe],
  ['UNSUBSCRIBE', unsubscribe],
  ['IDLE', idle],
]);
