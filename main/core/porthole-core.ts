import { randomUUID } from 'node:crypto';
import type { ThemeChoice } from '../../common/commands/app-commands';
import type { AnnouncementWords } from '../../common/commands/notify-commands';
import type { CacheOp, CacheQuery } from '../../common/cache-protocol';
import type { CommandName, CommandResult, EventName, Events, Notice } from '../../common/contract';
import type { Mode } from '../../common/model/account';
import { fail, ok, type Result } from '../../common/result';
import { PreferencesStore } from '../accounts/preferences-store';
import type { DiscoveryOptions } from '../discovery/options';
import { clientFileCandidates, requestTimeoutMs, type OAuthOptions } from '../oauth/options';
import { OAuthProviders } from '../oauth/oauth-providers';
import { OAuthTokens } from '../oauth/oauth-tokens';
import type { SecretStore } from '../accounts/secret-store';
import { TranscriptStore } from '../transcript/transcript-store';
import { ServerViews, type ObserverLogins } from '../server-view/server-views';
import type { CacheClient } from '../cache/cache-client';
import { NewMailAnnouncer } from '../notify/announcer';
import { routeArrivals } from '../notify/arrival-route';
import { refusedError } from '../protocols/protocol-error';
import { commandTable, type CoreServices } from './command-table';
import type { CommandHandlers } from './handler-types';
import { DeviceRegistry, requireIncoming, type RunningDevice } from './device-registry';
import { saveDraft, sendMessage } from './mail-handlers';
import { Outbox } from './outbox';
import { SmtpSizeLimits } from './smtp-size-limits';
import { incomingCredential } from './incoming-password';
import { resumeSwitches } from './switch-handlers';
import { SandboxHost } from './sandbox-host';
import { reconnectSandboxAccounts } from './sandbox-handlers';
import type { DeviceCaches } from './services';
import { toWireError, validateParams } from './validate-params';

export interface CoreOptions {
  profileDir: string;
  secrets: SecretStore;
  cache: CacheClient;
  transport: 'electron' | 'web';
  version: string;
  now?: () => number;
  /** A minute of the check schedules, for tests of the schedule itself; absent: 60,000 ms. */
  minuteMs?: number;
  /** Opens a web page in the system browser (Electron's shell); the harness has none. */
  openExternal?: (url: string) => Promise<void>;
  /** DNS servers for discovery (the tests' own); absent: the system's. */
  discovery?: DiscoveryOptions;
  /** Where the OAuth2 client ids are read from. */
  oauth?: OAuthOptions;
  /** Shows the unread count on the app's icon (Electron's dock or taskbar); the harness has none. */
  setUnreadBadge?: (count: number) => void;
  /** Keeps the window's words for the announcements Electron's main shows; the harness's page says its own. */
  setAnnouncementWords?: (words: AnnouncementWords) => void;
  /** The window system's theme (Electron's nativeTheme.themeSource). */
  setTheme?: (theme: ThemeChoice) => void;
}

type Listener<E extends EventName> = (payload: Events[E]) => void;

/**
 * The main process's core, the same in Electron and in the web harness: it builds the services
 * (device registry, caches, transcripts, server panels, sandbox), gives each group of command
 * handlers the part it uses (command-table.ts), and runs commands. Transports call `handle` and
 * subscribe with `on`.
 */
export class PortholeCore {
  readonly secrets: SecretStore;
  readonly cache: CacheClient;
  readonly transcripts: TranscriptStore;
  /** The OAuth2 sign-ins' tokens (S's logins take them from here). */
  readonly oauthTokens: OAuthTokens;
  private readonly now: () => number;
  private readonly registry: DeviceRegistry;
  private readonly serverViews: ServerViews;
  private readonly sandbox: SandboxHost;
  private readonly services: CoreServices;
  private readonly handlers: CommandHandlers;
  private starting: Promise<void> | null = null;
  /** Sent messages in their undo window (main/core/outbox.ts). */
  private readonly outbox: Outbox;
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>();

