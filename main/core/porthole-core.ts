import { randomUUID } from 'node:crypto';
import type { CommandName, CommandParams, CommandResult, DeviceStatus, EventName, Events, Notice } from '../../common/contract';
import { ERROR_MESSAGES } from '../../common/errors';
import { incomingFor, type AccountSummary, type DeviceSummary, type Mode, type ServerEndpoint } from '../../common/model/account';
import { fail, ok, type Result, type WireError } from '../../common/result';
import { AccountStore } from '../accounts/account-store';
import { PreferencesStore } from '../accounts/preferences-store';
import type { SecretStore } from '../accounts/secret-store';
import { TranscriptStore } from '../transcript/transcript-store';
import { ServerViews, type ObserverLogins } from '../server-view/server-views';
import type { CacheClient } from '../cache/cache-client';
import { ProtocolError, isProtocolError } from '../protocols/protocol-error';
import type { DeviceCacheAccess, MailboxBackend } from '../sync/backend';
import { createBackend } from '../sync/create-backend';
import { COMMAND_SCHEMAS } from './command-schemas';
import { COMMAND_HANDLERS } from './command-handlers';
import { storedIncomingPassword, storedPasswords } from './incoming-password';
import { resumeSwitches } from './switch-handlers';
import { SandboxHost } from './sandbox-host';
import { reconnectSandboxAccounts } from './sandbox-handlers';

export interface CoreOptions {
  profileDir: string;
  secrets: SecretStore;
  cache: CacheClient;
  transport: 'electron' | 'web';
  version: string;
  now?: () => number;
  /** Opens a web page in the system browser (Electron's shell); the harness has none. */
  openExternal?: (url: string) => Promise<void>;
}

export interface RunningDevice {
  account: AccountSummary;
  device: DeviceSummary;
  backend: MailboxBackend;
}

type Listener<E extends EventName> = (payload: Events[E]) => void;

/**
 * The main process's core, the same in Electron and in the web harness: accounts, their
 * devices' engines, and the command handlers. Transports call `handle` and subscribe with `on`.
 */
export class PortholeCore {
  readonly accounts: AccountStore;
  readonly preferences: PreferencesStore;
  readonly secrets: SecretStore;
  readonly cache: CacheClient;
  readonly now: () => number;
  readonly transcripts: TranscriptStore;
  readonly serverViews: ServerViews;
  readonly sandbox: SandboxHost;
  private readonly devices = new Map<string, RunningDevice>();
  private starting: Promise<void> | null = null;
  private readonly statuses = new Map<string, DeviceStatus>();
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>();

  constructor(readonly options: CoreOptions) {
    this.accounts = new AccountStore(options.profileDir);
    this.preferences = new PreferencesStore(options.profileDir);
    this.secrets = options.secrets;
    this.cache = options.cache;
    this.now = options.now ?? Date.now;
    this.transcripts = new TranscriptStore(this.now, (accountId, entries) => this.emit('transcript:lines', { accountId, entries }));
    this.sandbox = new SandboxHost(
      options.profileDir,
      (state) => this.emit('sandbox:state', state),
      (error) => this.notice({ level: 'warning', where: 'sandbox', accountId: null, deviceId: null, code: null, text: `The sandbox could not deliver a message: ${error instanceof Error ? error.message : String(error)}` }),
    );
    this.serverViews = new ServerViews((accountId) => this.observerLogins(accountId), (accountId, view) => this.emit('serverView:update', { accountId, view }), this.now);
  }

  /** The server panel's logins: the account's credentials, with its own transcript label. */
  private async observerLogins(accountId: string): Promise<ObserverLogins> {
    const account = this.accounts.get(accountId);
    if (!account) throw new ProtocolError({ code: 'NOT_FOUND', message: 'That account does not exist.' });
    const passwords = { imap: await storedIncomingPassword(this.secrets, accountId, 'imap'), pop3: await storedIncomingPassword(this.secrets, accountId, 'pop3') };
    const login = (mode: Mode) => ({ endpoint: requireIncoming(account, mode), password: passwords[mode], trusted: account.trustedCertificates, transcript: this.transcripts.sink(accountId, 'server panel') });
    return { imap: () => login('imap'), pop3: () => login('pop3') };
  }

  /** Makes the account's passwords known to the transcript, which masks them wherever they appear. */
  async registerSecrets(accountId: string): Promise<void> {
    this.transcripts.setSecrets(accountId, await storedPasswords(this.secrets, accountId));
  }

  /**
   * Starts every account's devices. Commands wait for it (a window may ask before it is done), and
   * a harness prints its address before it: the devices need the cache host, which is a page of
   * that address.
   */
  start(): Promise<void> {
    this.starting ??= this.startAccounts();
    return this.starting;
  }

  private async startAccounts(): Promise<void> {
    const accounts = await reconnectSandboxAccounts(this, await this.accounts.load());
    for (const stored of accounts) {
      const account = stored.devices.some((d) => d.switching) ? await resumeSwitches(this, stored) : stored;
      for (const device of account.devices) await this.startDevice(account, device);
    }
  }

