import { useCallback, useEffect, useRef, useState } from 'react';
import type { OAuthGrant } from '../../../common/model/oauth';
import type { WireError } from '../../../common/result';
import { currentTransport, getApi } from '../../bridge/api';

export interface OAuthSignInRequest {
  provider: string;
  address: string;
  /** Set for "sign in again" on a saved account: main replaces its tokens instead of holding a grant. */
  accountId?: string;
}

export interface OAuthSignIn {
  /** Starts a sign-in and waits for the provider's redirect: the grant, or null (see `error`; a cancel is no error). */
  signIn(request: OAuthSignInRequest): Promise<OAuthGrant | null>;
  /** Stops the flow this window started (main answers its `signIn` with OAUTH_CANCELLED). */
  cancel(): void;
  /** A flow is under way: the user is expected in the browser. */
  waiting: boolean;
  /**
   * The sign-in page this window was asked to open (web harness), kept for a link: a browser that
   * blocks the pop-up (it opens after the command's round trip) leaves the user a way to open it.
   */
  signInUrl: string | null;
  /** Whether the page could not be opened by itself (pop-up blocked): show the link prominently. */
  popupBlocked: boolean;
  error: WireError | null;
  clearError(): void;
}

/**
 * OAuth2 sign-in from a window (account setup, and "Sign in again" in an account's settings). Main
 * runs the flow; in Electron it opens the system browser itself, in the web harness it sends
 * `oauth:openUrl` to the windows, and the one whose flow it is opens the page.
 */
export function useOAuthSignIn(): OAuthSignIn {
  const [waiting, setWaiting] = useState(false);
  const [signInUrl, setSignInUrl] = useState<string | null>(null);
  const [popupBlocked, setPopupBlocked] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  // The flow this window started: every window hears oauth:openUrl, only this one opens its page.
  const flowId = useRef<string | null>(null);

  useEffect(() => {
    const api = getApi();
    return api.on('oauth:openUrl', ({ flowId: id, url }) => {
      if (id !== flowId.current || !isWebUrl(url)) return;
      setSignInUrl(url);
      if (currentTransport() !== 'web') return;
      const opened = window.open(url, '_blank');
      // The provider's page must not reach back into Porthole's window (it cannot be noopener: that makes open() return null always).
      if (opened) opened.opener = null;
      setPopupBlocked(opened === null);
    });
  }, []);

  // A window closed mid-flow must not leave main waiting for a redirect that no one will finish.
  useEffect(
    () => () => {
      if (flowId.current) void getApi().commands['oauth:cancel']({ flowId: flowId.current });
    },
    [],
  );

  const signIn = useCallback(async (request: OAuthSignInRequest): Promise<OAuthGrant | null> => {
    const id = crypto.randomUUID();
    flowId.current = id;
    setWaiting(true);
    setSignInUrl(null);
    setPopupBlocked(false);
    setError(null);
    try {
      const result = await getApi().commands['oauth:signIn']({ flowId: id, ...request });
      if (flowId.current !== id) return null; // cancelled, or a newer flow replaced this one
      if (result.ok) return result.value;
      if (result.error.code !== 'OAUTH_CANCELLED') setError(result.error);
      return null;
    } finally {
      if (flowId.current === id) {
        flowId.current = null;
        setWaiting(false);
        setSignInUrl(null);
        setPopupBlocked(false);
      }
    }
  }, []);

  const cancel = useCallback((): void => {
    const id = flowId.current;
    if (!id) return;
    flowId.current = null;
    setWaiting(false);
    setSignInUrl(null);
    setPopupBlocked(false);
    void getApi().commands['oauth:cancel']({ flowId: id });
  }, []);

  return { signIn, cancel, waiting, signInUrl, popupBlocked, error, clearError: useCallback(() => setError(null), []) };
}

/** Only a web page is opened or linked: a javascript: or file: URL from a confused main is refused. */
function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
