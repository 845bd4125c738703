import type { CommandName, CommandParams, CommandResult } from '../../common/contract';
import { DEFAULT_POP_SETTINGS, type AccountDraft, type AccountSummary, type ServerEndpoint } from '../../common/model/account';
import { DEMO_DEVICE_NAMES } from '../../common/model/sandbox';
import type { SandboxServerInfo } from '../../sandbox';
import { addAccount } from './add-account';
import { addDevice } from './device-handlers';
import type { PortholeCore } from './porthole-core';
import { SANDBOX_USER } from './sandbox-host';

type SandboxCommand = Extract<CommandName, `sandbox:${string}`>;
type Handlers = { [C in SandboxCommand]: (core: PortholeCore, params: CommandParams<C>) => Promise<CommandResult<C>> };

/** A demonstration's Phone checks often, so mail from the timer shows up while people watch. */
const DEMO_CHECK_EVERY_MINUTES = 1;

function youOf(info: SandboxServerInfo): SandboxServerInfo['users'][number] {
  return info.users.find((u) => u.user === SANDBOX_USER)!;
}

/** Plaintext is safe here only because the sandbox listens on loopback and nowhere else. */
function endpoints(info: SandboxServerInfo): { imap: ServerEndpoint; pop3: ServerEndpoint; smtp: ServerEndpoint } {
  const at = (port: number): ServerEndpoint => ({ host: info.host, port, security: 'none', user: SANDBOX_USER });
  return { imap: at(info.imapPort), pop3: at(info.pop3Port), smtp: at(info.smtpPort) };
}

function sandboxAccount(core: PortholeCore): AccountSummary | undefined {
  return core.accounts.list().find((a) => a.sandbox);
}

/** The sandbox's mailbox as an account, through the same login checks as any account. */
async function trySandbox(core: PortholeCore): Promise<AccountSummary> {
  const existing = sandboxAccount(core);
  if (existing) return existing;
  const { info } = await core.sandbox.ensureStarted();
  const you = youOf(info);
  const servers = endpoints(info);
  const draft: AccountDraft = {
    displayName: `${you.displayName} (sandbox)`,
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
  return addAccount(core, draft, (account) => ({
    ...account,
    sandbox: true,
    pop3: servers.pop3,
    devices: account.devices.map((d) => ({ ...d, name: DEMO_DEVICE_NAMES.imap })),
  }));
}

/** The sandbox account with a Laptop on IMAP and a Phone on POP (added if missing). */
async function demonstrate(core: PortholeCore): Promise<AccountSummary> {
  let account = await trySandbox(core);
  const freeName = (name: string): string => {
    const taken = new Set(account.devices.map((d) => d.name.toLowerCase()));
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? name : `${name} ${n}`;
      if (!taken.has(candidate.toLowerCase())) return candidate;
    }
  };
  if (!account.devices.some((d) => d.mode === 'imap')) {
    account = await addDevice(core, { accountId: account.id, name: freeName(DEMO_DEVICE_NAMES.imap), mode: 'imap', pop: null, incoming: null });
  }
  if (!account.devices.some((d) => d.mode === 'pop3')) {
    account = await addDevice(core, { accountId: account.id, name: freeName(DEMO_DEVICE_NAMES.pop3), mode: 'pop3', pop: { ...DEFAULT_POP_SETTINGS, checkEveryMinutes: DEMO_CHECK_EVERY_MINUTES }, incoming: null });
  }
  return account;
}

/**
 * At start-up: the sandbox runs again (on new ports), and each sandbox account is pointed at
 * them before its devices connect.
 */
export async function reconnectSandboxAccounts(core: PortholeCore, accounts: AccountSummary[]): Promise<AccountSummary[]> {
  if (!accounts.some((a) => a.sandbox)) return accounts;
  let servers;
  try {
    servers = endpoints((await core.sandbox.ensureStarted()).info);
  } catch (error) {
    // The other accounts start anyway; the sandbox account shows itself offline.
    core.notice({ level: 'error', where: 'sandbox', accountId: null, deviceId: null, code: null, text: `The sandbox server did not start: ${error instanceof Error ? error.message : String(error)}` });
    return accounts;
  }
  const updated: AccountSummary[] = [];
  for (const account of accounts) {
    if (!account.sandbox) {
      updated.push(account);
      continue;
    }
    const moved: AccountSummary = { ...account, imap: account.imap && servers.imap, pop3: account.pop3 && servers.pop3, smtp: servers.smtp };
    await core.accounts.save(moved);
    updated.push(moved);
  }
  return updated;
}

export const SANDBOX_HANDLERS: Handlers = {
  'sandbox:state': (core) => Promise.resolve(core.sandbox.state()),
  'sandbox:try': trySandbox,
  'sandbox:demonstrate': demonstrate,
  'sandbox:reset': (core) => core.sandbox.reset(),
  'sandbox:setPersonality': (core, change) => core.sandbox.setPersonality(change),
  'sandbox:mailTimer': (core, { everySeconds }) => core.sandbox.setMailTimer(everySeconds),
  'sandbox:sendMail': async (core) => {
    await core.sandbox.deliverOne();
    return null;
  },
};
