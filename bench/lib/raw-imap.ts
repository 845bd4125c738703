import { ImapFlow } from 'imapflow';
import type { MailUser, TestServerInfo } from '../../test/servers';

/** imapflow on its own: no cache, no UI, no logging. */
export async function rawImap(info: TestServerInfo, user: MailUser): Promise<ImapFlow> {
  const client = new ImapFlow({ host: info.host, port: info.imap.tlsPort, secure: true, auth: { user: user.user, pass: user.password }, tls: { ca: [info.certificate.pem], servername: 'localhost' }, logger: false });
  await client.connect();
  return client;
}

/** The header baseline: one FETCH 1:* (UID FLAGS ENVELOPE BODYSTRUCTURE RFC822.SIZE) loop. Returns messages/s and the count. */
export async function rawHeaderFetch(info: TestServerInfo, user: MailUser, folder = 'INBOX'): Promise<{ perSecond: number; count: number; ms: number }> {
  const client = await rawImap(info, user);
  try {
    const lock = await client.getMailboxLock(folder);
    try {
      const started = performance.now();
      let count = 0;
      for await (const message of client.fetch('1:*', { uid: true, flags: true, envelope: true, bodyStructure: true, size: true })) if (message.uid) count++;
      const ms = performance.now() - started;
      return { perSecond: (count / ms) * 1000, count, ms };
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}
