import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { ServerEndpoint, TrustedCertificate } from '../../../common/model/account';
import { diagnoseConnectionFailure } from '../diagnose';
import { tlsOptionsFor } from '../tls/trust';

export interface ImapLogin {
  endpoint: ServerEndpoint;
  password: string;
  trusted: TrustedCertificate[];
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
    logger: false,
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
