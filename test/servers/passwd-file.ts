import { appendFile, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Users live in passwd-files (lines `name:{PLAIN}password:uid:gid::home::`), read by Dovecot's
 * passdb + userdb and by the SMTP server's AUTH.
 *
 * Dovecot re-reads a changed passwd-file, but stats it at most once per second (db-passwd-file.c:
 * `if (pw->last_sync_time == ioloop_time) return cached`), so a line appended in the same second as
 * any other login stays invisible for up to a second. Hence each user also gets a file of its own,
 * `users/<name>`, which Dovecot looks up first (`args = users/%n`): a file it has never seen is read
 * at once. The shared file stays the complete list, and lines appended to it by hand still work.
 */

export interface PasswdEntry {
  name: string;
  password: string;
  uid: number;
  gid: number;
  home: string;
}

const USER_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const PLAIN_PREFIX = '{PLAIN}';

export function assertValidUserName(name: string): void {
  if (!USER_NAME.test(name)) {
    throw new Error(`test servers: user name "${name}" must match ${USER_NAME.source}`);
  }
}

/** Login name as Dovecot sees it with `auth_username_format = %Ln`: lower-cased, domain dropped. */
export function normalizeLogin(login: string): string {
  const at = login.indexOf('@');
  return (at < 0 ? login : login.slice(0, at)).toLowerCase();
}

export async function readPasswdFile(path: string): Promise<Map<string, PasswdEntry>> {
  const entries = new Map<string, PasswdEntry>();
  for (const line of (await readFile(path, 'utf8')).split('\n')) {
    const [name, password, uid, gid, , home] = line.split(':');
    if (name === undefined || password === undefined || home === undefined) continue;
    entries.set(name, {
      name,
      password: password.startsWith(PLAIN_PREFIX) ? password.slice(PLAIN_PREFIX.length) : password,
      uid: Number(uid),
      gid: Number(gid),
      home,
    });
  }
  return entries;
}

function passwdLine(entry: PasswdEntry): string {
  assertValidUserName(entry.name);
  if (/[:\n]/.test(entry.password) || /[:\n]/.test(entry.home)) {
    throw new Error('test servers: passwords and homes cannot contain ":" or newlines');
  }
  return `${entry.name}:${PLAIN_PREFIX}${entry.password}:${entry.uid}:${entry.gid}::${entry.home}::\n`;
}

/**
 * Adds a user: writes `usersDir/<name>` (complete before it appears, by rename), then appends to the
 * shared file (one O_APPEND write, so concurrent writers do not interleave).
 */
export async function addPasswdEntry(passwdFile: string, usersDir: string, entry: PasswdEntry): Promise<void> {
  const line = passwdLine(entry);
  const userFile = join(usersDir, entry.name);
  const partialFile = join(usersDir, `.${entry.name}.${process.pid}.partial`);
  await writeFile(partialFile, line, { encoding: 'utf8', mode: 0o644 });
  await rename(partialFile, userFile);
  await appendFile(passwdFile, line, { encoding: 'utf8', mode: 0o644 });
}
