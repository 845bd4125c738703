import { userInfo } from 'node:os';
import { findExecutable, run } from './run-command';

/**
 * Who Dovecot's processes run as and who owns the mail.
 * As root: mail belongs to an unprivileged account (Dovecot refuses to touch mail as root) and the
 * Debian service accounts are used when they exist. As any other user: everything is that user.
 */
export interface ServiceIdentity {
  runningAsRoot: boolean;
  mailUid: number;
  mailGid: number;
  internalUser: string;
  internalGroup: string;
  loginUser: string;
}

interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
}

const MAIL_ACCOUNT_AS_ROOT = 'nobody';

async function lookupAccount(name: string): Promise<PasswdEntry | null> {
  try {
    const { stdout } = await run(findExecutable('getent'), ['passwd', name]);
    const [entryName, , uid, gid] = stdout.trim().split(':');
    if (entryName === undefined || uid === undefined || gid === undefined) return null;
    return { name: entryName, uid: Number(uid), gid: Number(gid) };
  } catch {
    return null;
  }
}

async function groupName(gid: number): Promise<string> {
  const { stdout } = await run(findExecutable('getent'), ['group', String(gid)]);
  const name = stdout.trim().split(':')[0];
  if (name === undefined || name === '') throw new Error(`test servers: no group name for gid ${gid}`);
  return name;
}

async function rootIdentity(): Promise<ServiceIdentity> {
  const mailAccount = await lookupAccount(MAIL_ACCOUNT_AS_ROOT);
  if (mailAccount === null || mailAccount.uid === 0) {
    throw new Error(`test servers: running as root needs an unprivileged "${MAIL_ACCOUNT_AS_ROOT}" account to own the mail`);
  }
  const internal = (await lookupAccount('dovecot')) ?? mailAccount;
  const login = (await lookupAccount('dovenull')) ?? mailAccount;
  return {
    runningAsRoot: true,
    mailUid: mailAccount.uid,
    mailGid: mailAccount.gid,
    internalUser: internal.name,
    internalGroup: await groupName(internal.gid),
    loginUser: login.name,
  };
}

async function currentUserIdentity(uid: number, gid: number): Promise<ServiceIdentity> {
  const name = userInfo().username;
  return {
    runningAsRoot: false,
    mailUid: uid,
    mailGid: gid,
    internalUser: name,
    internalGroup: await groupName(gid),
    loginUser: name,
  };
}

/** Decides the accounts for this process: see {@link ServiceIdentity}. */
export async function resolveServiceIdentity(): Promise<ServiceIdentity> {
  const uid = process.getuid?.() ?? -1;
  const gid = process.getgid?.() ?? -1;
  if (uid < 0 || gid < 0) throw new Error('test servers: need a POSIX system (process.getuid)');
  return uid === 0 ? rootIdentity() : currentUserIdentity(uid, gid);
}
