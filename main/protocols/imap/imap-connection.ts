import { ImapFlow, type ImapFlowOptions, type Logger } from 'imapflow';
import type { TranscriptSink } from '../../transcript/transcript-store';
import type { ServerEndpoint, TrustedCertificate } from '../../../common/model/account';
import { diagnoseConnectionFailure } from '../diagnose';
import { withLoginSecret, type LoginCredential, type LoginSecret } from '../login-credential';
import { refusedError } from '../protocol-error';
import { tlsOptionsFor } from '../tls/trust';

export type ImapLogin = LoginCredential & {
  endpoint: ServerEndpoint;
  trusted: TrustedCertificate[];
  /** Receives every command and response (imapflow has already masked the password or token). */
  transcript?: TranscriptSink;
  /**
   * Also show untagged FETCH responses: for an IDLE connection, where they are the server's
   * pushed flag changes (few, and the point of watching), not a bulk download.
   */
  transcriptFetchResponses?: boolean;
};

/** Server responses imapflow's parser refused on one connection (it skips such a line and goes on). */
export interface RefusedResponses {
  count: number;
  /** The parser's words for the latest one, e.g. "Unexpected char at position 57 [E2: \"}\"]". */
  lastReason: string | null;
}

const refusedByClient = new WeakMap<ImapFlow, RefusedResponses>();
const failureByClient = new WeakMap<ImapFlow, unknown>();

/** What the parser refused on this connection so far (count and the latest reason). */
export function refusedResponses(client: ImapFlow): RefusedResponses {
  return refusedByClient.get(client) ?? { count: 0, lastReason: null };
}

/** The error that ended this connection (a stall, an oversized or unreadable response), if any. */
export function connectionFailure(client: ImapFlow): unknown {
  return failureByClient.get(client);
}

/**
 * imapflow logs a response its parser refused at `error` level with the payload as `msg` and the
 * parser's error as `err` (ParserErrorN, MAX_IMAP_NESTING_REACHED …), then skips the line.
 */
function isRefusedResponseEntry(entry: { src?: unknown; err?: unknown; payloadBytes?: unknown }): boolean {
  return entry.src === 's' && typeof entry.payloadBytes === 'number' && entry.err !== undefined;
}

/**
 * imapflow's log entries as transcript lines: commands (`src: 'c'`) and responses (`src: 's'`);
 * the refused responses are also counted into `refused`. Without a `trace` level imapflow does
 * not even format the bulk FETCH responses; without a transcript only errors are logged.
 */
function connectionLogger(sink: TranscriptSink | undefined, withFetchResponses: boolean, refused: RefusedResponses): Logger {
  const write = (entry: unknown): void => {
    const { src, msg } = (entry ?? {}) as { src?: unknown; msg?: unknown };
    if (sink && (src === 'c' || src === 's') && typeof msg === 'string') sink({ service: 'imap', direction: src === 'c' ? 'client' : 'server', text: msg });
  };
  const error = (entry: unknown): void => {
    const fields = (entry ?? {}) as { src?: unknown; err?: unknown; payloadBytes?: unknown };
    if (isRefusedResponseEntry(fields)) {
      refused.count++;
      const reason = (fields.err as { message?: unknown }).message;
      refused.lastReason = typeof reason === 'string' ? reason : 'unreadable response';
    }
    write(entry);
  };
  if (!sink) return { error } as Logger;
  return { debug: write, info: write, warn: write, error, ...(withFetchResponses ? { trace: write } : {}) };
}

const CONNECTION_TIMEOUT_MS = 15_000;
const GREETING_TIMEOUT_MS = 10_000;

/**
 * Limits on what a server may send, as imapflow options (its parser enforces them and fails the
 * connection with LineTooLarge / LiteralTooLarge / ResponseTooLarge; imapflow's defaults are
 * 1 GB). A line: the longest legitimate one is a SEARCH answer of plain numbers, about 8 MB for
 * a million messages. A literal: header fetches ask for a few KB; a connection that downloads
 * whole messages raises it (see `maxLiteralSize` of the sync connection).
 */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;
