import { appendFile, readFile, rename, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { instanceLayout } from './layout';
import type { MailUser, TestServerInfo } from './types';

/**
 * Gives a test user a new password, as a provider's "change password" page would: the user's own
 * passwd file (read by Dovecot first) is replaced by rename, and a line appended to the shared file
 * (read by the SMTP server; the last line of a name wins). Dovecot re-reads a passwd-file when its
 * mtime or size changed, in whole seconds, so the new file gets an mtime it cannot have had.
 * Returns the user with the new password; the caller waits until a login with it works.
 */
export async function changePassword(info: TestServerInfo, user: MailUser, password: string): Promise<MailUser> {
  if (/[:\n]/.test(password)) throw new Error('test servers: passwords cannot contain ":" or newlines');
  const { usersDir } = instanceLayout(info.dir);
  const userFile = join(usersDir, user.user);
  const before = await stat(userFile);
  const [name, , ...rest] = (await readFile(userFile, 'utf8')).trimEnd().split(':');
  const line = `${[name, `{PLAIN}${password}`, ...rest].join(':')}\n`;
  const partial = join(usersDir, `.${user.user}.${process.pid}.partial`);
  await writeFile(partial, line, { encoding: 'utf8', mode: 0o644 });
  const later = new Date(before.mtimeMs + 10_000);
  await utimes(partial, later, later);
  await rename(partial, userFile);
  await appendFile(info.passwdFile, line, { encoding: 'utf8', mode: 0o644 });
  return { ...user, password };
}
