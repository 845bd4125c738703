import { ImapFlow } from 'imapflow';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { MailUser, TestServerInfo } from '../servers';
import { waitFor } from './wait';

/**
 * "Another device": a plain imapflow connection that shares no code with the product's engine,
 * used to change the mailbox behind the product's back and to check what the server holds.
 */
export async function otherImapClient(servers: TestServerInfo, user: MailUser): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: servers.host,
    port: servers.imap.tlsPort,
    secure: true,
    auth: { user: user.user, pass: user.password },
    tls: { ca: [servers.certificate.pem], servername: 'localhost' },
    logger: false,
    disableAutoIdle: true,
  });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** UID → flags of every message in a folder, as the server has them. */
export async function serverFlags(client: ImapFlow, path: string): Promise<Map<number, string[]>> {
  const lock = await client.getMailboxLock(path);
  try {
    const out = new Map<number, string[]>();
    // A fresh SELECT each time: a selected mailbox's counts only change when the server says so.
    if ((await client.mailboxOpen(path)).exists === 0) return out;
    for await (const message of client.fetch('1:*', { uid: true, flags: true })) out.set(message.uid, [...(message.flags ?? [])]);
    return out;
  } finally {
    lock.release();
  }
}

/** Subjects of every message in a folder, as the server has them. */
export async function serverSubjects(client: ImapFlow, path: string): Promise<string[]> {
  const lock = await client.getMailboxLock(path);
  try {
    const out: string[] = [];
    if ((await client.mailboxOpen(path)).exists === 0) return out;
    for await (const message of client.fetch('1:*', { uid: true, envelope: true })) out.push(message.envelope?.subject ?? '');
    return out;
  } finally {
    lock.release();
  }
}

/** The message with this subject in a folder, parsed, once the server has it (waits up to 20 s). */
export function arrivedMessage(client: ImapFlow, path: string, subject: string): Promise<ParsedMail> {
  return waitFor(
    async () => {
      const lock = await client.getMailboxLock(path);
      try {
        if ((await client.mailboxOpen(path)).exists === 0) return undefined;
        for await (const m of client.fetch('1:*', { source: true })) {
          const parsed = await simpleParser(m.source!);
          if (parsed.subject === subject) return parsed;
        }
        return undefined;
      } finally {
        lock.release();
      }
    },
    `"${subject}" in ${path}`,
    20_000,
    200,
  );
}
