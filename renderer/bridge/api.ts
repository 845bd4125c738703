import type { PortholeApi } from '../../common/contract';
import { intl } from '../i18n/intl';
import { harnessToken } from './harness-token';
import { createWsApi } from './ws-api';

export type Transport = 'electron' | 'web';

let api: PortholeApi | null = null;
const tokenRefusedListeners = new Set<() => void>();

/** The harness refused this page's token: it was restarted, and printed a new address. */
export function onTokenRefused(listener: () => void): () => void {
  tokenRefusedListeners.add(listener);
  return () => tokenRefusedListeners.delete(listener);
}

/** The only reader of `window.porthole`: Electron's preload if present, else the harness socket. */
export function getApi(): PortholeApi {
  if (api) return api;
  if (window.porthole) {
    api = window.porthole;
    return api;
  }
  const token = harnessToken();
  if (!token) throw new Error(intl().formatMessage({ id: 'app.bridge.noToken', defaultMessage: 'Open Porthole from the link the web harness printed (it carries the access token).' }));
  api = createWsApi(token, () => tokenRefusedListeners.forEach((listener) => listener()));
  return api;
}

export function currentTransport(): Transport {
  return window.porthole ? 'electron' : 'web';
}
