import { createTransport } from 'nodemailer';
import type { ServerEndpoint, TrustedCertificate } from '../../../common/model/account';
import { diagnoseConnectionFailure } from '../diagnose';
import { withLoginSecret, type LoginCredential, type LoginSecret } from '../login-credential';
import { isProtocolError } from '../protocol-error';
import { tlsOptionsFor } from '../tls/trust';
import type { TranscriptSink } from '../../transcript/transcript-store';
import { EhloAuthWatcher } from './ehlo-auth';
import { smtpOAuthHandler } from './smtp-oauth';

export type SmtpLogin = LoginCredential & {
  endpoint: ServerEndpoint;
  trusted: TrustedCertificate[];
  transcript?: TranscriptSink;
};

type LogMethod = (entry: unknown, message?: unknown) => void;

/** nodemailer's name for the custom token handler; the handler may send XOAUTH2 under it. */
const OAUTH_METHOD_KEY = 'OAUTHBEARER';

/**
 * nodemailer's transaction log (`tnx` client/server lines; AUTH already masked): read for the
 * EHLO reply's AUTH mechanisms, and written to the transcript when there is one.
 */
function conversationLogger(ehlo: EhloAuthWatcher, sink: TranscriptSink | undefined): Record<'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal', LogMethod> {
  const write: LogMethod = (entry, message) => {
    const tnx = (entry as { tnx?: unknown } | null)?.tnx;
    if ((tnx !== 'client' && tnx !== 'server') || typeof message !== 'string') return;
    ehlo.observe(tnx, message);
    sink?.({ service: 'smtp', direction: tnx, text: message });
  };
  const ignore: LogMethod = () => undefined;
  return { trace: ignore, debug: write, info: ignore, warn: ignore, error: ignore, fatal: ignore };
}

/**
 * nodemailer's AUTH: a password by PLAIN or LOGIN (RFC 4954), or an access token by AUTH
 * OAUTHBEARER (RFC 7628) or XOAUTH2 through a custom handler (smtp-oauth.ts), which picks the
 * mechanism from the EHLO reply. A refused token fails the attempt with EAUTH, so that the refresh
 * and the one retry happen in withLoginSecret, as for IMAP and POP3.
 */
function authOptionsFor(login: SmtpLogin, secret: LoginSecret, ehlo: EhloAuthWatcher) {
  const { endpoint } = login;
  if (!endpoint.user) return {};
  if (secret.kind === 'password') return { auth: { user: endpoint.user, pass: secret.password } };
  const handler = smtpOAuthHandler({ user: endpoint.user, accessToken: secret.accessToken, server: { host: endpoint.host, port: endpoint.port }, offeredMechanisms: () => ehlo.mechanisms });
  return { auth: { type: 'custom', method: OAUTH_METHOD_KEY, user: endpoint.user }, customAuth: { [OAUTH_METHOD_KEY]: handler } };
}

/** One transport per attempt: nodemailer opens one connection per verify() or sendMail(), so the EHLO seen is that connection's. */
function transportFor(login: SmtpLogin, secret: LoginSecret, ehlo: EhloAuthWatcher) {
  const { endpoint } = login;
  return createTransport({
    host: endpoint.host,
    port: endpoint.port,
    secure: endpoint.security === 'tls',
    requireTLS: endpoint.security === 'starttls',
    ignoreTLS: endpoint.security === 'none',
    ...authOptionsFor(login, secret, ehlo),
    tls: tlsOptionsFor(endpoint.host, endpoint.port, login.trusted),
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: conversationLogger(ehlo, login.transcript),
    transactionLog: true,
  });
}

/** What the server's EHLO reply said about messages: the largest it takes (RFC 1870 SIZE), or null for no stated limit. */
export interface SmtpLimits {
  maxMessageBytes: number | null;
}

/** The SMTP half of the login check: connect, start TLS as configured, authenticate. */
export function verifySmtpLogin(login: SmtpLogin): Promise<SmtpLimits> {
  return withLoginSecret(login, (secret) => verifySmtpLoginWith(login, secret));
}

async function verifySmtpLoginWith(login: SmtpLogin, secret: LoginSecret): Promise<SmtpLimits> {
  const ehlo = new EhloAuthWatcher();
  const transport = transportFor(login, secret, ehlo);
  try {
    await transport.verify();
    return { maxMessageBytes: ehlo.maxMessageBytes };
  } catch (error) {
    throw isProtocolError(error) ? error : await diagnoseConnectionFailure(error, login.endpoint, 'smtp');
  } finally {
    transport.close();
  }
}

/**
 * Submits a message. Resolves once the server accepted it for at least one recipient, with the
 * recipients it refused: the message is then sent (and belongs in Sent), and sending it again
 * would give the others a second copy. Rejects when nobody was accepted. A refused access token
 * is refreshed and the message submitted once more: AUTH comes before MAIL FROM (RFC 4954 §4),
 * so nothing was sent with the refused one.
 */
export function submitMessage(login: SmtpLogin, envelope: { from: string; to: string[] }, raw: Uint8Array): Promise<{ refused: string[] } & SmtpLimits> {
  return withLoginSecret(login, (secret) => submitMessageWith(login, secret, envelope, raw));
}

async function submitMessageWith(login: SmtpLogin, secret: LoginSecret, envelope: { from: string; to: string[] }, raw: Uint8Array): Promise<{ refused: string[] } & SmtpLimits> {
  const ehlo = new EhloAuthWatcher();
  const transport = transportFor(login, secret, ehlo);
  try {
    const info = await transport.sendMail({ envelope, raw: Buffer.from(raw) });
    const refused = info.rejected.map(String);
    if (info.accepted.length === 0) {
      throw Object.assign(new Error(`The server refused ${refused.join(', ')}`), { code: 'EENVELOPE', responseText: info.response });
    }
    return { refused, maxMessageBytes: ehlo.maxMessageBytes };
  } catch (error) {
    throw isProtocolError(error) ? error : await diagnoseConnectionFailure(error, login.endpoint, 'smtp');
  } finally {
    transport.close();
  }
}
