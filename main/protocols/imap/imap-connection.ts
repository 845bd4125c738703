import { ImapFlow, type ImapFlowOptions, type Logger } from 'imapflow';
import type { TranscriptSink } from '../../transcript/transcript-store';
import type { ServerEndpoint, TrustedCertificate } from '../../../common/model/account';
import { diagnoseConnectionFailure } from '../diagnose';
import { tlsOptionsFor } from '../tls/trust';

export interface ImapLogin {
  endpoint: ServerEndpoint;
  password: string;
  trusted: TrustedCertificate[];
  /** Receives every command and response (imapflow has already masked the LOGIN password). */
  transcript?: TranscriptSink;
  /**
   * Also show untagged FETCH responses: for an IDLE connection, where they are the server's
   * pushed flag changes (few, and the point of watching), not a bulk download.
   */
  transcriptFetchResponses?: boolean;
}

/**
 * imapflow's log entries as transcript lines: commands (`src: 'c'`) and responses (`src: 's'`).
 * There is no `trace` level, so imapflow does not even format the bulk FETCH responses.
 */
function transcriptLogger(sink: TranscriptSink, withFetchResponses: boolean): Logger {
  const write = (entry: unknown): void => {
    const { src, msg } = (entry ?? {}) as { src?: unknown; msg?: unknown };
    if ((src === 'c' || src === 's') && typeof msg === 'string') sink({ service: 'imap', direction: src === 'c' ? 'client' : 'server', text: msg });
  };
  return { debug: write, info: write, warn: write, error: write, ...(withFetchResponses ? { trace: write } : {}) };
}

const CONNECTION_TIMEOUT_MS = 15_000;
const GREETING_TIMEOUT_MS = 10_000;

/** An ImapFlow client for one account connection; nothing is sent until `connect()`. */
export function createImapClient(login: ImapLogin, extra: Partial<ImapFlowOptions> = {}): ImapFlow {
  const { endpoint } = login;
  return new ImapFlow({
    host: endpoint.host,
    port: endpoint.port,
    secure: endpoint.security === 'tls',
    doSTARTTLS: endpoint.security === 'starttls' ? true : endpoint.security === 'none' ? false : undefined,
    auth: { user: endpoint.user, pass: login.password },
    tls: tlsOptionsFor(endpoint.host, endpoint.port, login.trusted),
    logger: login.transcript ? transcriptLogger(login.transcript, login.transcriptFetchResponses ?? false) : false,
    qresync: true,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: GREETING_TIMEOUT_MS,
    clientInfo: { name: 'Porthole', vendor: 'Porthole' },
    ...extra,
  });
}

/** Connects and logs in, or throws a ProtocolError that says what went wrong in the user's terms. */
export async function connectImap(login: ImapLogin, extra: Partial<ImapFlowOptions> = {}): Promise<ImapFlow> {
  const client = createImapClient(login, extra);
  // An 'error' event after connect() failed must not crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return client;
  } catch (error) {
    client.close();
    throw await diagnoseConnectionFailure(error, login.endpoint, 'imap');
  }
}

/** The login check of the account form: connect, log in, log out. */
export async function verifyImapLogin(login: ImapLogin): Promise<void> {
  const client = await connectImap(login, { disableAutoIdle: true });
  await client.logout().catch(() => client.close());
}
