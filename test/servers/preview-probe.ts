import { connect } from 'node:net';
import type { MailUser, TestServerInfo } from './types';

const PROBE_TIMEOUT_MS = 5_000;

/** Logs in over plain IMAP and resolves with the capabilities Dovecot sends in the LOGIN reply. */
function capabilitiesAfterLogin(info: TestServerInfo, user: MailUser): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: info.host, port: info.imap.starttlsPort });
    let received = '';
    let loginSent = false;
    socket.setTimeout(PROBE_TIMEOUT_MS, () => socket.destroy(new Error('IMAP probe timed out')));
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (!loginSent && received.includes('\r\n')) {
        loginSent = true;
        socket.write(`p1 LOGIN "${user.user}" "${user.password}"\r\n`);
      }
      const reply = /^p1 (OK|NO|BAD)(.*)\r\n/m.exec(received);
      if (reply === null) return;
      socket.end('p2 LOGOUT\r\n');
      if (reply[1] !== 'OK') {
        reject(new Error(`IMAP probe login failed: ${reply[0].trim()}`));
        return;
      }
      resolve(/\[CAPABILITY ([^\]]*)\]/.exec(reply[2] ?? '')?.[1]?.split(' ') ?? []);
    });
  });
}

/**
 * Which preview FETCH item this Dovecot answers, read from its post-login capabilities:
 * RFC 8970 `PREVIEW`, else the draft's `SNIPPET=FUZZY` (older releases). Doubles as an end-to-end
 * check that a user appended to the passwd-file can log in.
 */
export async function detectPreviewFetchItem(info: TestServerInfo, probeUser: MailUser): Promise<'PREVIEW' | 'SNIPPET' | null> {
  const capabilities = await capabilitiesAfterLogin(info, probeUser);
  if (capabilities.includes('PREVIEW')) return 'PREVIEW';
  if (capabilities.includes('SNIPPET=FUZZY')) return 'SNIPPET';
  return null;
}
