import { FileSecretStore } from '../../main/accounts/secret-store';
import { startCore, type CoreFixture } from './core-fixture';

/** A core whose OAuth2 client file names the test authorization server, and its profile's secrets. */
export interface OAuthCore extends CoreFixture {
  secrets: FileSecretStore;
}

/**
 * A core as main runs it (cache host over fake-indexeddb, every event recorded) with `clientsFile`
 * as its OAuth2 client file; disposed (stopped, profile removed) by the caller's cleanups.
 */
export async function startOAuthCore(clientsFile: string, cleanups: Array<() => Promise<unknown>>, requestTimeoutMs = 10_000): Promise<OAuthCore> {
  const fixture = await startCore(undefined, { oauth: { clientsFile, requestTimeoutMs } });
  cleanups.push(() => fixture.dispose());
  return { ...fixture, secrets: new FileSecretStore(fixture.profileDir) };
}
