import type { OAUTH_COMMANDS } from '../../common/commands/oauth-commands';
import type { OAuthGrant } from '../../common/model/oauth';
import { randomUUID } from 'node:crypto';
import { requestTimeoutMs, signInTimeoutMs, type OAuthOptions } from '../oauth/options';
import type { OAuthProviders } from '../oauth/oauth-providers';
import type { OAuthTokens } from '../oauth/oauth-tokens';
import { SignIns } from '../oauth/sign-ins';
import { refusedError } from '../protocols/protocol-error';
import type { DeviceRegistry } from './device-registry';
import type { HandlersFor } from './handler-types';
import type { CoreEvents } from './services';

export interface OAuthServices {
  oauth: OAuthOptions;
  oauthProviders: OAuthProviders;
  oauthTokens: OAuthTokens;
  /** The system browser (Electron); absent in the web harness, where the window opens the page (`oauth:openUrl`). */
  openExternal?: ((url: string) => Promise<void>) | undefined;
  events: CoreEvents;
  registry: Pick<DeviceRegistry, 'get' | 'stopAccount' | 'start'>;
  now: () => number;
}

export function oauthHandlers(services: OAuthServices): HandlersFor<keyof typeof OAUTH_COMMANDS> {
  // Made at the first sign-in: a handler factory only keeps its services.
  let signIns: SignIns | null = null;
  const flows = (): SignIns =>
    (signIns ??= new SignIns({
      providers: services.oauthProviders,
      tokens: services.oauthTokens,
      open: (flowId, url) => {
        if (services.openExternal) return services.openExternal(url);
        services.events.emit('oauth:openUrl', { flowId, url });
        return Promise.resolve();
      },
      signInTimeoutMs: signInTimeoutMs(services.oauth),
      requestTimeoutMs: requestTimeoutMs(services.oauth),
      now: services.now,
    }));
  return {
    'oauth:providers': () => services.oauthProviders.list(),
    'oauth:signIn': ({ flowId, provider, address, accountId }) =>
      accountId === undefined ? flows().signInForGrant(flowId, provider, address) : signInAgain(services, flows(), { flowId, provider, address, accountId }),
    'oauth:cancel': ({ flowId }) => {
      flows().cancel(flowId);
      return Promise.resolve(null);
    },
  };
}

/**
 * "Sign in again" for an account: the new tokens replace the stored ones only once the sign-in
 * finished, as the account's own address, and its devices reconnect with them (a device waiting
 * in OAUTH_SIGN_IN_AGAIN comes back; queued changes are the cache's and stay untouched).
 */
async function signInAgain(
  services: OAuthServices,
  signIns: SignIns,
  request: { flowId: string; provider: string; address: string; accountId: string },
): Promise<OAuthGrant> {
  const { registry, oauthTokens } = services;
  const before = registry.get(request.accountId);
  if (!before) throw refusedError('NOT_FOUND', { kind: 'accountNotFound' });
  if (before.auth?.kind !== 'oauth2' || before.auth.provider !== request.provider) {
    throw refusedError('INVALID_ARGUMENT', { kind: 'oauthOtherProvider', provider: request.provider });
  }
  const { tokens, signedInAs } = await signIns.signIn(request.flowId, request.provider, before.address, (issued) => {
    if (issued.signedInAs !== null && issued.signedInAs.toLowerCase() !== before.address.toLowerCase()) {
      throw refusedError('OAUTH_FAILED', { kind: 'oauthOtherAddress', signedInAs: issued.signedInAs, address: before.address });
    }
  });
  // The account may have been removed while the browser was open: its tokens must not come back.
  const account = registry.get(request.accountId);
  if (!account) throw refusedError('NOT_FOUND', { kind: 'accountRemovedWhileSigningIn' });
  await oauthTokens.replaceForAccount(account.id, tokens);
  await registry.stopAccount(account.id);
  for (const device of account.devices) await registry.start(account, device);
  return { grantId: randomUUID(), provider: request.provider, signedInAs };
}
