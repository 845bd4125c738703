import { randomUUID } from 'node:crypto';
import type { DEVICE_COMMANDS } from '../../common/commands/device-commands';
import type { ValidParams } from '../../common/contract';
import { DEFAULT_POP_SETTINGS, incomingFor, retentionNeedsUidl, type AccountSummary, type DeviceSummary, type ImapSyncSettings, type Mode, type NewServerConsent, type ServerEndpoint } from '../../common/model/account';
import { verifyImapLogin } from '../protocols/imap/imap-connection';
import { verifyPop3Login } from '../protocols/pop3/pop3-connection';
import { incomingSecretKey, storedPasswords, type CredentialSources } from './incoming-password';
import { credentialForNewServer } from './new-server-credential';
import { trustFor } from './trust-for';
import type { SecretStore } from '../accounts/secret-store';
import { refusedError } from '../protocols/protocol-error';
import { ImapBackend } from '../sync/imap/imap-backend';
import type { HandlersFor } from './handler-types';
import type { DeviceRegistry } from './device-registry';
import type { DeviceCaches, Transcripts } from './services';

/** What adding the account's server for another mode needs: its login check (a typed password or the account's tokens), then a typed password stored. */
export interface IncomingServerServices {
  secrets: Pick<SecretStore, 'get' | 'set'>;
  oauthTokens: CredentialSources['oauthTokens'];
  transcripts: Pick<Transcripts, 'setSecrets' | 'sink'>;
}

export type AddDeviceServices = IncomingServerServices & {
  registry: Pick<DeviceRegistry, 'account' | 'devicesOf' | 'save' | 'start' | 'publish'>;
};

export type DeviceServices = AddDeviceServices & {
  registry: Pick<DeviceRegistry, 'device' | 'stopDevice' | 'deviceStatuses'>;
  caches: Pick<DeviceCaches, 'drop'>;
};

export function deviceHandlers(services: DeviceServices): HandlersFor<keyof typeof DEVICE_COMMANDS> {
  return {
    'device:statuses': () => Promise.resolve(services.registry.deviceStatuses()),
    'device:add': (params) => addDevice(services, params),
    'device:rename': (params) => renameDevice(services, params),
    'device:remove': (params) => removeDevice(services, params),
    'device:configure': (params) => configureDevice(services, params),
  };
}

function deviceOf(account: AccountSummary, deviceId: string): DeviceSummary {
  const device = account.devices.find((d) => d.id === deviceId);
  if (!device) throw refusedError('NOT_FOUND', { kind: 'deviceNotFound' });
  return device;
}

function assertUniqueName(account: AccountSummary, name: string, exceptId: string | null): void {
  if (account.devices.some((d) => d.id !== exceptId && d.name.toLowerCase() === name.toLowerCase())) {
    throw refusedError('INVALID_ARGUMENT', { kind: 'deviceNameTaken', name });
  }
}

async function saveAndPublish(registry: Pick<DeviceRegistry, 'save' | 'publish'>, account: AccountSummary): Promise<AccountSummary> {
  await registry.save(account);
  registry.publish();
  return account;
}

/**
 * Adds the account's server for another mode, after the same login check as at setup, with the
 * password the user typed for it (never the stored one: the host is the caller's choice), or an
 * OAuth2 account's tokens when the host is its provider's (new-server-credential.ts). A typed
 * password is stored for that server only once its login worked. A certificate the user already
 * trusted for this account is trusted on the new port too.
 */
export async function addIncomingServer(services: IncomingServerServices, account: AccountSummary, mode: Mode, endpoint: ServerEndpoint, consent: NewServerConsent): Promise<void> {
  const { secrets, transcripts } = services;
  const { credential, typedPassword } = credentialForNewServer(services, account, endpoint, consent);
  // The stored ones include the OAuth2 tokens; a refreshed token is masked by the shape of its lines.
  transcripts.setSecrets(account.id, [...(await storedPasswords(secrets, account.id)), ...(typedPassword === null ? [] : [typedPassword])]);
  const fingerprints = account.trustedCertificates.map((c) => c.fingerprint256);
  const trusted = [...account.trustedCertificates, ...(await trustFor(endpoint, mode, fingerprints))];
  const login = { endpoint, ...credential, trusted, transcript: transcripts.sink(account.id, { device: null, role: 'loginCheck' }) };
  if (mode === 'imap') await verifyImapLogin(login);
  else await verifyPop3Login(login, false);
  if (typedPassword !== null) await secrets.set(incomingSecretKey(account.id, mode), typedPassword);
  account.trustedCertificates = trusted;
  if (mode === 'imap') account.imap = endpoint;
  else account.pop3 = endpoint;
}

