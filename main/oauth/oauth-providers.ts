import * as oauth from 'oauth4webapi';
import type { OAuthProviderInfo } from '../../common/model/oauth';
import { boundedSignal } from '../../node-lib/bounded-signal';
import { ProtocolError, refusedError } from '../protocols/protocol-error';
import { BUILTIN_PROVIDERS, type ProviderEndpoints } from './builtin-providers';
import { isLoopbackHost, readClientFile, type OAuthClientRegistration } from './client-file';
import { describeFailure } from './oauth-failure';

/** A provider ready to talk to: its authorization server and this build's client there. */
export interface ResolvedProvider {
  id: string;
  name: string;
  scopes: readonly string[];
  authorizationParams: Readonly<Record<string, string>>;
  as: oauth.AuthorizationServer;
  client: oauth.Client;
  clientAuth: oauth.ClientAuth;
  /** oauth4webapi's per-request options: the time bound, and plain HTTP only on loopback. */
  requestOptions(cancel?: AbortSignal): { signal: AbortSignal; [oauth.allowInsecureRequests]: boolean };
}

export interface OAuthProvidersOptions {
  /** Where the client file may be, first found wins. */
  clientFiles: readonly string[];
  /** Bound on each request to a provider (token, discovery). */
  requestTimeoutMs: number;
}

// oauth4webapi's hook for an ID token issuer that is not the server's (exported, not typed): how
// openid-client handles Microsoft's multi-tenant endpoint too.
const EXPECTED_ISSUER: unknown = Reflect.get(oauth, '_expectedIssuer');

/**
 * The providers Porthole can sign in with: the built-in ones plus those the client file adds, each
 * with the client id whoever built the app put in that file. The file is read at every use, so a
 * corrected file takes effect without a restart; an extra provider's metadata is fetched once.
 */
export class OAuthProviders {
  private readonly discovered = new Map<string, Promise<oauth.AuthorizationServer>>();

  constructor(private readonly options: OAuthProvidersOptions) {}

  async list(): Promise<OAuthProviderInfo[]> {
    const { result } = await readClientFile(this.options.clientFiles);
    const clients = result.ok ? result.file.clients : new Map<string, OAuthClientRegistration>();
    const extras = result.ok ? result.file.extraProviders : [];
    return [...BUILTIN_PROVIDERS, ...extras].map((p) => ({ id: p.id, name: p.name, clientConfigured: clients.has(p.id) }));
  }

  /** The provider with its client, or OAUTH_NOT_CONFIGURED naming the provider and the file. */
  async resolve(providerId: string): Promise<ResolvedProvider> {
    const { path, result } = await readClientFile(this.options.clientFiles);
    if (!result.ok) throw new ProtocolError({ code: 'OAUTH_NOT_CONFIGURED', message: result.problem });
    const builtin = BUILTIN_PROVIDERS.find((p) => p.id === providerId);
    const extra = result.file.extraProviders.find((p) => p.id === providerId);
    const name = builtin?.name ?? extra?.name;
    if (name === undefined) throw refusedError('OAUTH_NOT_CONFIGURED', { kind: 'oauthUnknownProvider', provider: providerId });
    const registration = result.file.clients.get(providerId);
    if (!registration) {
      const file = path ?? this.options.clientFiles[0] ?? 'oauth-clients.json';
      throw refusedError('OAUTH_NOT_CONFIGURED', { kind: 'oauthNoClientId', provider: name, file });
    }
    const as = builtin ? staticServer(builtin.endpoints) : await this.discover(extra!.issuer);
    const insecure = new URL(as.issuer).protocol === 'http:' && isLoopbackHost(new URL(as.issuer).hostname);
    return {
      id: providerId,
      name,
      scopes: builtin?.scopes ?? extra!.scopes,
      authorizationParams: builtin?.authorizationParams ?? {},
      as,
      client: { client_id: registration.clientId },
      clientAuth: registration.clientSecret === null ? oauth.None() : oauth.ClientSecretPost(registration.clientSecret),
      requestOptions: (cancel) => ({ signal: boundedSignal(this.options.requestTimeoutMs, cancel), [oauth.allowInsecureRequests]: insecure }),
    };
  }

  private discover(issuer: string): Promise<oauth.AuthorizationServer> {
    let found = this.discovered.get(issuer);
    if (!found) {
      found = fetchMetadata(issuer, this.options.requestTimeoutMs);
      // A failed look-up is tried again at the next sign-in, not remembered.
      found.catch(() => this.discovered.delete(issuer));
      this.discovered.set(issuer, found);
    }
    return found;
  }
}

async function fetchMetadata(issuer: string, timeoutMs: number): Promise<oauth.AuthorizationServer> {
  const issuerUrl = new URL(issuer);
  const insecure = issuerUrl.protocol === 'http:' && isLoopbackHost(issuerUrl.hostname);
  try {
    const response = await oauth.discoveryRequest(issuerUrl, { algorithm: 'oidc', signal: AbortSignal.timeout(timeoutMs), [oauth.allowInsecureRequests]: insecure });
    return await oauth.processDiscoveryResponse(issuerUrl, response);
  } catch (error) {
    throw refusedError('OAUTH_FAILED', { kind: 'oauthSettingsUnread', issuer, failure: describeFailure(error, timeoutMs) });
  }
}

function staticServer(endpoints: ProviderEndpoints): oauth.AuthorizationServer {
  const as: oauth.AuthorizationServer = {
    issuer: endpoints.issuer,
    authorization_endpoint: endpoints.authorizationEndpoint,
    token_endpoint: endpoints.tokenEndpoint,
    revocation_endpoint: endpoints.revocationEndpoint,
    code_challenge_methods_supported: ['S256'],
  };
  const idTokenIssuer = endpoints.idTokenIssuer;
  if (idTokenIssuer !== undefined && typeof EXPECTED_ISSUER === 'symbol') {
    Reflect.set(as, EXPECTED_ISSUER, (result: { claims: Record<string, unknown> }) => idTokenIssuer(result.claims));
  }
  return as;
}
