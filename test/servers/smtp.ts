import type { Readable } from 'node:stream';
import { readAll, smtpError } from '../../node-lib/smtp-server-replies';
import { createTransport } from 'nodemailer';
import {
  SMTPServer,
  type SMTPServerAddress,
  type SMTPServerAuthentication,
  type SMTPServerAuthenticationResponse,
  type SMTPServerOptions,
  type SMTPServerSession,
} from 'smtp-server';
import { MAIL_DOMAIN } from './layout';
import { normalizeLogin, readPasswdFile } from './passwd-file';
import { HOST } from './ports';

/**
 * Submission servers (plain + STARTTLS, and implicit TLS) that deliver into Dovecot over LMTP.
 * Policy: AUTH (PLAIN/LOGIN, also without TLS on loopback) against the shared passwd-file is required,
 * or with `introspectionUrl` also XOAUTH2 with a token the authorization server calls active for that user;
 * only existing users of the local domain are accepted at RCPT (no relaying); a message is accepted
 * only after LMTP accepted it for every recipient, otherwise the client gets LMTP's error.
 * Messages over SMTP_SIZE_LIMIT are refused (announced in EHLO as SIZE, RFC 1870), as real
 * providers refuse theirs (Gmail at about 35 MB, Microsoft 365 at 35 MB by default).
 */

/** The test servers' SIZE: small enough that a test can exceed it without moving hundreds of megabytes. */
export const SMTP_SIZE_LIMIT = 10 * 1024 * 1024;

export interface SmtpServerOptions {
  passwdFile: string;
  lmtpPort: number;
  certPem: string;
  keyPem: string;
  /** Also accept AUTH XOAUTH2, each token checked by RFC 7662 introspection here (client credentials in the URL). */
  introspectionUrl?: string;
}

export interface RunningSmtpServers {
  starttlsPort: number;
  tlsPort: number;
  close(): Promise<void>;
}


function responseCodeOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('responseCode' in error)) return undefined;
  return typeof error.responseCode === 'number' ? error.responseCode : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function createHandlers(options: SmtpServerOptions): Pick<SMTPServerOptions, 'onAuth' | 'onRcptTo' | 'onData'> {
  // Dovecot's LMTP offers STARTTLS; on loopback it only costs time (and certificate checks).
  const lmtp = createTransport({ host: HOST, port: options.lmtpPort, lmtp: true, ignoreTLS: true });

  async function authenticate(auth: SMTPServerAuthentication): Promise<SMTPServerAuthenticationResponse> {
    const login = normalizeLogin(auth.username ?? '');
    if (auth.method === 'XOAUTH2') {
      if (options.introspectionUrl && auth.accessToken && (await tokenOwner(options.introspectionUrl, auth.accessToken)) === login) return { user: login };
      // smtp-server sends this as the 334 error challenge, then 535 (the XOAUTH2 failure path).
      return { data: { status: '401', schemes: 'bearer', scope: 'mail' } };
    }
    const entry = (await readPasswdFile(options.passwdFile)).get(login);
    if (entry === undefined || auth.password === undefined || entry.password !== auth.password) {
      throw smtpError(535, '5.7.8 Authentication credentials invalid');
    }
    return { user: login };
  }

  async function checkRecipient(address: SMTPServerAddress): Promise<void> {
    const at = address.address.lastIndexOf('@');
    const domain = address.address.slice(at + 1).toLowerCase();
    if (at < 0 || domain !== MAIL_DOMAIN) throw smtpError(550, '5.7.1 Relaying denied');
    // Dovecot's recipient_delimiter: alice+tag@ is alice.
    const localUser = normalizeLogin(address.address.slice(0, at).split('+')[0] ?? '');
    if (!(await readPasswdFile(options.passwdFile)).has(localUser)) {
      throw smtpError(550, '5.1.1 Mailbox unavailable');
    }
  }

  async function deliver(stream: Readable & { sizeExceeded?: boolean }, session: SMTPServerSession): Promise<string> {
    const raw = await readAll(stream);
    if (stream.sizeExceeded) throw smtpError(552, '5.3.4 Message size exceeds fixed maximum message size');
    const from = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
    const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
    const sent = await lmtp.sendMail({ envelope: { from, to }, raw }).catch((error: unknown) => {
      const responseCode = responseCodeOf(error) ?? 451;
      throw smtpError(responseCode, `${responseCode >= 500 ? 5 : 4}.3.0 LMTP delivery failed: ${messageOf(error)}`);
    });
    const firstRejection = sent.rejectedErrors?.[0];
    if (sent.rejected.length > 0) {
      throw smtpError(
        responseCodeOf(firstRejection) ?? 550,
        `LMTP rejected ${sent.rejected.join(', ')}: ${firstRejection?.message ?? sent.response}`,
      );
    }
    return `Delivered to ${to.length} recipient(s)`;
  }

  return {
    onAuth: (auth, _session, callback) => {
      authenticate(auth).then((response) => callback(null, response), (error: Error) => callback(error));
    },
    onRcptTo: (address, _session, callback) => {
      checkRecipient(address).then(() => callback(), (error: Error) => callback(error));
    },
    onData: (stream, session, callback) => {
      deliver(stream, session).then((reply) => callback(null, reply), (error: Error) => callback(error));
    },
  };
}

/** RFC 7662: the user (`sub`) an active token belongs to, or null; the URL carries the client's credentials (HTTP Basic). */
async function tokenOwner(introspectionUrl: string, token: string): Promise<string | null> {
  const url = new URL(introspectionUrl);
  const basic = Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64');
  url.username = '';
  url.password = '';
  const response = await fetch(url, { method: 'POST', headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }) });
  if (!response.ok) return null;
  const answer = (await response.json()) as { active?: unknown; sub?: unknown };
  return answer.active === true && typeof answer.sub === 'string' ? normalizeLogin(answer.sub) : null;
}

function listen(server: SMTPServer): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.server.address();
      if (address === null || typeof address === 'string') reject(new Error('test servers: SMTP server has no port'));
      else resolve(address.port);
    });
  });
}

function close(server: SMTPServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Starts both submission servers on free ports chosen by the kernel (no race with other runs). */
export async function startSmtpServers(options: SmtpServerOptions): Promise<RunningSmtpServers> {
  const shared: SMTPServerOptions = {
    ...createHandlers(options),
    key: options.keyPem,
    cert: options.certPem,
    authMethods: options.introspectionUrl ? ['PLAIN', 'LOGIN', 'XOAUTH2'] : ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    size: SMTP_SIZE_LIMIT,
    name: 'localhost',
    banner: 'porthole test submission',
    closeTimeout: 1_000,
    disableReverseLookup: true,
    logger: false,
  };
  const starttls = new SMTPServer({ ...shared, secure: false });
  const implicitTls = new SMTPServer({ ...shared, secure: true });
  // A client that drops mid-handshake (a certificate probe, a cut connection) is the client's
  // problem: without a listener, smtp-server's 'error' event would end the test process.
  for (const server of [starttls, implicitTls]) server.on('error', () => undefined);
  const [starttlsPort, tlsPort] = await Promise.all([listen(starttls), listen(implicitTls)]);
  return {
    starttlsPort,
    tlsPort,
    close: async () => {
      await Promise.all([close(starttls), close(implicitTls)]);
    },
  };
}
