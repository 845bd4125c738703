import { randomUUID } from 'node:crypto';
import type { CommandParams } from '../../common/contract';
import { DEFAULT_POP_SETTINGS, incomingFor, retentionNeedsUidl, type AccountSummary, type DeviceSummary, type Mode, type NewServerConsent, type ServerEndpoint } from '../../common/model/account';
import { verifyImapLogin } from '../protocols/imap/imap-connection';
import { verifyPop3Login } from '../protocols/pop3/pop3-connection';
import { incomingSecretKey, storedPasswords } from './incoming-password';
import { passwordForNewServer } from './new-server-consent';
import { trustFor } from './trust-for';
import { ProtocolError } from '../protocols/protocol-error';
import type { PortholeCore } from './porthole-core';

function accountOf(core: PortholeCore, accountId: string): AccountSummary {
  const account = core.accounts.get(accountId);
  if (!account) throw new ProtocolError({ code: 'NOT_FOUND', message: 'That account does not exist.' });
  return account;
}

function deviceOf(account: AccountSummary, deviceId: string): DeviceSummary {
  const device = account.devices.find((d) => d.id === deviceId);
  if (!device) throw new ProtocolError({ code: 'NOT_FOUND', message: 'That device does not exist.' });
  return device;
}

function assertUniqueName(account: AccountSummary, name: string, exceptId: string | null): void {
  if (account.devices.some((d) => d.id !== exceptId && d.name.toLowerCase() === name.toLowerCase())) {
    throw new ProtocolError({ code: 'INVALID_ARGUMENT', message: `This account already has a device called “${name}”.` });
  }
}

async function saveAndPublish(core: PortholeCore, account: AccountSummary): Promise<AccountSummary> {
  await core.accounts.save(account);
  core.publishAccounts();
  return account;
}

/**
 * Adds the account's server for another mode, after the same login check as at setup, with the
 * password the user typed for it (never the stored one: the host is the caller's choice). The
 * password is stored for that server only once its login worked. A certificate the user already
 * trusted for this account is trusted on the new port too.
 */
export async function addIncomingServer(core: PortholeCore, account: AccountSummary, mode: Mode, endpoint: ServerEndpoint, consent: NewServerConsent): Promise<void> {
  const password = passwordForNewServer(endpoint, consent);
  core.transcripts.setSecrets(account.id, [...(await storedPasswords(core.secrets, account.id)), password]);
  const fingerprints = account.trustedCertificates.map((c) => c.fingerprint256);
  const trusted = [...account.trustedCertificates, ...(await trustFor(endpoint, mode, fingerprints))];
  const login = { endpoint, password, trusted, transcript: core.transcripts.sink(account.id, 'login check') };
  if (mode === 'imap') await verifyImapLogin(login);
  else await verifyPop3Login(login, false);
  await core.secrets.set(incomingSecretKey(account.id, mode), password);
  account.trustedCertificates = trusted;
  if (mode === 'imap') account.imap = endpoint;
  else account.pop3 = endpoint;
}

/** Another device on the same account: its own cache, connections and mode, as on another computer. */
export async function addDevice(core: PortholeCore, { accountId, name, mode, pop, incoming, ...consent }: CommandParams<'device:add'>): Promise<AccountSummary> {
  const account = accountOf(core, accountId);
  assertUniqueName(account, name, null);
  if (!incomingFor(account, mode)) {
    if (!incoming) throw new ProtocolError({ code: 'INVALID_ARGUMENT', message: `This account has no ${mode === 'imap' ? 'IMAP' : 'POP3'} server yet: give its address, port and security.` });
    await addIncomingServer(core, account, mode, incoming, consent);
  }
  const deviceId = randomUUID();
  const device: DeviceSummary = { id: deviceId, name, mode, dbName: `porthole-${accountId}-${deviceId}`, pop: mode === 'pop3' ? (pop ?? DEFAULT_POP_SETTINGS) : null };
  if (device.pop && retentionNeedsUidl(device.pop.retention)) {
    // Same rule as at setup: a server without UIDL only allows "delete right after download".
    const known = core.devicesOf(accountId).find((d) => d.device.mode === 'pop3');
    if (known?.backend.serverLacksUidl?.()) throw new ProtocolError({ code: 'INVALID_ARGUMENT', message: 'This server has no UIDL: only “delete right after download” works with it.' });
  }
  account.devices.push(device);
  await core.accounts.save(account);
  await core.startDevice(account, device);
  core.publishAccounts();
  return account;
}

export async function renameDevice(core: PortholeCore, { accountId, deviceId, name }: CommandParams<'device:rename'>): Promise<AccountSummary> {
  const account = accountOf(core, accountId);
  deviceOf(account, deviceId);
  assertUniqueName(account, name, deviceId);
  account.devices = account.devices.map((d) => (d.id === deviceId ? { ...d, name } : d));
  const running = core.devicesOf(accountId).find((d) => d.device.id === deviceId);
  if (running) running.device.name = name;
  return saveAndPublish(core, account);
}

/** Removes one device: its engine stops and its cache is deleted; the server is never touched. */
export async function removeDevice(core: PortholeCore, { accountId, deviceId }: CommandParams<'device:remove'>): Promise<AccountSummary> {
  const account = accountOf(core, accountId);
  const device = deviceOf(account, deviceId);
  if (account.devices.length === 1) throw new ProtocolError({ code: 'INVALID_ARGUMENT', message: 'This is the account’s only device: remove the account instead.' });
  await core.stopDevice(accountId, deviceId);
  await core.cache.dropDatabase(device.dbName);
  account.devices = account.devices.filter((d) => d.id !== deviceId);
  return saveAndPublish(core, account);
}
