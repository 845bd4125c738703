import { connect as connectTls } from 'node:tls';
import type { Security, ServerEndpoint, TrustedCertificate } from '../../common/model/account';
import type { WireError } from '../../common/result';
import { classifyConnectionError } from './connection-errors';
import { ProtocolError } from './protocol-error';
import { probeCertificate, type ProbedService } from './tls/certificate-probe';

const TLS_SNIFF_TIMEOUT_MS = 3_000;

/** Does this port answer a TLS handshake? Tells "plain client on a TLS port" from a dead server. */
function portSpeaksTls(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connectTls({ host, port, rejectUnauthorized: false });
    const done = (answer: boolean): void => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(TLS_SNIFF_TIMEOUT_MS, () => done(false));
    socket.once('secureConnect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const SECURITY_WORDS: Record<Security, string> = { none: 'no encryption', starttls: 'STARTTLS', tls: 'TLS' };

/**
 * Classifies a failed connection attempt and adds what only a second look can tell: the
 * certificate the user may choose to trust, or that the port expects the other kind of TLS.
 */
export async function diagnoseConnectionFailure(error: unknown, endpoint: ServerEndpoint, service: ProbedService): Promise<ProtocolError> {
  const wire: WireError = classifyConnectionError(error, service);
  if (wire.code === 'CERT_UNTRUSTED') {
    try {
      const probed = await probeCertificate(endpoint.host, endpoint.port, endpoint.security, service);
      wire.details = { ...wire.details, certificate: probed.info };
      wire.message = `${wire.message} Fingerprint (SHA-256): ${probed.info.fingerprint256}`;
    } catch {
      // The certificate could not be read again; the error still says it was not trusted.
    }
  } else if (wire.code === 'CONNECTION_TIMEOUT' && endpoint.security !== 'tls' && (await portSpeaksTls(endpoint.host, endpoint.port))) {
    wire.code = 'TLS_MISMATCH';
    wire.message = `${service.toUpperCase()}: port ${endpoint.port} expects TLS from the first byte, but the account is set to ${SECURITY_WORDS[endpoint.security]}. Choose TLS.`;
  } else if (wire.code === 'TLS_MISMATCH' && endpoint.security === 'tls') {
    wire.message = `${service.toUpperCase()}: port ${endpoint.port} does not start with TLS. Choose STARTTLS (or no encryption), or the TLS port.`;
  }
  return new ProtocolError(wire);
}

/** The trust anchor to store once the user accepts the certificate shown with a CERT_UNTRUSTED error. */
export async function certificateToTrust(endpoint: ServerEndpoint, service: ProbedService, fingerprint256: string): Promise<TrustedCertificate | null> {
  const probed = await probeCertificate(endpoint.host, endpoint.port, endpoint.security, service);
  if (probed.info.fingerprint256 !== fingerprint256) return null;
  return { host: endpoint.host, port: endpoint.port, fingerprint256, anchorPem: probed.anchorPem };
}
