import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls, type DetailedPeerCertificate, type TLSSocket } from 'node:tls';
import type { CertificateInfo } from '../../../common/result';
import type { Security } from '../../../common/model/account';

export type ProbedService = 'imap' | 'pop3' | 'smtp';

export interface ProbedCertificate {
  info: CertificateInfo;
  /** PEM of the top of the presented chain: what becomes the trust anchor if the user accepts. */
  anchorPem: string;
}

const PROBE_TIMEOUT_MS = 10_000;

/**
 * Connects without verifying, only to show the user the certificate the server presents
 * (after an untrusted-certificate error). Sends no credentials: for STARTTLS it speaks just
 * enough of the protocol to start TLS.
 */
export async function probeCertificate(host: string, port: number, security: Security, service: ProbedService): Promise<ProbedCertificate> {
  if (security === 'none') throw new Error('No TLS on this connection');
  const socket = security === 'tls' ? undefined : await startTlsOnPlainSocket(host, port, service);
  const tlsSocket = await new Promise<TLSSocket>((resolve, reject) => {
    const s = connectTls({ host, port, socket, rejectUnauthorized: false, servername: /^[\d.]+$|:/.test(host) ? undefined : host });
    s.setTimeout(PROBE_TIMEOUT_MS, () => s.destroy(new Error('Timed out reading the certificate')));
    s.once('secureConnect', () => resolve(s));
    s.once('error', reject);
  });
  try {
    const leaf = tlsSocket.getPeerCertificate(true);
    const reason = tlsSocket.authorizationError instanceof Error ? (tlsSocket.authorizationError as NodeJS.ErrnoException).code ?? tlsSocket.authorizationError.message : String(tlsSocket.authorizationError ?? 'UNKNOWN');
    return {
      info: {
        subject: formatName(leaf.subject),
        issuer: formatName(leaf.issuer),
        validFrom: leaf.valid_from,
        validTo: leaf.valid_to,
        fingerprint256: leaf.fingerprint256,
        reason,
      },
      anchorPem: toPem(topOfChain(leaf).raw),
    };
  } finally {
    tlsSocket.destroy();
  }
}

function topOfChain(cert: DetailedPeerCertificate): DetailedPeerCertificate {
  let current = cert;
  while (current.issuerCertificate && current.issuerCertificate !== current && current.issuerCertificate.fingerprint256 !== current.fingerprint256) {
    current = current.issuerCertificate;
  }
  return current;
}

function toPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function formatName(name: Record<string, string | string[] | undefined> | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : value}`)
    .join(', ');
}

/** The plaintext steps before TLS: RFC 3501 §6.2.1 (IMAP), RFC 2595 §4 (POP3 STLS), RFC 3207 (SMTP). */
async function startTlsOnPlainSocket(host: string, port: number, service: ProbedService): Promise<Socket> {
  const socket = connectTcp({ host, port });
  socket.setTimeout(PROBE_TIMEOUT_MS, () => socket.destroy(new Error('Timed out before STARTTLS')));
  const reader = lineReader(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  await reader.next(); // greeting
  if (service === 'imap') {
    socket.write('P1 STARTTLS\r\n');
    await reader.until((line) => line.startsWith('P1 '));
  } else if (service === 'pop3') {
    socket.write('STLS\r\n');
    await reader.next();
  } else {
    socket.write('EHLO porthole.invalid\r\n');
    await reader.until((line) => /^\d{3} /.test(line));
    socket.write('STARTTLS\r\n');
    await reader.next();
  }
  reader.stop();
  socket.setTimeout(0);
  return socket;
}

function lineReader(socket: Socket): { next(): Promise<string>; until(done: (line: string) => boolean): Promise<string>; stop(): void } {
  let buffered = '';
  const lines: string[] = [];
  let waiting: ((line: string) => void) | null = null;
  let failed: Error | null = null;
  let rejectWaiting: ((error: Error) => void) | null = null;
  const onData = (chunk: Buffer): void => {
    buffered += chunk.toString('latin1');
    let index: number;
    while ((index = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, index).replace(/\r$/, '');
      buffered = buffered.slice(index + 1);
      if (waiting) {
        const resolve = waiting;
        waiting = null;
        resolve(line);
      } else lines.push(line);
    }
  };
  const onEnd = (): void => {
    failed = new Error('The server closed the connection');
    rejectWaiting?.(failed);
  };
  socket.on('data', onData);
  socket.on('close', onEnd);
  const next = (): Promise<string> =>
    new Promise((resolve, reject) => {
      const line = lines.shift();
      if (line !== undefined) return resolve(line);
      if (failed) return reject(failed);
      waiting = resolve;
      rejectWaiting = reject;
    });
  return {
    next,
    async until(done) {
      for (;;) {
        const line = await next();
        if (done(line)) return line;
      }
    },
    stop() {
      socket.off('data', onData);
      socket.off('close', onEnd);
    },
  };
}
