import type { SWITCH_COMMANDS } from '../../common/commands/switch-commands';
import type { ValidParams } from '../../common/contract';
import { DEFAULT_POP_SETTINGS, incomingFor, type AccountSummary, type DeviceSummary, type Mode, type NewServerConsent, type ServerEndpoint } from '../../common/model/account';
import type { SwitchOptions, SwitchPreview, SwitchResult } from '../../common/model/switch';
import type { ImapLogin } from '../protocols/imap/imap-connection';
import type { LoginCredential } from '../protocols/login-credential';
import { isProtocolError, refusedError } from '../protocols/protocol-error';
import { imapToPopCommitted, previewImapToPop, runImapToPop } from '../sync/switch/imap-to-pop';
import { popToImapCommitted, previewPopToImap, runPopToImap } from '../sync/switch/pop-to-imap';
import { SwitchCancelled, SwitchRun } from '../sync/switch/switch-run';
import type { HandlersFor } from './handler-types';
import { addIncomingServer, type IncomingServerServices } from './device-handlers';
import type { DeviceRegistry } from './device-registry';
import { incomingCredential, storedPasswords } from './incoming-password';
import { credentialForNewServer } from './new-server-credential';
import type { CoreEvents, DeviceCaches } from './services';
import { trustFor } from './trust-for';

const STAGING_FOLDER = 'local:switch-staging';

export type SwitchServices = IncomingServerServices & {
  registry: Pick<DeviceRegistry, 'get' | 'save' | 'start' | 'stopDevice' | 'publish'>;
  caches: Pick<DeviceCaches, 'forDevice'>;
  events: CoreEvents;
  now: () => number;
};

export function switchHandlers(services: SwitchServices): HandlersFor<keyof typeof SWITCH_COMMANDS> {
  return {
    'device:switchPreview': (params) => switchPreview(services, params),
    'device:switchMode': (params) => switchMode(services, params),
    'device:switchCancel': ({ deviceId }) => Promise.resolve(runs.get(deviceId)?.cancel() ?? false),
  };
}

/** The preview or switch running for each device (one at a time), so Cancel can reach it. */
const runs = new Map<string, SwitchRun>();

/** Registers a run that reports its progress as `switch:progress` for the device; removed when `work` ends. */
async function withRun<T>(events: CoreEvents, ref: { accountId: string; deviceId: string }, stage: 'preview' | 'switch', work: (run: SwitchRun) => Promise<T>): Promise<T> {
  if (runs.has(ref.deviceId)) throw refusedError('INVALID_ARGUMENT', { kind: 'switchRunning' });
  const run = new SwitchRun(stage, (progress) => events.emit('switch:progress', { accountId: ref.accountId, deviceId: ref.deviceId, ...progress }));
  runs.set(ref.deviceId, run);
  try {
    return await work(run);
  } finally {
    runs.delete(ref.deviceId);
  }
}

function accountAndDevice(registry: Pick<DeviceRegistry, 'get'>, accountId: string, deviceId: string): { account: AccountSummary; device: DeviceSummary } {
  const account = registry.get(accountId);
  const device = account?.devices.find((d) => d.id === deviceId);
  if (!account || !device) throw refusedError('NOT_FOUND', { kind: 'accountOrDeviceNotFound' });
  return { account, device };
}

async function loginFor({ transcripts }: Pick<SwitchServices, 'transcripts'>, account: AccountSummary, endpoint: ServerEndpoint, mode: Mode, credential: LoginCredential, device: DeviceSummary): Promise<ImapLogin> {
  const trusted = [...account.trustedCertificates, ...(await trustFor(endpoint, mode, account.trustedCertificates.map((c) => c.fingerprint256)))];
  return { endpoint, ...credential, trusted, transcript: transcripts.sink(account.id, { device: device.name, role: 'switch' }) };
}

/** The login to the account's own server of this mode, with its stored password or its OAuth2 tokens. */
async function accountLogin(services: Pick<SwitchServices, 'secrets' | 'oauthTokens' | 'transcripts'>, account: AccountSummary, mode: Mode, device: DeviceSummary): Promise<ImapLogin | null> {
  const endpoint = incomingFor(account, mode);
  if (!endpoint) return null;
  return loginFor(services, account, endpoint, mode, await incomingCredential(services, account, mode), device);
}

