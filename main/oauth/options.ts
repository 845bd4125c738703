import { join } from 'node:path';

/** Where the OAuth2 client ids come from (see README "OAuth2 client ids"). */
export interface OAuthOptions {
  /**
   * The client file whoever builds the app fills in; absent: `oauth-clients.json` in the profile
   * directory, else beside the app (Electron's resources directory).
   */
  clientsFile?: string;
  /** Bound on each request to a provider's token endpoint (default 30 s; the tests' stall test uses less). */
  requestTimeoutMs?: number;
  /** Bound on waiting for the browser to come back from the sign-in page (default 10 minutes). */
  signInTimeoutMs?: number;
}

export const CLIENT_FILE_NAME = 'oauth-clients.json';
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const DEFAULT_SIGN_IN_TIMEOUT_MS = 10 * 60_000;

/** Where to look for the client file, first found wins. */
export function clientFileCandidates(options: OAuthOptions, profileDir: string): string[] {
  if (options.clientsFile) return [options.clientsFile];
  // Electron sets process.resourcesPath (the packaged app's resources); Node does not.
  const resources: unknown = Reflect.get(process, 'resourcesPath');
  return [join(profileDir, CLIENT_FILE_NAME), ...(typeof resources === 'string' ? [join(resources, CLIENT_FILE_NAME)] : [])];
}

export function requestTimeoutMs(options: OAuthOptions): number {
  return options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
}

export function signInTimeoutMs(options: OAuthOptions): number {
  return options.signInTimeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS;
}

/** The harness's OAuth2 options, from variables the tests (or a developer) set. */
export function oauthOptionsFromEnv(env: NodeJS.ProcessEnv): OAuthOptions {
  return env.PORTHOLE_OAUTH_CLIENTS ? { clientsFile: env.PORTHOLE_OAUTH_CLIENTS } : {};
}
