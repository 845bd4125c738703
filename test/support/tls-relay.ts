import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:tls';
import { createCertificate } from '../servers/certificate';

export interface TlsRelay {
  port: number;
  /** The relay's own certificate, which nothing trusts until the user says so. */
  fingerprint256: string;
  close(): Promise<void>;
}

/**
 * A server with a certificate of its own (self-signed, no one's trust anchor): a TLS listener on
 * 127.0.0.1 that relays the decrypted bytes to a plain port of the test servers (Dovecot allows
 * a plain login there), as a provider with a private certificate would look.
 */
export async function startTlsRelay(targetPort: number): Promise<TlsRelay> {
  const dir = await mkdtemp(join(tmpdir(), 'porthole-tls-relay-'));
  const certificate = await createCertificate(dir);
  const server = createServer({ cert: certificate.certPem, key: certificate.keyPem }, (client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    fingerprint256: certificate.fingerprint256,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