/**
 * The servers a switch talks to: both modes' own, with their stored passwords or the account's
 * tokens. A target server given now (not yet saved) gets only the password typed for it, never a
 * stored one; an OAuth2 account's tokens only if it is the provider's (new-server-credential.ts).
 */
async function switchLogins(services: Pick<SwitchServices, 'secrets' | 'oauthTokens' | 'transcripts'>, account: AccountSummary, device: DeviceSummary, to: Mode, given: { endpoint: ServerEndpoint; consent: NewServerConsent } | null) {
  const other: Mode = to === 'imap' ? 'pop3' : 'imap';
  let target = await accountLogin(services, account, to, device);
  if (!target && given) {
    const { credential, typedPassword } = credentialForNewServer(services, account, given.endpoint, given.consent);
    services.transcripts.setSecrets(account.id, [...(await storedPasswords(services.secrets, account.id)), ...(typedPassword === null ? [] : [typedPassword])]);
    target = await loginFor(services, account, given.endpoint, to, credential, device);
  }
  if (!target) throw refusedError('INVALID_ARGUMENT', { kind: 'noServerYet', mode: to });
  const otherLogin = await accountLogin(services, account, other, device);
  return to === 'imap' ? { imap: target, pop3: otherLogin } : { imap: otherLogin, pop3: target };
}

async function switchPreview(services: SwitchServices, { accountId, deviceId, to, incoming, ...consent }: ValidParams<'device:switchPreview'>): Promise<SwitchPreview> {
  const { registry, caches, events, now } = services;
  const { account, device } = accountAndDevice(registry, accountId, deviceId);
  if (device.mode === to) throw refusedError('INVALID_ARGUMENT', { kind: 'alreadyUses', device: device.name, mode: to });
  const cache = caches.forDevice(device);
  try {
    // Registered before logging in, so a Cancel pressed at once is not lost.
    return await withRun(events, { accountId, deviceId }, 'preview', async (run) => {
      const logins = await switchLogins(services, account, device, to, incoming ? { endpoint: incoming, consent } : null);
      const imap = logins.imap;
      if (!imap) throw refusedError('INVALID_ARGUMENT', { kind: 'noImapToSwitchFrom' });
      return to === 'imap' ? previewPopToImap({ cache, login: imap, now, run }) : previewImapToPop({ cache, imapLogin: imap, popLogin: logins.pop3!, now, run });
    });
  } catch (error) {
    if (error instanceof SwitchCancelled) throw refusedError('INVALID_ARGUMENT', { kind: 'previewCancelled' });
    throw error;
  }
}

/** Runs (or resumes) the migration of the device's cache; the device's engine is stopped. */
async function migrate(services: Pick<SwitchServices, 'caches' | 'secrets' | 'oauthTokens' | 'transcripts' | 'now'>, account: AccountSummary, device: DeviceSummary, to: Mode, options: SwitchOptions, run?: SwitchRun): Promise<SwitchResult> {
  const { now } = services;
  const cache = services.caches.forDevice(device);
  const folders = await cache.query({ query: 'folders' });
  const empty: SwitchResult = { matched: 0, uploaded: 0, statesPushed: 0, downloaded: 0, copiedFolders: 0, keptLocal: 0 };
  // Committed before the app stopped: only the account record is left to update.
  if (to === 'imap' ? popToImapCommitted(folders) : imapToPopCommitted(folders)) return empty;
  const logins = await switchLogins(services, account, device, to, null);
  if (to === 'imap') return runPopToImap({ cache, login: logins.imap!, now, run }, options);
  return runImapToPop({ cache, imapLogin: logins.imap!, popLogin: logins.pop3!, now, run }, options);
}

async function finish(registry: SwitchServices['registry'], account: AccountSummary, deviceId: string, to: Mode | null): Promise<AccountSummary> {
  const fresh = registry.get(account.id) ?? account;
  fresh.devices = fresh.devices.map((d) => {
    if (d.id !== deviceId) return d;
    if (!to) return { ...d, switching: null };
    return { ...d, mode: to, pop: to === 'pop3' ? { ...(d.pop ?? DEFAULT_POP_SETTINGS), retention: { kind: 'keep' } } : d.pop, switching: null };
  });
  await registry.save(fresh);
  await registry.start(fresh, fresh.devices.find((d) => d.id === deviceId)!);
  registry.publish();
  return fresh;
}

