import type { ACCOUNT_COMMANDS } from '../../common/commands/account-commands';
import type { SecretStore } from '../accounts/secret-store';
import { ProtocolError } from '../protocols/protocol-error';
import type { ServerViews } from '../server-view/server-views';
import { addAccount, type AddAccountServices } from './add-account';
import type { HandlersFor } from './handler-types';
import type { DeviceRegistry } from './device-registry';
import { deletePasswords } from './incoming-password';
import type { DeviceCaches, Transcripts } from './services';

export type AccountServices = AddAccountServices & {
  registry: Pick<DeviceRegistry, 'list' | 'get' | 'stopAccount' | 'remove' | 'publish'>;
  caches: Pick<DeviceCaches, 'drop'>;
  secrets: Pick<SecretStore, 'delete'>;
  transcripts: Pick<Transcripts, 'forget'>;
  serverViews: Pick<ServerViews, 'unwatch'>;
};

export function accountHandlers(services: AccountServices): HandlersFor<keyof typeof ACCOUNT_COMMANDS> {
  const { registry, caches, secrets, transcripts, serverViews } = services;
  return {
    'accounts:list': () => Promise.resolve(registry.list()),
    'account:add': (draft) => addAccount(services, draft),
    'account:remove': async ({ accountId }) => {
      const account = registry.get(accountId);
      if (!account) throw new ProtocolError({ code: 'NOT_FOUND', message: 'That account does not exist.' });
      await registry.stopAccount(accountId);
      await serverViews.unwatch(accountId);
      // Only this computer's copies go; mail on the server is never touched.
      for (const device of account.devices) await caches.drop(device.dbName);
      await deletePasswords(secrets, accountId);
      await registry.remove(accountId);
      transcripts.forget(accountId);
      registry.publish();
      return null;
    },
  };
}
