import type { SANDBOX_COMMANDS } from '../../common/commands/sandbox-commands';
import { DEFAULT_POP_SETTINGS, type AccountDraft, type AccountSummary, type ServerEndpoint } from '../../common/model/account';
import { DEMO_DEVICE_NAMES, type SampleLanguage } from '../../common/model/sandbox';
import { sandboxAccountName, type SandboxServerInfo } from '../../sandbox';
import { addAccount, type AddAccountServices } from './add-account';
import type { HandlersFor } from './handler-types';
import { addDevice, type AddDeviceServices } from './device-handlers';
import type { DeviceRegistry } from './device-registry';
import { SANDBOX_USER, type SandboxHost } from './sandbox-host';
import type { CoreEvents } from './services';

export type SandboxServices = AddAccountServices &
  AddDeviceServices & {
    sandbox: Pick<SandboxHost, 'ensureStarted' | 'state' | 'reset' | 'setPersonality' | 'setMailTimer' | 'deliverOne'>;
    registry: Pick<DeviceRegistry, 'list' | 'save'>;
    events: Pick<CoreEvents, 'notice'>;
  };

/** A demonstration's Phone checks often, so mail from the timer shows up while people watch. */
const DEMO_CHECK_EVERY_MINUTES = 1;

/** The names the demonstration's devices get, and the sample mail's language: the window's. */
interface DemoDeviceNames {
  imap: string;
  pop3: string;
  language?: SampleLanguage;
}

function youOf(info: SandboxServerInfo): SandboxServerInfo['users'][number] {
  return info.users.find((u) => u.user === SANDBOX_USER)!;
}

/** Plaintext is safe here only because the sandbox listens on loopback and nowhere else. */
function endpoints(info: SandboxServerInfo): { imap: ServerEndpoint; pop3: ServerEndpoint; smtp: ServerEndpoint } {
  const at = (port: number): ServerEndpoint => ({ host: info.host, port, security: 'none', user: SANDBOX_USER });
  return { imap: at(info.imapPort), pop3: at(info.pop3Port), smtp: at(info.smtpPort) };
}

function sandboxAccount(registry: Pick<DeviceRegistry, 'list'>): AccountSummary | undefined {
  return registry.list().find((a) => a.sandbox);
}

/** The sandbox's mailbox as an account, through the same login checks as any account. */
async function trySandbox(services: SandboxServices, names: DemoDeviceNames): Promise<AccountSummary> {
  const existing = sandboxAccount(services.registry);
  if (existing) return existing;
  const server = await services.sandbox.ensureStarted(names.language);
  const { info } = server;
  const you = youOf(info);
  const servers = endpoints(info);
  const draft: AccountDraft = {
    displayName: sandboxAccountName(server.language()),
    address: you.address,
    mode: 'imap',
    incoming: servers.imap,
    incomingPassword: you.password,
    smtp: servers.smtp,
    smtpPassword: '',
    trustFingerprints: [],
    pop: null,
    // The password opens only this computer's sandbox (it is kept beside its mailbox anyway).
    acceptWeakSecretStorage: true,
  };
  return addAccount(services, draft, (account) => ({
    ...account,
    sandbox: true,
    pop3: servers.pop3,
    devices: account.devices.map((d) => ({ ...d, name: names.imap })),
  }));
}

/** The sandbox account with a Laptop on IMAP and a Phone on POP (added if missing). */
async function demonstrate(services: SandboxServices, names: DemoDeviceNames): Promise<AccountSummary> {
  let account = await trySandbox(services, names);
  const freeName = (name: string): string => {
    const taken = new Set(account.devices.map((d) => d.name.toLowerCase()));
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? name : `${name} ${n}`;
      if (!taken.has(candidate.toLowerCase())) return candidate;
    }
  };
  if (!account.devices.some((d) => d.mode === 'imap')) {
    account = await addDevice(services, { accountId: account.id, name: freeName(names.imap), mode: 'imap', pop: null, incoming: null });
  }
  if (!account.devices.some((d) => d.mode === 'pop3')) {
    account = await addDevice(services, { accountId: account.id, name: freeName(names.pop3), mode: 'pop3', pop: { ...DEFAULT_POP_SETTINGS, checkEveryMinutes: DEMO_CHECK_EVERY_MINUTES }, incoming: null });
  }
  return account;
}

/**
 * At start-up: the sandbox runs again (on new ports), and each sandbox account is pointed at
 * them before its devices connect.
 */
export async function reconnectSandboxAccounts({ sandbox, registry, events }: Pick<SandboxServices, 'sandbox' | 'registry' | 'events'>, accounts: AccountSummary[]): Promise<AccountSummary[]> {
  if (!accounts.some((a) => a.sandbox)) return accounts;
  let servers;
  try {
    servers = endpoints((await sandbox.ensureStarted()).info);
  } catch (error) {
    // The other accounts start anyway; the sandbox account shows itself offline.
    events.notice({ level: 'error', where: 'sandbox', accountId: null, deviceId: null, code: null, words: { kind: 'sandboxNotStarted', reason: error instanceof Error ? error.message : String(error) } });
    return accounts;
  }
  const updated: AccountSummary[] = [];
  for (const account of accounts) {
    if (!account.sandbox) {
      updated.push(account);
      continue;
    }
    const moved: AccountSummary = { ...account, imap: account.imap && servers.imap, pop3: account.pop3 && servers.pop3, smtp: servers.smtp };
    await registry.save(moved);
    updated.push(moved);
  }
  return updated;
}

export function sandboxHandlers(services: SandboxServices): HandlersFor<keyof typeof SANDBOX_COMMANDS> {
  const { sandbox } = services;
  return {
    'sandbox:state': () => Promise.resolve(sandbox.state()),
    'sandbox:try': (names) => trySandbox(services, names ?? DEMO_DEVICE_NAMES),
    'sandbox:demonstrate': (names) => demonstrate(services, names ?? DEMO_DEVICE_NAMES),
    'sandbox:reset': (words) => sandbox.reset(words?.language),
    'sandbox:setPersonality': (change) => sandbox.setPersonality(change),
    'sandbox:mailTimer': ({ everySeconds }) => sandbox.setMailTimer(everySeconds),
    'sandbox:sendMail': async () => {
      await sandbox.deliverOne();
      return null;
    },
  };
}