/** Undoes what a failed switch left in the cache (hidden staged downloads); the old mode stays. */
async function rollBack({ registry, caches }: Pick<SwitchServices, 'registry' | 'caches'>, account: AccountSummary, device: DeviceSummary): Promise<void> {
  await caches.forDevice(device).apply([{ op: 'clearFolder', folderId: STAGING_FOLDER }]);
  await finish(registry, account, device.id, null);
}

/**
 * Switches a device in place. Policy: stop the engine first (no polling or sync during the
 * switch); write a journal in the account record; migrate; flip the mode and clear the journal;
 * start the new engine. A failure leaves the device in its old mode, nothing lost.
 */
function switchMode(services: SwitchServices, { accountId, deviceId, to, incoming, options, ...consent }: ValidParams<'device:switchMode'>): Promise<SwitchResult> {
  const { registry, events, now } = services;
  const { account, device } = accountAndDevice(registry, accountId, deviceId);
  if (device.mode === to) throw refusedError('INVALID_ARGUMENT', { kind: 'alreadyUses', device: device.name, mode: to });
  return withRun(events, { accountId, deviceId }, 'switch', async (run) => {
    if (!incomingFor(account, to)) {
      if (!incoming) throw refusedError('INVALID_ARGUMENT', { kind: 'noServerYet', mode: to });
      await addIncomingServer(services, account, to, incoming, consent);
    }
    account.devices = account.devices.map((d) => (d.id === deviceId ? { ...d, switching: { to, options, startedAt: now() } } : d));
    await registry.save(account);
    await registry.stopDevice(accountId, deviceId);
    let result: SwitchResult;
    try {
      result = await migrate(services, account, device, to, options, run);
    } catch (error) {
      await rollBack(services, account, device);
      // Cancelled before its point of no return: nothing changed on the server, the old mode stays.
      if (error instanceof SwitchCancelled) return { matched: 0, uploaded: 0, statesPushed: 0, downloaded: 0, copiedFolders: 0, keptLocal: 0, cancelled: true };
      if (isProtocolError(error)) throw error;
      throw refusedError('INTERNAL', { kind: 'switchUndone', detail: error instanceof Error ? error.message : String(error) });
    }
    await finish(registry, account, deviceId, to);
    return result;
  });
}

/**
 * At start-up, before engines start: a switch that was running when the app stopped is finished,
 * or, if it cannot be finished now, undone (the device keeps its old mode) with a notice.
 */
export async function resumeSwitches(services: Pick<SwitchServices, 'registry' | 'caches' | 'secrets' | 'oauthTokens' | 'transcripts' | 'events' | 'now'>, account: AccountSummary): Promise<AccountSummary> {
  const { registry, caches, events } = services;
  let current = account;
  for (const device of account.devices) {
    const journal = device.switching;
    if (!journal) continue;
    try {
      await migrate(services, current, device, journal.to, journal.options);
      current.devices = current.devices.map((d) => (d.id === device.id ? { ...d, mode: journal.to, pop: journal.to === 'pop3' ? { ...(d.pop ?? DEFAULT_POP_SETTINGS), retention: { kind: 'keep' } } : d.pop, switching: null } : d));
      events.notice({ level: 'info', where: 'account', accountId: account.id, deviceId: device.id, words: { kind: 'switchCompleted', device: device.name, to: journal.to }, code: null });
    } catch (error) {
      await caches.forDevice(device).apply([{ op: 'clearFolder', folderId: STAGING_FOLDER }]).catch(() => undefined);
      current.devices = current.devices.map((d) => (d.id === device.id ? { ...d, switching: null } : d));
      const reason = isProtocolError(error) ? error.wire.message : error instanceof Error ? error.message : String(error);
      events.notice({ level: 'warning', where: 'account', accountId: account.id, deviceId: device.id, words: { kind: 'switchUndone', device: device.name, reason }, code: null });
    }
    await registry.save(current);
    current = registry.get(account.id) ?? current;
  }
  return current;
}
