import { join } from 'node:path';

/** The only mail domain the test servers accept; every test user is `name@example.test`. */
export const MAIL_DOMAIN = 'example.test';

/** Where everything lives inside one instance's temp dir. */
export interface InstanceLayout {
  dir: string;
  configPath: string;
  passwdFile: string;
  /** One passwd-file per user (`users/<name>`), which Dovecot sees the moment it exists. */
  usersDir: string;
  logPath: string;
  stderrPath: string;
  baseDir: string;
  stateDir: string;
  mailRoot: string;
  tlsDir: string;
}

export function instanceLayout(dir: string): InstanceLayout {
  return {
    dir,
    configPath: join(dir, 'dovecot.conf'),
    passwdFile: join(dir, 'passwd'),
    usersDir: join(dir, 'users'),
    logPath: join(dir, 'dovecot.log'),
    stderrPath: join(dir, 'dovecot.stderr'),
    baseDir: join(dir, 'run'),
    stateDir: join(dir, 'state'),
    mailRoot: join(dir, 'mail'),
    tlsDir: join(dir, 'tls'),
  };
}

/** A user's home; the Maildir is `<home>/Maildir` (`mail_location = maildir:~/Maildir`). */
export function userHome(dir: string, user: string): string {
  return join(instanceLayout(dir).mailRoot, user);
}
