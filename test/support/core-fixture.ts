import { freshTestProfile } from './test-profile';
import { rm } from 'node:fs/promises';
import { EVENT_NAMES, type EventName, type Events } from '../../common/contract';
import { DEFAULT_POP_SETTINGS, type AccountDraft, type AccountSummary, type PopSettings, type Security } from '../../common/model/account';
import { FileSecretStore } from '../../main/accounts/secret-store';
import { CacheClient } from '../../main/cache/cache-client';
import type { OAuthOptions } from '../../main/oauth/options';
import { PortholeCore } from '../../main/core/porthole-core';
import type { DeviceCache } from '../../renderer/cache-host/schema';
import type { MailUser, TestServerInfo } from '../servers';
import { attachInProcessCacheHost, openCacheForReading, type CacheHostHooks } from './in-process-cache-host';

export interface CoreFixture {
  core: PortholeCore;
  /** Tells the core the clock moved (for retention "after N days"). */
  clock: { now: number; advanceDays(days: number): void };
  /** Simulates the app dying now: no more cache commits, no goodbye to any server. */
  crash(): void;
  profileDir: string;
  events: { [E in EventName]: Array<Events[E]> };
  /** Stops the core (as a quit would), keeping the profile and the cache. */
  stop(): Promise<void>;
  /** Stops and removes the profile. */
  dispose(): Promise<void>;
}

export interface StartCoreOptions {
  hooks?: CacheHostHooks;
  /** Start the test clock here (ms); it only moves when the test says so, plus real time. */
  clockOffsetMs?: number;
  /** The OAuth2 client file and time bounds (an OAuth2 test names its authorization server here). */
  oauth?: OAuthOptions;
  /** A minute of the check schedules ("every N minutes"), for a test of the schedule itself. */
  minuteMs?: number;
}

/** A core as main runs it, with the cache host's code over fake-indexeddb, and every event recorded. */
export async function startCore(profileDir?: string, options: StartCoreOptions = {}): Promise<CoreFixture> {
  const dir = profileDir ?? (await freshTestProfile('porthole-profile-'));
  const cache = new CacheClient();
  const { link } = attachInProcessCacheHost(cache, options.hooks);
  let offset = options.clockOffsetMs ?? 0;
  const clock = {
    get now() {
      return Date.now() + offset;
    },
    advanceDays(days: number) {
      offset += days * 24 * 60 * 60 * 1000;
    },
  };
  const core = new PortholeCore({ profileDir: dir, secrets: new FileSecretStore(dir), cache, transport: 'web', version: 'test', now: () => clock.now, oauth: options.oauth, ...(options.minuteMs === undefined ? {} : { minuteMs: options.minuteMs }) });
  const events = Object.fromEntries(EVENT_NAMES.map((name) => [name, []])) as unknown as CoreFixture['events'];
  for (const name of EVENT_NAMES) core.on(name, (payload) => (events[name] as unknown[]).push(payload));
  await core.start();
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await core.stop();
  };
  const crash = (): void => {
    stopped = true;
    cache.detach(link);
    // Its timers must not start new sessions: a dead app holds no maildrop lock.
    void core.stop();
  };
  return { core, clock, crash, profileDir: dir, events, stop, dispose: async () => (await stop(), await rm(dir, { recursive: true, force: true })) };
}

/** An account form as a user would fill it in for a test user; `overrides` change any field. */
export function accountDraft(servers: TestServerInfo, user: MailUser, security: Security = 'tls', overrides: Partial<AccountDraft> = {}): AccountDraft {
  const imapPort = security === 'tls' ? servers.imap.tlsPort : servers.imap.starttlsPort;
  const smtpPort = security === 'tls' ? servers.smtp.tlsPort : servers.smtp.starttlsPort;
  return {
    displayName: `Test ${user.user}`,
    address: user.address,
    mode: 'imap',
    incoming: { host: servers.host, port: imapPort, security, user: user.user },
    incomingPassword: user.password,
    smtp: { host: servers.host, port: smtpPort, security, user: user.user },
    smtpPassword: '',
    trustFingerprints: [servers.certificate.fingerprint256],
    pop: null,
    ...overrides,
  };
}

/** Adds the account through the contract, as the form does, or fails the test with the error. */
export async function addAccount(fixture: CoreFixture, draft: AccountDraft): Promise<{ account: AccountSummary; db: DeviceCache; ref: { accountId: string; deviceId: string } }> {
  const result = await fixture.core.handle('account:add', draft);
  if (!result.ok) throw new Error(`account:add failed: ${result.error.code} ${result.error.message}`);
  const account = result.value;
  const device = account.devices[0]!;
  return { account, db: openCacheForReading(device.dbName), ref: { accountId: account.id, deviceId: device.id } };
}

/** A POP3 account form for a test user (POP3 on the TLS port, or the plain port for STLS/none). */
export function popAccountDraft(servers: TestServerInfo, user: MailUser, security: Security = 'tls', pop: Partial<PopSettings> = {}, overrides: Partial<AccountDraft> = {}): AccountDraft {
  const base = accountDraft(servers, user, security);
  return {
    ...base,
    mode: 'pop3',
    incoming: { ...base.incoming, port: security === 'tls' ? servers.pop3.tlsPort : servers.pop3.stlsPort },
    pop: { ...DEFAULT_POP_SETTINGS, checkEveryMinutes: null, ...pop },
    ...overrides,
  };
}
