import type { Pop3Command } from '../session-types';
import { AUTHORIZATION_COMMANDS } from './authorization';
import { multiLine } from './multi-line';
import { TRANSACTION_COMMANDS } from './transaction';

/** RFC 2449 §5 CAPA: what this server offers. */
const CAPABILITIES = ['TOP', 'UIDL', 'USER', 'SASL PLAIN', 'RESP-CODES', 'AUTH-RESP-CODE', 'PIPELINING', 'IMPLEMENTATION Porthole-sandbox'];

/** Every POP3 command the sandbox knows, by verb; anything else is -ERR. */
export const POP3_COMMANDS: ReadonlyMap<string, Pop3Command> = new Map<string, Pop3Command>([
  ['CAPA', { states: ['authorization', 'transaction'], run: (session) => multiLine(session, 'Capability list follows', CAPABILITIES) }],
  ['QUIT', { states: ['authorization', 'transaction'], run: (session) => session.quit() }],
  ...AUTHORIZATION_COMMANDS,
  ...TRANSACTION_COMMANDS,
]);
