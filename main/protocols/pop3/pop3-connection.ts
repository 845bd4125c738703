import type { ServerEndpoint, TrustedCertificate } from '../../../common/model/account';
import { NO_UIDL_EXPLANATION } from '../../../common/model/retention-words';
import { diagnoseConnectionFailure } from '../diagnose';
import { ProtocolError } from '../protocol-error';
import { tlsOptionsFor } from '../tls/trust';
import type { TranscriptSink } from '../../transcript/transcript-store';
import { Pop3Session, type TranscriptLine } from './pop3-session';

export interface Pop3Login {
  endpoint: ServerEndpoint;
  password: string;
  trusted: TrustedCertificate[];
  transcript?: TranscriptSink;
}

export interface OpenedPop3 {
  session: Pop3Session;
  capabilities: Map<string, string>;
  /** How the password was proven, for the transcript and the tests. */
  authMethod: 'APOP' | 'SASL PLAIN' | 'SASL LOGIN' | 'USER/PASS';
}

/**
 * Connects, reads CAPA first, starts TLS as configured, and logs in with the best method the
 * server offers: APOP on an unencrypted connection (the password never crosses the wire), else
 * SASL PLAIN or LOGIN, else USER/PASS. Throws a ProtocolError in the user's terms.
 */
export async function openPop3(login: Pop3Login): Promise<OpenedPop3> {
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
    const sasl = (capabilities.get('SASL') ?? '').toUpperCase().split(/\s+/);
    let authMethod: OpenedPop3['authMethod'];
    if (!session.encrypted && session.apopTimestamp) {
      await session.apop(endpoint.user, login.password);
      authMethod = 'APOP';
    } else if (sasl.includes('PLAIN')) {
      await session.authPlain(endpoint.user, login.password);
      authMethod = 'SASL PLAIN';
    } else if (sasl.includes('LOGIN')) {
      await session.authLogin(endpoint.user, login.password);
      authMethod = 'SASL LOGIN';
    } else {
      await session.userPass(endpoint.user, login.password);
      authMethod = 'USER/PASS';
    }
    return { session, capabilities, authMethod };
  } catch (error) {
    session?.close();
    if (error instanceof ProtocolError) throw error;
    throw await diagnoseConnectionFailure(error, endpoint, 'pop3');
  }
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
