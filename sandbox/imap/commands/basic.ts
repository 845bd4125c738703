import { capabilities } from '../capabilities';
import type { CommandSpec } from '../session-types';
import { str, type Wire } from '../response';
import { ImapSyntaxError } from '../tokenizer';

const ANY_STATE = ['not-authenticated', 'authenticated', 'selected'] as const;

/** RFC 3501 §6.1.1 CAPABILITY. */
export const capability: CommandSpec = {
  states: ANY_STATE,
  run: (session, args) => {
    args.end();
    session.untagged('CAPABILITY', ...capabilities(session));
    return { status: 'OK', text: 'Capability completed' };
  },
};

/** RFC 3501 §6.1.2 NOOP: the session reports pending changes before every tagged answer. */
export const noop: CommandSpec = {
  states: ANY_STATE,
  run: (_session, args) => {
    args.end();
    return { status: 'OK', text: 'NOOP completed' };
  },
};

/** RFC 3501 §6.1.3 LOGOUT: BYE, the tagged OK, then the connection closes. */
export const logout: CommandSpec = {
  states: ANY_STATE,
  run: (session, args) => {
    args.end();
    session.untagged('BYE', 'Logging out');
    session.state = 'logout';
    return { status: 'OK', text: 'Logout completed' };
  },
};

/** RFC 2971 ID: the client's parameters are read and ignored; the server names itself. */
export const id: CommandSpec = {
  states: ANY_STATE,
  run: (session, args) => {
    const parameters = args.next('ID parameters');
    if (parameters.type !== 'list' && !(parameters.type === 'atom' && parameters.value.toUpperCase() === 'NIL')) throw new ImapSyntaxError('ID takes a list or NIL');
    args.end();
    const identity: Wire[] = [str('name'), str('Porthole sandbox'), str('vendor'), str('Porthole'), str('support-url'), str('https://porthole.invalid/sandbox')];
    session.untagged('ID', identity);
    return { status: 'OK', text: 'ID completed' };
  },
};
