import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findExecutable, run } from './run-command';

/** A self-signed certificate for localhost / 127.0.0.1 and where its files are. */
export interface TestCertificate {
  certPath: string;
  keyPath: string;
  certPem: string;
  keyPem: string;
  /** Same format as `tls` `PeerCertificate.fingerprint256`: upper-case hex pairs joined by ':'. */
  fingerprint256: string;
}

/** Makes a fresh self-signed certificate (CN=localhost, SAN IP:127.0.0.1 and DNS:localhost) in `dir`. */
export async function createCertificate(dir: string): Promise<TestCertificate> {
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  // P-256 keys are generated in milliseconds; RSA would cost 50-500 ms per run.
  await run(findExecutable('openssl'), [
    'req', '-x509', '-nodes', '-days', '3650',
    '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
    '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-keyout', keyPath, '-out', certPath,
  ]);
  const [certPem, keyPem] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
  return { certPath, keyPath, certPem, keyPem, fingerprint256: new X509Certificate(certPem).fingerprint256 };
}
