import type { DeviceStatus } from '../../common/contract';
import { incomingFor, type AccountSummary, type DeviceSummary, type Mode, type ServerEndpoint } from '../../common/model/account';
import { AccountStore } from '../accounts/account-store';
import type { SecretStore } from '../accounts/secret-store';
import type { OAuthTokens } from '../oauth/oauth-tokens';
import { refusedError } from '../protocols/protocol-error';
import type { BackendContext, MailboxBackend } from '../sync/backend';
import { createBackend } from '../sync/create-backend';
import { incomingCredential, storedPasswords } from './incoming-password';
import type { CoreEvents, DeviceCaches, Transcripts } from './services';

/** A device whose engine runs. `device` is the live record: the registry updates it in place when the account is saved. */
export interface RunningDevice {
  readonly accountId: string;
  readonly device: DeviceSummary;
  readonly backend: MailboxBackend;
}

export interface DeviceRegistryDeps {
  secrets: SecretStore;
  /** The OAuth2 accounts' tokens, which their devices log in with instead of a password. */
  oauthTokens: Pick<OAuthTokens, 'forAccount'>;
  transcripts: Transcripts;
  caches: DeviceCaches;
  events: CoreEvents;
  /** A device's engine changed the server (a POP check): the account's server panel refreshes. */
  serverChanged(accountId: string): void;
  now: () => number;
  /** A minute of the check schedules (BackendContext.minuteMs). */
  minuteMs?: number;
}

/**
 * The one owner of account and device records, and of the running devices' engines. Records are
 * kept in `accounts.json` (AccountStore); every change goes through `save`, which also brings the
 * running devices' live records up to date, so no handler edits a copy by hand. Records handed
 * out are copies: change one, then `save` it.
 */
export class DeviceRegistry {
  private readonly store: AccountStore;
  private readonly running = new Map<string, RunningDevice>();
  private readonly statuses = new Map<string, DeviceStatus>();

  constructor(
    profileDir: string,
    private readonly deps: DeviceRegistryDeps,
  ) {
    this.store = new AccountStore(profileDir);
  }

  load(): Promise<AccountSummary[]> {
    return this.store.load();
  }

  list(): AccountSummary[] {
    return this.store.list();
  }

  get(accountId: string): AccountSummary | null {
    return this.store.get(accountId);
  }

  /** The account's record, or NOT_FOUND. */
  account(accountId: string): AccountSummary {
    const account = this.store.get(accountId);
    if (!account) throw refusedError('NOT_FOUND', { kind: 'accountNotFound' });
    return account;
  }

  /** Stores the account's record, and brings its running devices' live records up to date. */
  async save(account: AccountSummary): Promise<void> {
    await this.store.save(account);
    for (const device of account.devices) {
      const running = this.running.get(deviceKey(account.id, device.id));
      if (running) Object.assign(running.device, structuredClone(device));
    }
  }

  remove(accountId: string): Promise<void> {
    return this.store.remove(accountId);
  }

  /** Tells every window the accounts changed. */
  publish(): void {
    this.deps.events.emit('accounts:changed', this.store.list());
  }

  /** Makes the account's passwords known to the transcript, which masks them wherever they appear. */
  async registerSecrets(accountId: string): Promise<void> {
    this.deps.transcripts.setSecrets(accountId, await storedPasswords(this.deps.secrets, accountId));
  }

  async start(account: AccountSummary, device: DeviceSummary): Promise<RunningDevice> {
    const { transcripts, caches, events, now, minuteMs } = this.deps;
    const credential = await incomingCredential(this.deps, account, device.mode);
    await this.registerSecrets(account.id);
    const ref = { accountId: account.id, deviceId: device.id };
    const context: BackendContext = {
      account,
      device,
      incoming: requireIncoming(account, device.mode),
      incomingCredential: credential,
      transcript: (role, folder) => transcripts.sink(account.id, { device: device.name, role, ...(folder === undefined ? {} : { folder }) }),
      cache: caches.forDevice(device),
      now,
      ...(minuteMs === undefined ? {} : { minuteMs }),
      events: {
        status: (status) => {
          const full = { ...ref, ...status };
          this.statuses.set(deviceKey(account.id, device.id), full);
          events.emit('device:status', full);
        },
        progress: (progress) => events.emit('sync:progress', { ...ref, ...progress }),
        notice: (notice) => events.notice({ ...notice, ...ref }),
        serverChanged: () => this.deps.serverChanged(account.id),
      },
    };
    const backend = createBackend(device.mode, context);
    const running = { accountId: account.id, device, backend };
    this.running.set(deviceKey(account.id, device.id), running);
    await backend.start();
    return running;
  }

  /** A running device with its account's current record, or NOT_FOUND. */
  device(accountId: string, deviceId: string): RunningDevice & { account: AccountSummary } {
    const running = this.running.get(deviceKey(accountId, deviceId));
    const account = this.store.get(accountId);
    if (!running || !account) throw refusedError('NOT_FOUND', { kind: 'accountOrDeviceNotFound' });
    return { ...running, account };
  }

  /** The running devices of an account (each with its own backend and cache). */
  devicesOf(accountId: string): RunningDevice[] {
    return [...this.running.values()].filter((d) => d.accountId === accountId);
  }

  async stopDevice(accountId: string, deviceId: string): Promise<void> {
    const key = deviceKey(accountId, deviceId);
    const running = this.running.get(key);
    if (!running) return;
    this.running.delete(key);
    await running.backend.stop();
  }

  async stopAccount(accountId: string): Promise<void> {
    for (const [key, running] of this.running) {
      if (running.accountId !== accountId) continue;
      await running.backend.stop();
      this.running.delete(key);
    }
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.values()].map((d) => d.backend.stop()));
    this.running.clear();
  }

  /** The latest status of every running device. */
  deviceStatuses(): DeviceStatus[] {
    return [...this.running.keys()].flatMap((key) => {
      const status = this.statuses.get(key);
      return status ? [status] : [];
    });
  }
}

/** The incoming server of a mode, or a clear error when the account has none for it. */
export function requireIncoming(account: AccountSummary, mode: Mode): ServerEndpoint {
  const endpoint = incomingFor(account, mode);
  if (!endpoint) throw refusedError('INVALID_ARGUMENT', { kind: 'noServerSetUp', mode });
  return endpoint;
}

function deviceKey(accountId: string, deviceId: string): string {
  return `${accountId}/${deviceId}`;
}
