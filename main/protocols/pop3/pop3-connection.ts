import type { ServerEndpoint, TrustedCertificate } from '../../../common/model/account';
import { NO_UIDL_EXPLANATION } from '../../../common/model/retention-words';
import { diagnoseConnectionFailure } from '../diagnose';
import { withLoginSecret, type LoginCredential, type LoginSecret } from '../login-credential';
import { ProtocolError, refusedError } from '../protocol-error';
import { oauthInitialResponse, pickOAuthMechanism } from '../sasl-oauth';
import { tlsOptionsFor } from '../tls/trust';
import type { TranscriptSink } from '../../transcript/transcript-store';
import { Pop3Session, type TranscriptLine } from './pop3-session';

export type Pop3Login = LoginCredential & {
  endpoint: ServerEndpoint;
  trusted: TrustedCertificate[];
  transcript?: TranscriptSink;
};

export interface OpenedPop3 {
  session: Pop3Session;
  capabilities: Map<string, string>;
  /** How the password or token was proven, for the transcript and the tests. */
  authMethod: 'APOP' | 'SASL PLAIN' | 'SASL LOGIN' | 'USER/PASS' | 'SASL OAUTHBEARER' | 'SASL XOAUTH2';
}

/**
 * Connects, reads CAPA first, starts TLS as configured, and logs in. With a password, by the best
 * method the server offers: APOP on an unencrypted connection (the password never crosses the
 * wire), else SASL PLAIN or LOGIN, else USER/PASS. With OAuth2, by SASL OAUTHBEARER or XOAUTH2;
 * a refused token is refreshed and tried once more (withLoginSecret). Throws a ProtocolError in
 * the user's terms.
 */
export function openPop3(login: Pop3Login): Promise<OpenedPop3> {
  return withLoginSecret(login, (secret) => openPop3With(login, secret));
}

async function openPop3With(login: Pop3Login, secret: LoginSecret): Promise<OpenedPop3> {
  const { endpoint } = login;
  const tls = tlsOptionsFor(endpoint.host, endpoint.port, login.trusted);
  let session: Pop3Session | null = null;
  try {
    const sink = login.transcript;
    const transcript = sink ? (line: TranscriptLine) => sink({ service: 'pop3', direction: line.direction, text: line.text }) : undefined;
    session = await Pop3Session.open({ host: endpoint.host, port: endpoint.port, tls: endpoint.security === 'tls' ? tls : null, transcript });
    let capabilities = await session.capa();
    if (endpoint.security === 'starttls') {
      if (!capabilities.has('STLS')) throw Object.assign(new Error('Server does not support STARTTLS'), { code: 'ETLS' });
      await session.stls({ ...tls, host: endpoint.host });
      capabilities = await session.capa();
    }
    const authMethod = secret.kind === 'oauth2' ? await authenticateWithToken(session, capabilities, endpoint, secret.accessToken) : await authenticateWithPassword(session, capabilities, endpoint.user, secret.password);
    return { session, capabilities, authMethod };
  } catch (error) {
    session?.close();
    if (error instanceof ProtocolError) throw error;
    throw await diagnoseConnectionFailure(error, endpoint, 'pop3');
  }
}

/** RFC 5034 §6: the mechanisms CAPA's SASL line names (RFC 2449 §6.1), upper-case. */
function saslMechanisms(capabilities: Map<string, string>): string[] {
  return (capabilities.get('SASL') ?? '').toUpperCase().split(/\s+/).filter(Boolean);
}

async function authenticateWithPassword(session: Pop3Session, capabilities: Map<string, string>, user: string, password: string): Promise<OpenedPop3['authMethod']> {
  const sasl = saslMechanisms(capabilities);
  if (!session.encrypted && session.apopTimestamp) {
    await session.apop(user, password);
    return 'APOP';
  }
  if (sasl.includes('PLAIN')) {
    await session.authPlain(user, password);
    return 'SASL PLAIN';
  }
  if (sasl.includes('LOGIN')) {
    await session.authLogin(user, password);
    return 'SASL LOGIN';
  }
  await session.userPass(user, password);
  return 'USER/PASS';
}

/**
 * OAUTHBEARER when the server names it, else XOAUTH2; a server whose CAPA names no SASL
 * mechanisms at all is tried with XOAUTH2, the one every OAuth2 mail provider has. One that names
 * others but neither of these cannot take a token: that is said plainly, and nothing is sent.
 */
async function authenticateWithToken(session: Pop3Session, capabilities: Map<string, string>, endpoint: ServerEndpoint, accessToken: string): Promise<OpenedPop3['authMethod']> {
  const sasl = saslMechanisms(capabilities);
  const mechanism = sasl.length === 0 ? 'XOAUTH2' : pickOAuthMechanism(sasl);
  if (!mechanism) {
    throw refusedError('SERVER_ERROR', { kind: 'oauthNotOffered', service: 'pop3', host: endpoint.host, offered: sasl }, { service: 'pop3' });
  }
  await session.authOAuth(mechanism, oauthInitialResponse(mechanism, endpoint.user, accessToken, endpoint));
  return mechanism === 'OAUTHBEARER' ? 'SASL OAUTHBEARER' : 'SASL XOAUTH2';
}

/**
 * The login check of the account form for a POP3 account; with `needUidl`, it also refuses a
 * server without UIDL, which cannot support the chosen retention (Thunderbird does the same).
 */
export async function verifyPop3Login(login: Pop3Login, needUidl: boolean): Promise<void> {
  let opened: OpenedPop3;
  try {
    opened = await openPop3(login);
  } catch (error) {
    // RFC 2449 §8.1.1: [IN-USE] comes after a successful authentication; the maildrop is just
    // locked by another session. The login is right; the first check will wait for the lock.
    if (error instanceof ProtocolError && error.wire.code === 'MAILBOX_IN_USE') return;
    throw error;
  }
  const { session } = opened;
  try {
    if (needUidl && (await session.uidl()) === null) {
      throw new ProtocolError({ code: 'INVALID_ARGUMENT', message: `POP3: ${NO_UIDL_EXPLANATION}`, details: { service: 'pop3' } });
    }
    await session.quit();
  } finally {
    if (!session.isClosed) session.close();
  }
}
