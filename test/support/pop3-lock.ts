import { connect } from 'node:net';
import type { MailUser, TestServerInfo } from '../servers';

/**
 * Another POP3 client logged in and idle on Dovecot's plain port: with session locking
 * (`pop3_lock_session = yes`), it holds the maildrop until it QUITs.
 */
export async function holdMaildrop(info: TestServerInfo, user: MailUser): Promise<{ release: () => Promise<void> }> {
  const socket = connect(info.pop3.stlsPort, info.host);
  await new Promise<void>((resolve, reject) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.split('\r\n').filter((l) => l.startsWith('+OK')).length === 3) resolve();
      if (text.includes('-ERR')) reject(new Error(text));
    });
    socket.once('error', reject);
    socket.write(`USER ${user.user}\r\nPASS ${user.password}\r\n`);
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return {
    release: async () => {
      if (!socket.destroyed) socket.end('QUIT\r\n');
      await closed;
    },
  };
}
