import type { ServerEndpoint, TrustedCertificate } from '../../common/model/account';
import { certificateToTrust } from '../protocols/diagnose';

/** The trust anchor for a server whose certificate has one of the fingerprints the user accepted. */
export async function trustFor(endpoint: ServerEndpoint, service: 'imap' | 'pop3' | 'smtp', fingerprints: string[]): Promise<TrustedCertificate[]> {
  if (endpoint.security === 'none' || fingerprints.length === 0) return [];
  for (const fingerprint of fingerprints) {
    const trusted = await certificateToTrust(endpoint, service, fingerprint).catch(() => null);
    if (trusted) return [trusted];
  }
  return [];
}