  constructor(options: CoreOptions) {
    this.secrets = options.secrets;
    this.cache = options.cache;
    this.now = options.now ?? Date.now;
    const oauthOptions = options.oauth ?? {};
    const oauthProviders = new OAuthProviders({ clientFiles: clientFileCandidates(oauthOptions, options.profileDir), requestTimeoutMs: requestTimeoutMs(oauthOptions) });
    this.oauthTokens = new OAuthTokens({ secrets: this.secrets, providers: oauthProviders, requestTimeoutMs: requestTimeoutMs(oauthOptions), now: this.now });
    this.transcripts = new TranscriptStore(this.now, (accountId, entries) => this.emit('transcript:lines', { accountId, entries }));
    this.sandbox = new SandboxHost(
      options.profileDir,
      (state) => this.emit('sandbox:state', state),
      (error) => this.notice({ level: 'warning', where: 'sandbox', accountId: null, deviceId: null, code: null, words: { kind: 'sandboxNotDelivered', reason: error instanceof Error ? error.message : String(error) } }),
    );
    const preferences = new PreferencesStore(options.profileDir);
    const sizeLimits = new SmtpSizeLimits();
    const announcer = new NewMailAnnouncer({
      accountOf: (deviceId) => this.registry.list().find((a) => a.devices.some((d) => d.id === deviceId)) ?? null,
      running: (accountId, device) => this.registry.devicesOf(accountId).some((d) => d.device.id === device.id),
      settings: () => preferences.notifySettings(),
      announce: (mail) => this.emit('mail:new', mail),
      failed: (error) => console.error('Porthole: new mail could not be announced:', error instanceof Error ? error.message : error),
    });
    const caches: DeviceCaches = {
      forDevice: (device) => {
        const access = { apply: (ops: CacheOp[]) => this.cache.apply(device.dbName, ops), query: <Q extends CacheQuery>(query: Q) => this.cache.query(device.dbName, query) };
        // What the device's sync finds newly arrived is announced (or not) by the announcer.
        routeArrivals(access, (arrival) => announcer.arrived(device.id, arrival));
        return access;
      },
      drop: (dbName) => this.cache.dropDatabase(dbName),
    };
    this.registry = new DeviceRegistry(options.profileDir, {
      secrets: this.secrets,
      oauthTokens: this.oauthTokens,
      transcripts: this.transcripts,
      caches,
      events: this,
      serverChanged: (accountId) => void this.serverViews.refreshPop(accountId),
      now: this.now,
      ...(options.minuteMs === undefined ? {} : { minuteMs: options.minuteMs }),
    });
    this.serverViews = new ServerViews((accountId) => this.observerLogins(accountId), (accountId, view) => this.emit('serverView:update', { accountId, view }), this.now);
    this.services = {
      app: { version: options.version, transport: options.transport },
      openExternal: options.openExternal,
      discovery: options.discovery ?? {},
      oauth: oauthOptions,
      oauthProviders,
      oauthTokens: this.oauthTokens,
      secrets: this.secrets,
      preferences,
      setUnreadBadge: options.setUnreadBadge ?? (() => undefined),
      setAnnouncementWords: keptAnnouncementWords(preferences, options.setAnnouncementWords),
      setTheme: options.setTheme ?? (() => undefined),
      transcripts: this.transcripts,
      serverViews: this.serverViews,
      registry: this.registry,
      caches,
      events: this,
      sandbox: this.sandbox,
      now: this.now,
      sizeLimits,
    };
    this.outbox = new Outbox({
      profileDir: options.profileDir,
      now: this.now,
      send: async (message, messageId) => void (await sendMessage(this.services, sizeLimits, message, messageId)),
      keepAsDraft: async (message) => void (await saveDraft(this.services, message)),
      changed: (items) => this.emit('outbox:changed', items),
      told: (message, level, words) => this.notice({ level, where: 'send', accountId: message.accountId, deviceId: message.deviceId, code: null, words }),
    });
    this.services.outbox = this.outbox;
    this.handlers = commandTable(this.services);
  }

  /** The accounts' records, read only: every change goes through a command. */
  get accounts(): Pick<DeviceRegistry, 'get' | 'list'> {
    return this.registry;
  }

  /** A running device with its account, or NOT_FOUND (for tests and benches that reach past the contract). */
  device(accountId: string, deviceId: string): RunningDevice {
    return this.registry.device(accountId, deviceId);
  }

  /** The server panel's logins: the account's credentials (passwords or OAuth2 tokens), with its own transcript label. */
  private async observerLogins(accountId: string): Promise<ObserverLogins> {
    const account = this.registry.get(accountId);
    if (!account) throw refusedError('NOT_FOUND', { kind: 'accountNotFound' });
    const sources = { secrets: this.secrets, oauthTokens: this.oauthTokens };
    const credentials = { imap: await incomingCredential(sources, account, 'imap'), pop3: await incomingCredential(sources, account, 'pop3') };
    const login = (mode: Mode) => ({ endpoint: requireIncoming(account, mode), ...credentials[mode], trusted: account.trustedCertificates, transcript: this.transcripts.sink(accountId, { device: null, role: 'serverPanel' }) });
    return { imap: () => login('imap'), pop3: () => login('pop3') };
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
    try {
      const accounts = await reconnectSandboxAccounts(this.services, await this.registry.load());
      for (const stored of accounts) {
        const account = stored.devices.some((d) => d.switching) ? await resumeSwitches(this.services, stored) : stored;
        for (const device of account.devices) await this.registry.start(account, device);
      }
    } finally {
      // Messages sent in the last run's final seconds go now (their devices are running), even when
      // another account could not start.
      await this.outbox.resume();
    }
  }

  async stop(): Promise<void> {
    await this.outbox.stop();
    this.serverViews.stopAll();
    await this.registry.stopAll();
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
    const params = validateParams(command, rawParams);
    if (!params.ok) return params;
    try {
      return ok(await this.handlers[command](params.value));
    } catch (error) {
      return fail(toWireError(error));
    }
  }
}

/**
 * Hands the window's words to whoever shows announcements (Electron's main), and, at the start,
 * the words kept from the last run, so a notification before the window opens speaks its language.
 * Words a window sends while the kept ones are read win.
 */
function keptAnnouncementWords(preferences: PreferencesStore, setWords: ((words: AnnouncementWords) => void) | undefined): (words: AnnouncementWords) => void {
  if (!setWords) return () => undefined;
  let sent = false;
  preferences.announcementWords().then(
    (kept) => {
      if (kept && !sent) setWords(kept);
    },
    (error: unknown) => console.error('Porthole: the kept words for notifications could not be read:', error instanceof Error ? error.message : error),
  );
  return (words) => {
    sent = true;
    setWords(words);
  };
}
