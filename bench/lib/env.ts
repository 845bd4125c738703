import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { DEFAULT_POP_SETTINGS, type AccountDraft, type AccountSummary } from '../../common/model/account';
import { startTestServers, type MailUser, type RunningTestServers } from '../../test/servers';
import { launchChromium } from '../../test/support/browser';
import { ContractClient } from '../../test/support/contract-client';
import { startHarnessProcess, type HarnessProcess } from '../../test/support/harness-process';

/** Everything a scenario runs against: the project's own servers, the built harness, Chromium. */
export interface BenchEnv {
  servers: RunningTestServers;
  harness: HarnessProcess;
  browser: Browser;
  /** The app, as a user has it open. */
  page: Page;
  /** The contract from Node, to drive the same core the page drives and timestamp its events. */
  client: ContractClient;
  origin: string;
  /** Where --cpu-prof puts profiles (the core's, and the page's around chosen moments); null: none. */
  profileDir: string | null;
}

export interface EnvOptions {
  /** Extra Node flags for the core's process, e.g. --cpu-prof. */
  coreNodeArgs?: string[];
  profileDir?: string | null;
}

export async function startEnv(options: EnvOptions = {}): Promise<BenchEnv> {
  const servers = await startTestServers();
  const harness = await startHarnessProcess(undefined, options.coreNodeArgs ?? []);
  const browser = await launchChromium();
  const page = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 900 } })).newPage();
  const client = await ContractClient.connect(harness.url);
  const env = { servers, harness, browser, page, client, origin: new URL(harness.url).origin, profileDir: options.profileDir ?? null };
  await reloadApp(env);
  return env;
}

export async function stopEnv(env: BenchEnv): Promise<void> {
  env.client.close();
  await env.browser.close();
  await env.harness.stop();
  await env.servers.stop();
}

/** Opens the app afresh (and with it the cache host), and waits until it shows its first screen. */
export async function reloadApp(env: BenchEnv): Promise<void> {
  await env.page.goto(env.harness.url);
  await env.page.waitForFunction(() => document.querySelector('iframe') !== null && document.querySelector('main, form, [role="main"]') !== null, null, { timeout: 30_000 });
}

/**
 * Opens the app in a new page, as a restart opens it in a new process: what this page made before
 * (a cache seeded from it) is not left in the app's heap for its collector. Left there, V8 took
 * 66 ms of a frame 9 s into scenario 8's index build to collect 66 MB of the seeding's garbage
 * (a Chromium trace, 2026-12-06).
 */
export async function reopenApp(env: BenchEnv): Promise<void> {
  const context = env.page.context();
  await env.page.close();
  env.page = await context.newPage();
  await reloadApp(env);
}

/** Removes every account (and so every device cache), so the next run starts from nothing. */
export async function removeAllAccounts(env: BenchEnv): Promise<void> {
  for (const account of await env.client.invoke('accounts:list', null)) await env.client.invoke('account:remove', { accountId: account.id });
}

export function imapDraft(env: BenchEnv, user: MailUser): AccountDraft {
  const servers = env.servers.info;
  return {
    displayName: `Bench ${user.user}`,
    address: user.address,
    mode: 'imap',
    incoming: { host: servers.host, port: servers.imap.tlsPort, security: 'tls', user: user.user },
    incomingPassword: user.password,
    smtp: { host: servers.host, port: servers.smtp.tlsPort, security: 'tls', user: user.user },
    smtpPassword: '',
    trustFingerprints: [servers.certificate.fingerprint256],
    pop: null,
  };
}

export function popDraft(env: BenchEnv, user: MailUser): AccountDraft {
  const base = imapDraft(env, user);
  return { ...base, mode: 'pop3', incoming: { ...base.incoming, port: env.servers.info.pop3.tlsPort }, pop: { ...DEFAULT_POP_SETTINGS, checkEveryMinutes: null } };
}

export async function addAccount(env: BenchEnv, draft: AccountDraft): Promise<AccountSummary> {
  return env.client.invoke('account:add', draft);
}

/** Runs `work` while Chromium records a CPU profile of the page (app and cache host), saved as `name`.cpuprofile. */
export async function withPageProfile<T>(env: BenchEnv, name: string, work: () => Promise<T>): Promise<T> {
  if (!env.profileDir) return work();
  const cdp = await env.page.context().newCDPSession(env.page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await cdp.send('Profiler.stop');
    mkdirSync(env.profileDir, { recursive: true });
    writeFileSync(join(env.profileDir, `${name}.cpuprofile`), JSON.stringify(profile));
    await cdp.detach();
  }
}
