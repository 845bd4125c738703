import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServers } from './index';
import { startOAuthServer, type OAuthServerOptions, type RunningOAuthServer } from './oauth-server';
import type { RunningTestServers } from './types';

/** A real authorization server, mail servers that check its tokens, and a Porthole client file naming it. */
export interface OAuthMailServers {
  oauth: RunningOAuthServer;
  /** Dovecot and the SMTP server of this instance accept the server's tokens (introspection) besides passwords. */
  mail: RunningTestServers;
  /** The OAuth2 client file (provider "test"), for `OAuthOptions.clientsFile`. */
  clientsFile: string;
  /** The same for a harness process (PORTHOLE_OAUTH_CLIENTS). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts the three together. The global test servers take no tokens, so a test file that signs in
 * with OAuth2 starts this instance of its own.
 */
export async function startOAuthMailServers(options: OAuthServerOptions = {}): Promise<OAuthMailServers> {
  const oauth = await startOAuthServer(options);
  const dir = await mkdtemp(join(tmpdir(), 'porthole-oauth-clients-'));
  const stopBoth = async (mail: RunningTestServers | null): Promise<void> => {
    await mail?.stop();
    await oauth.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const mail = await startTestServers({ oauth2: { introspectionUrl: oauth.introspectionUrl } });
    const clientsFile = join(dir, 'oauth-clients.json');
    await writeFile(clientsFile, oauth.clientsFileJson()).catch(async (error: unknown) => {
      await stopBoth(mail);
      throw error;
    });
    return { oauth, mail, clientsFile, env: { PORTHOLE_OAUTH_CLIENTS: clientsFile }, stop: () => stopBoth(mail) };
  } catch (error) {
    await stopBoth(null);
    throw error;
  }
}
