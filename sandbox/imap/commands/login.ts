import { loginDelay } from '../../personality';
import { capabilities } from '../capabilities';
import type { CommandOutcome, CommandSession, CommandSpec } from '../session-types';

async function logIn(session: CommandSession, login: string, password: string): Promise<CommandOutcome> {
  await loginDelay(session.context.personality());
  const user = session.context.users.authenticate(login, password);
  // RFC 5530 AUTHENTICATIONFAILED; the same answer for a wrong user and a wrong password.
  if (!user) return { status: 'NO', code: 'AUTHENTICATIONFAILED', text: 'Authentication failed' };
  session.authenticated(user.user);
  return { status: 'OK', code: `CAPABILITY ${capabilities(session).join(' ')}`, text: 'Logged in' };
}

/** RFC 3501 §6.2.3 LOGIN (plaintext is fine here: the server listens on loopback only). */
export const login: CommandSpec = {
  states: ['not-authenticated'],
  run: async (session, args) => {
    const user = args.astring('user name');
    const password = args.astring('password');
    args.end();
    return logIn(session, user, password);
  },
};

/** RFC 4616 PLAIN message: [authzid] NUL authcid NUL passwd. */
function decodePlain(base64: string): { login: string; password: string } | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) return null;
  const parts = Buffer.from(base64, 'base64').toString('utf8').split('\0');
  if (parts.length !== 3) return null;
  const [authzid = '', login = '', password = ''] = parts;
  // Acting as another user is not offered: the authorization identity must be empty or the same.
  if (authzid !== '' && authzid.toLowerCase() !== login.toLowerCase()) return null;
  return { login, password };
}

/** RFC 3501 §6.2.2 AUTHENTICATE with PLAIN, and RFC 4959 SASL-IR initial responses. */
export const authenticate: CommandSpec = {
  states: ['not-authenticated'],
  run: async (session, args) => {
    const mechanism = args.atom('mechanism');
    const initial = args.remaining > 0 ? args.rawAtom('initial response') : null;
    args.end();
    if (mechanism !== 'PLAIN') return { status: 'NO', text: `Unsupported authentication mechanism ${mechanism.slice(0, 20)}` };
    let response: string;
    if (initial !== null) {
      // RFC 4959 §3: "=" is an empty initial response.
      response = initial === '=' ? '' : initial;
    } else {
      session.continuation('');
      const line = await session.reader.nextLine();
      if (line === null) return { status: 'BAD', text: 'Connection closed' };
      response = line.toString('latin1').trim();
    }
    if (response === '*') return { status: 'BAD', text: 'Authentication cancelled' };
    const credentials = decodePlain(response);
    if (!credentials) return { status: 'BAD', text: 'Invalid SASL PLAIN response' };
    return logIn(session, credentials.login, credentials.password);
  },
};