export const MAX_HEADER_LITERAL_BYTES = 1024 * 1024;
/**
 * No byte for this long while a command waits for its answer: the server stopped answering.
 * imapflow's `socketTimeout` is exactly this inactivity timer (re-armed by every byte, and a
 * quiet IDLE is probed with NOOP instead of failing), so it is used instead of a timer of our own.
 */
export const STALLED_AFTER_MS = 45_000;

/**
 * imapflow's login: a password by AUTHENTICATE PLAIN or LOGIN, or LOGIN (RFC 3501 §6.2.3); an
 * access token by AUTHENTICATE OAUTHBEARER (RFC 7628) when the server offers it, else XOAUTH2,
 * with SASL-IR (RFC 4959) when offered.
 */
function authFor(user: string, secret: LoginSecret): ImapFlowOptions['auth'] {
  return secret.kind === 'oauth2' ? { user, accessToken: secret.accessToken } : { user, pass: secret.password };
}

/** An ImapFlow client for one account connection and one login secret; nothing is sent until `connect()`. */
function createImapClient(login: ImapLogin, secret: LoginSecret, extra: Partial<ImapFlowOptions>): ImapFlow {
  const { endpoint } = login;
  const refused: RefusedResponses = { count: 0, lastReason: null };
  const options: ImapFlowOptions = {
    host: endpoint.host,
    port: endpoint.port,
    secure: endpoint.security === 'tls',
    doSTARTTLS: endpoint.security === 'starttls' ? true : endpoint.security === 'none' ? false : undefined,
    auth: authFor(endpoint.user, secret),
    tls: tlsOptionsFor(endpoint.host, endpoint.port, login.trusted),
    logger: connectionLogger(login.transcript, login.transcriptFetchResponses ?? false, refused),
    qresync: true,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: GREETING_TIMEOUT_MS,
    socketTimeout: STALLED_AFTER_MS,
    maxLineLength: MAX_LINE_BYTES,
    maxLiteralSize: MAX_HEADER_LITERAL_BYTES,
    clientInfo: { name: 'Porthole', vendor: 'Porthole' },
    ...extra,
  };
  // RFC 3501 §4.3: a response is its lines and literals; imapflow wants the total above both.
  options.maxResponseSize ??= (options.maxLiteralSize ?? MAX_HEADER_LITERAL_BYTES) + (options.maxLineLength ?? MAX_LINE_BYTES);
  const client = new ImapFlow(options);
  refusedByClient.set(client, refused);
  return client;
}

/**
 * Connects and logs in, or throws a ProtocolError that says what went wrong in the user's terms.
 * With OAuth2, a refused token is refreshed and tried once more on a new connection.
 */
export function connectImap(login: ImapLogin, extra: Partial<ImapFlowOptions> = {}): Promise<ImapFlow> {
  return withLoginSecret(login, (secret) => connectImapWith(login, secret, extra));
}

/** imapflow's words when a token was given and the server offers no mechanism that carries one. */
const NO_TOKEN_MECHANISM = /unsupported authentication mechanism/i;

async function connectImapWith(login: ImapLogin, secret: LoginSecret, extra: Partial<ImapFlowOptions>): Promise<ImapFlow> {
  const client = createImapClient(login, secret, extra);
  // An 'error' event after connect() failed must not crash the process; one on a live
  // connection (it closes right after) says why it ended, for the status line.
  client.on('error', (error: unknown) => {
    if (!failureByClient.has(client)) failureByClient.set(client, error);
  });
  try {
    await client.connect();
    return client;
  } catch (error) {
    client.close();
    if (secret.kind === 'oauth2' && NO_TOKEN_MECHANISM.test(error instanceof Error ? error.message : '')) {
      throw refusedError('SERVER_ERROR', { kind: 'oauthNotOffered', service: 'imap', host: login.endpoint.host, offered: null }, { service: 'imap' });
    }
    throw await diagnoseConnectionFailure(error, login.endpoint, 'imap');
  }
}

/** The login check of the account form: connect, log in, log out. */
export async function verifyImapLogin(login: ImapLogin): Promise<void> {
  const client = await connectImap(login, { disableAutoIdle: true });
  await client.logout().catch(() => client.close());
}
