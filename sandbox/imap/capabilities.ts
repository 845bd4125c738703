import type { CommandSession } from './session-types';

/** Before login: enough to log in (RFC 4959 SASL-IR, RFC 7888 LITERAL+, RFC 2971 ID). */
const BEFORE_LOGIN = ['IMAP4rev1', 'SASL-IR', 'LITERAL+', 'ID', 'ENABLE', 'IDLE', 'AUTH=PLAIN'];

/** After login: everything the sandbox implements. */
const AFTER_LOGIN = [
  'IMAP4rev1',
  'SASL-IR',
  'LITERAL+',
  'ID',
  'ENABLE',
  'IDLE',
  'NAMESPACE',
  'UNSELECT',
  'UIDPLUS',
  'MOVE',
  'CHILDREN',
  'SPECIAL-USE',
  'LIST-EXTENDED',
  'LIST-STATUS',
  'ESEARCH',
  'CONDSTORE',
  'QRESYNC',
];

/** The CAPABILITY list for the session's state (RFC 3501 §7.2.1). */
export function capabilities(session: CommandSession): string[] {
  if (session.state === 'not-authenticated') return BEFORE_LOGIN;
  return [...AFTER_LOGIN, `APPENDLIMIT=${session.context.limits.maxLiteralBytes}`];
}