  async stop(): Promise<void> {
    this.serverViews.stopAll();
    await Promise.all([...this.devices.values()].map((d) => d.backend.stop()));
    this.devices.clear();
    await this.sandbox.stop();
    this.transcripts.flush();
  }

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as Listener<EventName>);
    this.listeners.set(event, set);
    return () => set.delete(listener as Listener<EventName>);
  }

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }

  notice(notice: Omit<Notice, 'id' | 'at'>): void {
    this.emit('notice', { ...notice, id: randomUUID(), at: this.now() });
  }

  /** Validates and runs one command; every failure comes back as a typed error, never a throw. */
  async handle<C extends CommandName>(command: C, rawParams: unknown): Promise<Result<CommandResult<C>>> {
    await this.starting?.catch(() => undefined);
    const schema = COMMAND_SCHEMAS[command];
    if (!schema) return fail({ code: 'INVALID_ARGUMENT', message: `Unknown command ${String(command)}` });
    const parsed = schema.safeParse(rawParams);
    if (!parsed.success) {
      return fail({ code: 'INVALID_ARGUMENT', message: `Invalid arguments for ${command}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` });
    }
    try {
      const handler = COMMAND_HANDLERS[command] as (core: PortholeCore, params: CommandParams<C>) => Promise<CommandResult<C>>;
      return ok(await handler(this, parsed.data as CommandParams<C>));
    } catch (error) {
      return fail(toWireError(error));
    }
  }

  // ---- devices ---------------------------------------------------------------------------

  deviceCache(device: DeviceSummary): DeviceCacheAccess {
    return {
      apply: (ops) => this.cache.apply(device.dbName, ops),
      query: (query) => this.cache.query(device.dbName, query),
    };
  }

  async startDevice(account: AccountSummary, device: DeviceSummary): Promise<RunningDevice> {
    const incomingPassword = await storedIncomingPassword(this.secrets, account.id, device.mode);
    await this.registerSecrets(account.id);
    const ref = { accountId: account.id, deviceId: device.id };
    const backend = createBackend(device.mode, {
      account,
      device,
      incoming: requireIncoming(account, device.mode),
      incomingPassword,
      transcript: (role) => this.transcripts.sink(account.id, `${device.name} · ${role}`),
      cache: this.deviceCache(device),
      now: this.now,
      events: {
        status: (status) => {
          const full = { ...ref, ...status };
          this.statuses.set(deviceKey(account.id, device.id), full);
          this.emit('device:status', full);
        },
        progress: (progress) => this.emit('sync:progress', { ...ref, ...progress }),
        notice: (notice) => this.notice({ ...notice, ...ref }),
        serverChanged: () => void this.serverViews.refreshPop(account.id),
      },
    });
    const running = { account, device, backend };
    this.devices.set(deviceKey(account.id, device.id), running);
    await backend.start();
    return running;
  }

  device(accountId: string, deviceId: string): RunningDevice {
    const running = this.devices.get(deviceKey(accountId, deviceId));
    if (!running) throw new ProtocolError({ code: 'NOT_FOUND', message: 'That account or device does not exist.' });
    return running;
  }

  async stopDevice(accountId: string, deviceId: string): Promise<void> {
    const key = deviceKey(accountId, deviceId);
    const running = this.devices.get(key);
    if (!running) return;
    this.devices.delete(key);
    await running.backend.stop();
  }

  /** The latest status of every running device. */
  deviceStatuses(): DeviceStatus[] {
    return [...this.devices.keys()].flatMap((key) => {
      const status = this.statuses.get(key);
      return status ? [status] : [];
    });
  }

  /** The running devices of an account (each with its own backend and cache). */
  devicesOf(accountId: string): RunningDevice[] {
    return [...this.devices.values()].filter((d) => d.account.id === accountId);
  }

  async stopAccount(accountId: string): Promise<RunningDevice[]> {
    const stopped: RunningDevice[] = [];
    for (const [key, running] of this.devices) {
      if (running.account.id !== accountId) continue;
      await running.backend.stop();
      this.devices.delete(key);
      stopped.push(running);
    }
    return stopped;
  }

  publishAccounts(): void {
    this.emit('accounts:changed', this.accounts.list());
  }
}

/** The incoming server of a mode, or a clear error when the account has none for it. */
export function requireIncoming(account: AccountSummary, mode: Mode): ServerEndpoint {
  const endpoint = incomingFor(account, mode);
  if (!endpoint) throw new ProtocolError({ code: 'INVALID_ARGUMENT', message: `This account has no ${mode === 'imap' ? 'IMAP' : 'POP3'} server set up yet.` });
  return endpoint;
}

function deviceKey(accountId: string, deviceId: string): string {
  return `${accountId}/${deviceId}`;
}

export function toWireError(error: unknown): WireError {
  if (isProtocolError(error)) return error.wire;
  return { code: 'INTERNAL', message: `${ERROR_MESSAGES.INTERNAL} (${error instanceof Error ? error.message : String(error)})` };
}
