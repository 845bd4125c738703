import { checkServerIdentity, createSecureContext, rootCertificates, type ConnectionOptions, type PeerCertificate, type SecureContext } from 'node:tls';
import { isIP } from 'node:net';
import type { TrustedCertificate } from '../../../common/model/account';

/**
 * TLS options for one server of an account. With no pinned certificate, the system's trust
 * store decides. With one, the chain the user accepted is added as a trust anchor and its leaf
 * fingerprint also answers the host-name check, and only that exact certificate passes.
 */
export function tlsOptionsFor(host: string, port: number, trusted: TrustedCertificate[]): ConnectionOptions {
  const base: ConnectionOptions = { minVersion: MIN_TLS_VERSION, servername: isIP(host) ? undefined : host };
  const pinned = trusted.find((t) => t.host === host && t.port === port);
  if (!pinned) return base;
  return {
    ...base,
    secureContext: contextTrusting(pinned.anchorPem),
    checkServerIdentity: (hostname: string, cert: PeerCertificate) =>
      cert.fingerprint256 === pinned.fingerprint256 ? undefined : checkServerIdentity(hostname, cert),
  };
}

const MIN_TLS_VERSION = 'TLSv1.2';
const contexts = new Map<string, SecureContext>();

/**
 * The system's roots plus one accepted anchor, made once per anchor: building a context from
 * the ~150 root certificates costs about 30 ms, which every connection would otherwise pay.
 */
function contextTrusting(anchorPem: string): SecureContext {
  let context = contexts.get(anchorPem);
  if (!context) {
    context = createSecureContext({ minVersion: MIN_TLS_VERSION, ca: [...rootCertificates, anchorPem] });
    contexts.set(anchorPem, context);
  }
  return context;
}

/** Node's and OpenSSL's codes for "the certificate is not one we trust". */
const UNTRUSTED_CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
  'INVALID_CA',
]);

export function isUntrustedCertificateCode(code: string | undefined): boolean {
  return code !== undefined && UNTRUSTED_CERTIFICATE_CODES.has(code);
}
