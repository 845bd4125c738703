import * as oauth from 'oauth4webapi';
import { type ProtocolError, refusedError } from '../protocols/protocol-error';
import { isLoopbackHost } from './client-file';
import { listenForRedirect, type ReceivedRedirect } from './loopback-redirect';
import type { ResolvedProvider } from './oauth-providers';
import { describeFailure } from './oauth-failure';
import { exchangeCode, type IssuedTokens } from './token-endpoint';

export interface SignInRequest {
  provider: ResolvedProvider;
  /** The address typed: providers preselect that account (login_hint). */
  address: string;
  /** Shows the sign-in page: the system browser (Electron) or the window that asked (web harness). */
  open(url: string): Promise<void>;
  /** Aborted by `oauth:cancel`. */
  signal: AbortSignal;
  signInTimeoutMs: number;
  requestTimeoutMs: number;
  now: () => number;
  /** Refuses a sign-in (by throwing) before the browser is told it worked: e.g. as the wrong user. */
  accept?: (issued: IssuedTokens) => void;
}

/**
 * One sign-in: authorization code with PKCE (RFC 7636, S256) and `state`, through the browser and
 * back to a loopback listener (RFC 8252), then the code for tokens. Every way it can end other
 * than tokens is a ProtocolError that says which: cancelled, declined, a redirect Porthole did not
 * start, no answer in time. Nothing is kept on failure: the caller saves only what this returns.
 */
export async function runSignIn(request: SignInRequest): Promise<IssuedTokens> {
  const { provider } = request;
  const redirect = await listenForRedirect();
  let received: ReceivedRedirect | null = null;
  try {
    const codeVerifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const url = authorizationUrl(provider);
    const params = {
      ...provider.authorizationParams,
      client_id: provider.client.client_id,
      redirect_uri: redirect.redirectUri,
      response_type: 'code',
      scope: provider.scopes.join(' '),
      code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      login_hint: request.address,
    };
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    try {
      await request.open(url.toString());
    } catch (error) {
      throw refusedError('OAUTH_FAILED', { kind: 'oauthPageNotOpened', provider: provider.name, detail: error instanceof Error ? error.message : String(error) });
    }
    received = await waitForRedirect(redirect.received, request);
    const callback = checkedCallback(provider, received.params, state);
    const issued = await exchangeCode(provider, callback, redirect.redirectUri, codeVerifier, request.requestTimeoutMs, request.now, request.signal);
    request.accept?.(issued);
    received.reply('Signed in', `Porthole is signed in with ${provider.name}. You can close this page and go back to Porthole.`);
    return issued;
  } catch (thrown) {
    // A cancel during the code exchange aborts its request: the user's word, not the request's failure.
    const error = request.signal.aborted ? cancelled() : thrown;
    received?.reply('Not signed in', error instanceof Error ? `${error.message} You can close this page.` : 'You can close this page.');
    throw error;
  } finally {
    redirect.close();
  }
}

/**
 * The page the browser opens. Only HTTPS (or HTTP on this computer, the tests' server): an extra
 * provider's metadata names it, and the system browser must never be handed a file: or app scheme.
 */
function authorizationUrl(provider: ResolvedProvider): URL {
  const endpoint = provider.as.authorization_endpoint;
  const url = endpoint === undefined || !URL.canParse(endpoint) ? null : new URL(endpoint);
  if (url && (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname)))) return url;
  throw refusedError('OAUTH_FAILED', { kind: 'oauthNoHttpsPage', provider: provider.name, endpoint: endpoint ?? null });
}

/** The redirect, or OAUTH_CANCELLED, or OAUTH_FAILED after the bound (the user walked away). */
function waitForRedirect(received: Promise<ReceivedRedirect>, request: SignInRequest): Promise<ReceivedRedirect> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      done();
      const minutes = Math.round(request.signInTimeoutMs / 60_000);
      reject(refusedError('OAUTH_FAILED', { kind: 'oauthBrowserTimedOut', provider: request.provider.name, minutes }));
    }, request.signInTimeoutMs);
    timer.unref();
    const onAbort = () => {
      done();
      reject(cancelled());
    };
    const done = () => {
      clearTimeout(timer);
      request.signal.removeEventListener('abort', onAbort);
    };
    if (request.signal.aborted) {
      onAbort();
      return;
    }
    request.signal.addEventListener('abort', onAbort);
    void received.then((redirect) => {
      done();
      resolve(redirect);
    });
  });
}

/** RFC 6749 §4.1.2 and §10.12: the redirect must carry this flow's `state`, and a code rather than an error. */
function checkedCallback(provider: ResolvedProvider, params: URLSearchParams, state: string): URLSearchParams {
  if (params.get('state') !== state) {
    throw refusedError('OAUTH_FAILED', { kind: 'oauthStateMismatch' });
  }
  try {
    return oauth.validateAuthResponse(provider.as, provider.client, params, state);
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError && error.error === 'access_denied') {
      throw refusedError('OAUTH_FAILED', { kind: 'oauthAccessDenied', provider: provider.name, description: error.error_description || null });
    }
    throw refusedError('OAUTH_FAILED', { kind: 'oauthNotSignedIn', provider: provider.name, failure: describeFailure(error, 0) });
  }
}

function cancelled(): ProtocolError {
  return refusedError('OAUTH_CANCELLED', { kind: 'oauthCancelled' });
}
