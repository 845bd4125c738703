import { createUser, makeMessage, seedMessages, type MailUser, type TestServerInfo } from '../../test/servers';

/** The subject of the n-th seeded message (unique: the list is searched for it). */
export function benchSubject(n: number): string {
  return `Bulk ${n} about the quarterly numbers`;
}

/** A realistic text message; every 20th carries a 100 KB attachment when `attachments` is set. */
function benchMessage(n: number, attachments: boolean): string {
  const date = new Date(Date.UTC(2020, 0, 1) + n * 60_000);
  const base = makeMessage({ subject: benchSubject(n), from: `Sender ${n % 97} <sender${n % 97}@example.test>`, date, body: `Hello,\r\n\r\nthis is message ${n} of the benchmark, with a few lines of text\r\nso that snippets and sizes look like real mail.\r\n\r\nRegards\r\n` });
  if (!attachments || n % 20 !== 0) return base;
  const [head, body] = base.split('\r\n\r\n', 2) as [string, string];
  const blob = Buffer.alloc(100 * 1024, n % 251).toString('base64').replace(/.{76}/g, '$&\r\n');
  return `${head.replace(/^Content-Type:.*$/im, 'Content-Type: multipart/mixed; boundary="b"')}\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n--b\r\nContent-Type: application/octet-stream; name="data-${n}.bin"\r\nContent-Disposition: attachment; filename="data-${n}.bin"\r\nContent-Transfer-Encoding: base64\r\n\r\n${blob}\r\n--b--\r\n`;
}

/** A new user with `count` messages in `folder`, written straight into its Maildir (cold for Dovecot). */
export async function seededUser(info: TestServerInfo, count: number, options: { folder?: string; attachments?: boolean } = {}): Promise<MailUser> {
  const user = await createUser(info);
  const batch = 5_000;
  for (let start = 0; start < count; start += batch) {
    const messages = Array.from({ length: Math.min(batch, count - start) }, (_, i) => ({ raw: benchMessage(start + i + 1, options.attachments ?? false) }));
    await seedMessages(info, user, options.folder ?? 'INBOX', messages);
  }
  return user;
}
