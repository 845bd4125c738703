import type { ACCOUNT_COMMANDS } from '../../common/commands/account-commands';
import type { SecretStore } from '../accounts/secret-store';
import type { OAuthTokens } from '../oauth/oauth-tokens';
import { MAIN_IDENTITY_ID } from '../../common/model/identity';
import { refusedError } from '../protocols/protocol-error';
import type { ServerViews } from '../server-view/server-views';
import { addAccount, type AddAccountServices } from './add-account';
import type { HandlersFor } from './handler-types';
import type { DeviceRegistry } from './device-registry';
import { deletePasswords } from './incoming-password';
import { updateAccount, type UpdateAccountServices } from './update-account';
import type { DeviceCaches, Transcripts } from './services';

export type AccountServices = AddAccountServices &
  UpdateAccountServices & {
  registry: Pick<DeviceRegistry, 'list' | 'get' | 'account' | 'save' | 'stopAccount' | 'remove' | 'publish'>;
  caches: Pick<DeviceCaches, 'drop'>;
  secrets: Pick<SecretStore, 'delete'>;
  transcripts: Pick<Transcripts, 'forget'>;
  serverViews: Pick<ServerViews, 'unwatch'>;
  oauthTokens: Pick<OAuthTokens, 'deleteForAccount'>;
};

export function accountHandlers(services: AccountServices): HandlersFor<keyof typeof ACCOUNT_COMMANDS> {
  const { registry, caches, secrets, transcripts, serverViews } = services;
  // One change of an account at a time: a second one plans against what the first saved.
  const updates = new Map<string, Promise<unknown>>();
  const serially = <T>(accountId: string, work: () => Promise<T>): Promise<T> => {
    const next = (updates.get(accountId) ?? Promise.resolve()).then(work);
    updates.set(
      accountId,
      next.catch(() => undefined),
    );
    return next;
  };
  return {
    'accounts:list': () => Promise.resolve(registry.list()),
    'account:add': (draft) => addAccount(services, draft),
    'account:update': (update) => serially(update.accountId, () => updateAccount(services, update)),
    'account:remove': async ({ accountId }) => {
      const account = registry.get(accountId);
      if (!account) throw refusedError('NOT_FOUND', { kind: 'accountNotFound' });
      await registry.stopAccount(accountId);
      await serverViews.unwatch(accountId);
      // Only this computer's copies go; mail on the server is never touched.
      for (const device of account.devices) await caches.drop(device.dbName);
      // Before the passwords: the tokens are read to revoke them at the provider (RFC 7009), so
      // the grant does not outlive the account, and the account's token source is forgotten.
      await services.oauthTokens.deleteForAccount(accountId);
      await deletePasswords(secrets, accountId);
      await registry.remove(accountId);
      transcripts.forget(accountId);
      registry.publish();
      return null;
    },
    'account:setIdentities': ({ accountId, identities }) =>
      serially(accountId, async () => {
        const account = registry.account(accountId);
        const addresses = [account.address, ...identities.extra.map((i) => i.address)].map((a) => a.toLowerCase());
        if (new Set(addresses).size !== addresses.length) throw refusedError('INVALID_ARGUMENT', { kind: 'identityAddressesRepeat' });
        if (new Set(identities.extra.map((i) => i.id)).size !== identities.extra.length || identities.extra.some((i) => i.id === MAIN_IDENTITY_ID)) {
          throw refusedError('INVALID_ARGUMENT', { kind: 'identityIdsRepeat' });
        }
        await registry.save({ ...account, identities });
        registry.publish();
        return registry.account(accountId);
      }),
  };
}
