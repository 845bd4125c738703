import { createTransport } from 'nodemailer';
import type { ServerEndpoint, TrustedCertificate } from '../../../common/model/account';
import { diagnoseConnectionFailure } from '../diagnose';
import { tlsOptionsFor } from '../tls/trust';
import type { TranscriptSink } from '../../transcript/transcript-store';

export interface SmtpLogin {
  endpoint: ServerEndpoint;
  password: string;
  trusted: TrustedCertificate[];
  transcript?: TranscriptSink;
}

type LogMethod = (entry: unknown, message?: unknown) => void;

/** nodemailer's transaction log (`tnx` client/server lines; AUTH already masked) as transcript lines. */
function transcriptLogger(sink: TranscriptSink): Record<'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal', LogMethod> {
  const write: LogMethod = (entry, message) => {
    const tnx = (entry as { tnx?: unknown } | null)?.tnx;
    if ((tnx === 'client' || tnx === 'server') && typeof message === 'string') sink({ service: 'smtp', direction: tnx, text: message });
  };
  const ignore: LogMethod = () => undefined;
  return { trace: ignore, debug: write, info: ignore, warn: ignore, error: ignore, fatal: ignore };
}

function transportFor(login: SmtpLogin) {
  const { endpoint } = login;
  return createTransport({
    host: endpoint.host,
    port: endpoint.port,
    secure: endpoint.security === 'tls',
    requireTLS: endpoint.security === 'starttls',
    ignoreTLS: endpoint.security === 'none',
    auth: endpoint.user ? { user: endpoint.user, pass: login.password } : undefined,
    tls: tlsOptionsFor(endpoint.host, endpoint.port, login.trusted),
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
    disableFileAccess: true,
    disableUrlAccess: true,
    ...(login.transcript ? { logger: transcriptLogger(login.transcript), transactionLog: true } : {}),
  });
}

/** The SMTP half of the login check: connect, start TLS as configured, authenticate. */
export async function verifySmtpLogin(login: SmtpLogin): Promise<void> {
  const transport = transportFor(login);
  try {
    await transport.verify();
  } catch (error) {
    throw await diagnoseConnectionFailure(error, login.endpoint, 'smtp');
  } finally {
    transport.close();
  }
}

/** Submits an already-built message; resolves once the server accepted it for every recipient. */
/**
 * Submits a message. Resolves once the server accepted it for at least one recipient, with the
 * recipients it refused: the message is then sent (and belongs in Sent), and sending it again
 * would give the others a second copy. Rejects when nobody was accepted.
 */
export async function submitMessage(login: SmtpLogin, envelope: { from: string; to: string[] }, raw: Uint8Array): Promise<{ refused: string[] }> {
  const transport = transportFor(login);
  try {
    const info = await transport.sendMail({ envelope, raw: Buffer.from(raw) });
    const refused = info.rejected.map(String);
    if (info.accepted.length === 0) {
      throw Object.assign(new Error(`The server refused ${refused.join(', ')}`), { code: 'EENVELOPE', responseText: info.response });
    }
    return { refused };
  } catch (error) {
    throw await diagnoseConnectionFailure(error, login.endpoint, 'smtp');
  } finally {
    transport.close();
  }
}
