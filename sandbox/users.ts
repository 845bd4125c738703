import { randomBytes, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonIfExists, writeFileDurable } from '../node-lib/durable-file';

/** The sandbox's mail domain: RFC 2606 reserves .test, so no real address can be hit. */
export const SANDBOX_DOMAIN = 'sandbox.test';

export interface SandboxUser {
  /** The login name; the address works as a login too. */
  user: string;
  password: string;
  address: string;
  displayName: string;
}

/** "you", who tries Porthole, and two correspondents who write to you. */
const PEOPLE = [
  { user: 'you', displayName: 'You' },
  { user: 'ana', displayName: 'Ana Lima' },
  { user: 'ben', displayName: 'Ben Okafor' },
] as const;

/** The user names of the sandbox, "you" first. */
export const SANDBOX_USER_NAMES: readonly string[] = PEOPLE.map((person) => person.user);

const passwordsFile = z.record(z.string(), z.string().min(8));

/**
 * The sandbox users with passwords made once per data directory and kept in it (users.json,
 * mode 0600), so an account set up against the sandbox keeps working across restarts.
 */
export class SandboxUsers {
  private constructor(readonly list: readonly SandboxUser[]) {}

  static async load(dataDir: string): Promise<SandboxUsers> {
    const path = join(dataDir, 'users.json');
    const stored = passwordsFile.parse((await readJsonIfExists(path)) ?? {});
    const passwords: Record<string, string> = {};
    for (const { user } of PEOPLE) passwords[user] = stored[user] ?? randomBytes(9).toString('base64url');
    if (PEOPLE.some(({ user }) => stored[user] === undefined)) await writeFileDurable(path, JSON.stringify(passwords, null, 2));
    return new SandboxUsers(PEOPLE.map(({ user, displayName }) => ({ user, displayName, password: passwords[user]!, address: `${user}@${SANDBOX_DOMAIN}` })));
  }

  /** The user a login names: the user name or the address, in any case. */
  byLogin(login: string): SandboxUser | undefined {
    const wanted = login.trim().toLowerCase();
    return this.list.find((candidate) => candidate.user === wanted || candidate.address === wanted);
  }

  /** The local user an address delivers to (plus-addressing included: you+tag@ is you). */
  byAddress(address: string): SandboxUser | undefined {
    const at = address.lastIndexOf('@');
    if (at < 0 || address.slice(at + 1).toLowerCase() !== SANDBOX_DOMAIN) return undefined;
    const local = address.slice(0, at).split('+')[0]!.toLowerCase();
    return this.list.find((candidate) => candidate.user === local);
  }

  /** The user when the password is right, else null (compared in constant time). */
  authenticate(login: string, password: string): SandboxUser | null {
    const user = this.byLogin(login);
    if (!user) return null;
    const given = Buffer.from(password, 'utf8');
    const expected = Buffer.from(user.password, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected) ? user : null;
  }
}