/** Another device on the same account: its own cache, connections and mode, as on another computer. */
export async function addDevice(services: AddDeviceServices, { accountId, name, mode, pop, incoming, ...consent }: ValidParams<'device:add'>): Promise<AccountSummary> {
  const { registry } = services;
  const account = registry.account(accountId);
  assertUniqueName(account, name, null);
  if (!incomingFor(account, mode)) {
    if (!incoming) throw refusedError('INVALID_ARGUMENT', { kind: 'noServerYet', mode });
    await addIncomingServer(services, account, mode, incoming, consent);
  }
  const deviceId = randomUUID();
  const device: DeviceSummary = { id: deviceId, name, mode, dbName: `porthole-${accountId}-${deviceId}`, pop: mode === 'pop3' ? (pop ?? DEFAULT_POP_SETTINGS) : null };
  if (device.pop && retentionNeedsUidl(device.pop.retention)) {
    // Same rule as at setup: a server without UIDL only allows "delete right after download".
    const known = registry.devicesOf(accountId).find((d) => d.device.mode === 'pop3');
    if (known?.backend.serverLacksUidl?.()) throw refusedError('INVALID_ARGUMENT', { kind: 'noUidlDeleteOnly' });
  }
  account.devices.push(device);
  await registry.save(account);
  await registry.start(account, device);
  registry.publish();
  return account;
}

async function renameDevice({ registry }: Pick<DeviceServices, 'registry'>, { accountId, deviceId, name }: ValidParams<'device:rename'>): Promise<AccountSummary> {
  const account = registry.account(accountId);
  deviceOf(account, deviceId);
  assertUniqueName(account, name, deviceId);
  account.devices = account.devices.map((d) => (d.id === deviceId ? { ...d, name } : d));
  // Saving renames the running device too: its new connections are labelled with the new name.
  return saveAndPublish(registry, account);
}

/** Removes one device: its engine stops and its cache is deleted; the server is never touched. */
async function removeDevice({ registry, caches }: Pick<DeviceServices, 'registry' | 'caches'>, { accountId, deviceId }: ValidParams<'device:remove'>): Promise<AccountSummary> {
  const account = registry.account(accountId);
  const device = deviceOf(account, deviceId);
  if (account.devices.length === 1) throw refusedError('INVALID_ARGUMENT', { kind: 'onlyDevice' });
  await registry.stopDevice(accountId, deviceId);
  await caches.drop(device.dbName);
  account.devices = account.devices.filter((d) => d.id !== deviceId);
  return saveAndPublish(registry, account);
}

/**
 * A POP device's retention and checking: its engine first (it refuses what the server cannot do),
 * then the record. An IMAP device's sync settings: the record first (nothing the engine does can
 * refuse them), then the running engine follows without a restart.
 */
async function configureDevice({ registry }: Pick<DeviceServices, 'registry'>, params: ValidParams<'device:configure'>): Promise<AccountSummary> {
  const { accountId, deviceId } = params;
  const { device, backend, account } = registry.device(accountId, deviceId);
  if ('imapSync' in params) {
    if (device.mode !== 'imap' || !(backend instanceof ImapBackend)) throw refusedError('INVALID_ARGUMENT', { kind: 'imapSettingsOnly' });
    const imapSync = withoutDuplicates(params.imapSync);
    account.devices = account.devices.map((d) => (d.id === deviceId ? { ...d, imapSync } : d));
    await saveAndPublish(registry, account);
    backend.applySyncSettings(imapSync);
    return account;
  }
  if (device.mode !== 'pop3') throw refusedError('INVALID_ARGUMENT', { kind: 'retentionPopOnly' });
  backend.configure(params.pop);
  account.devices = account.devices.map((d) => (d.id === deviceId ? { ...d, pop: params.pop } : d));
  return saveAndPublish(registry, account);
}

/** The same folder named twice counts once (a watched folder twice would be two connections). */
function withoutDuplicates(settings: ImapSyncSettings): ImapSyncSettings {
  const offlineFolders = settings.offlineFolders.kind === 'some' ? { kind: 'some' as const, paths: [...new Set(settings.offlineFolders.paths)] } : settings.offlineFolders;
  return { ...settings, offlineFolders, idleFolders: [...new Set(settings.idleFolders)] };
}
