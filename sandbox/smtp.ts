import { readAll, smtpError } from '../node-lib/smtp-server-replies';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { MailStore } from './store/mail-store';
import { LOOPBACK_HOST, type LoopbackServer } from './net/loopback-server';
import { SANDBOX_DOMAIN, type SandboxUsers } from './users';

export interface SmtpContext {
  store: MailStore;
  users: SandboxUsers;
  /** The largest message accepted (RFC 1870 SIZE). */
  maxMessageBytes: number;
}


/** RFC 5321 §4.4: the trace fields a delivering server puts on top of the message. */
function traceFields(session: SMTPServerSession, recipient: string): Buffer {
  const from = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
  const date = new Date().toUTCString().replace('GMT', '+0000');
  return Buffer.from(`Return-Path: <${from}>\r\nReceived: from ${session.clientHostname} ([${session.remoteAddress}])\r\n\tby ${SANDBOX_DOMAIN} (Porthole sandbox) with ESMTPA id ${session.id}\r\n\tfor <${recipient}>; ${date}\r\n`);
}

/**
 * SMTP submission (RFC 6409) with nodemailer's smtp-server, delivering into the sandbox store:
 * AUTH PLAIN/LOGIN against the sandbox users is required; only sandbox users are accepted at
 * RCPT, anything else is refused there (the sandbox never relays anywhere); a message is
 * acknowledged only after every recipient's INBOX has it on disk. Plaintext on loopback only.
 */
export function startSmtpServer(context: SmtpContext, port = 0): Promise<LoopbackServer> {
  const { store, users } = context;
  const server = new SMTPServer({
    name: SANDBOX_DOMAIN,
    banner: 'Porthole sandbox submission (loopback only, no TLS)',
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    hideSTARTTLS: true,
    size: context.maxMessageBytes,
    disableReverseLookup: true,
    closeTimeout: 1_000,
    logger: false,
    onAuth: (auth, _session, callback) => {
      const user = users.authenticate(auth.username ?? '', auth.password ?? '');
      if (!user) callback(smtpError(535, '5.7.8 Authentication credentials invalid'));
      else callback(null, { user: user.user });
    },
    onRcptTo: (address: SMTPServerAddress, _session, callback) => {
      const at = address.address.lastIndexOf('@');
      if (at < 0 || address.address.slice(at + 1).toLowerCase() !== SANDBOX_DOMAIN) callback(smtpError(550, `5.7.1 Relaying denied: the sandbox delivers to @${SANDBOX_DOMAIN} only`));
      else if (!users.byAddress(address.address)) callback(smtpError(550, '5.1.1 No such user here'));
      else callback();
    },
    onData: (stream: SMTPServerDataStream, session, callback) => {
      readAll(stream)
        .then(async (raw) => {
          if (stream.sizeExceeded) throw smtpError(552, '5.3.4 Message too big');
          const recipients = new Map(session.envelope.rcptTo.map((rcpt) => [users.byAddress(rcpt.address)!.user, rcpt.address]));
          for (const [user, address] of recipients) await store.deliver(user, Buffer.concat([traceFields(session, address), raw]), 'smtp');
          return `Delivered to ${recipients.size} mailbox(es)`;
        })
        .then(
          (reply) => callback(null, reply),
          (error: Error) => callback('responseCode' in error ? error : smtpError(451, '4.3.0 The sandbox could not store the message')),
        );
    },
  });
  // A client that drops mid-session is its own problem: it must not end the process.
  server.on('error', () => undefined);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK_HOST, () => {
      const address = server.server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('sandbox: the SMTP server has no port'));
        return;
      }
      resolve({ port: address.port, close: () => new Promise<void>((done) => server.close(() => done())) });
    });
  });
}
