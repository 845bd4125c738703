import { createHash, timingSafeEqual } from 'node:crypto';
import { loginDelay } from '../../personality';
import type { Pop3Command, Pop3CommandSession } from '../session-types';
import { multiLine } from './multi-line';

/** Checks the password after the personality's login delay, then logs in. */
async function checkPassword(session: Pop3CommandSession, login: string, check: (password: string) => boolean): Promise<void> {
  await loginDelay(session.context.personality());
  const user = session.context.users.byLogin(login);
  if (!user || !check(user.password)) {
    session.pendingUser = null;
    // RFC 3206 [AUTH]: the credentials are wrong (not a temporary failure).
    return session.err('[AUTH] Authentication failed');
  }
  await session.logIn(user);
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

const AUTHORIZATION = ['authorization'] as const;

/** RFC 1939 §7 USER/PASS and APOP, RFC 5034 AUTH PLAIN: the AUTHORIZATION state. */
export const AUTHORIZATION_COMMANDS: ReadonlyArray<[string, Pop3Command]> = [
  [
    'USER',
    {
      states: AUTHORIZATION,
      run: (session, args) => {
        if (args.length !== 1 || !args[0]) return session.err('USER takes one argument');
        session.pendingUser = args[0];
        // The same answer for every name: USER does not tell who exists.
        session.ok('Send PASS');
      },
    },
  ],
  [
    'PASS',
    {
      states: AUTHORIZATION,
      run: async (session, args) => {
        const login = session.pendingUser;
        if (login === null) return session.err('Send USER first');
        // RFC 1939 §7: the password is the rest of the line, spaces included.
        const password = args.join(' ');
        await checkPassword(session, login, (expected) => sameText(password, expected));
      },
    },
  ],
  [
    'APOP',
    {
      states: AUTHORIZATION,
      run: async (session, args) => {
        const [login, digest] = args;
        if (args.length !== 2 || !login || !digest) return session.err('APOP takes a name and a digest');
        // RFC 1939 §7: MD5 of the greeting's timestamp followed by the shared secret.
        await checkPassword(session, login, (password) => sameText(digest.toLowerCase(), createHash('md5').update(session.timestamp + password, 'utf8').digest('hex')));
      },
    },
  ],
  [
    'AUTH',
    {
      states: AUTHORIZATION,
      run: async (session, args) => {
        const [mechanism, initial] = args;
        if (!mechanism) return multiLine(session, 'SASL mechanisms follow', ['PLAIN']);
        if (mechanism.toUpperCase() !== 'PLAIN') return session.err('Unsupported SASL mechanism');
        let response = initial;
        if (response === undefined) {
          // RFC 5034 §4: an empty challenge, then the client's response on its own line.
          session.write(Buffer.from('+ \r\n'));
          response = (await session.nextLine()) ?? '*';
        }
        if (response.trim() === '*') return session.err('Authentication cancelled');
        const parts = Buffer.from(response.trim() === '=' ? '' : response.trim(), 'base64').toString('utf8').split('\0');
        const [authzid = '', login = '', password = ''] = parts;
        if (parts.length !== 3 || (authzid !== '' && authzid.toLowerCase() !== login.toLowerCase())) return session.err('[AUTH] Invalid SASL PLAIN response');
        await checkPassword(session, login, (expected) => sameText(password, expected));
      },
    },
  ],
];
