import type { ValidParams } from '../../common/contract';
import { incomingFor, type AccountSummary, type Mode, type ServerEndpoint } from '../../common/model/account';
import { refusalEndpoint } from '../../common/model/refusals';
import { ProtocolError, refusedError } from '../protocols/protocol-error';

export type UpdateParams = ValidParams<'account:update'>;
export type Service = Mode | 'smtp';

/** The passwords stored for the account now (see incoming-password.ts for the keys). */
export interface StoredPasswords {
  /** What each incoming server logs in with: its own key, or the one typed at setup. */
  incoming: Record<Mode, string>;
  /** The one typed at setup (`incoming`): SMTP's password when it has none of its own. */
  base: string;
  /** SMTP's own password, if it has one. */
  smtpOwn: string | null;
}

/** What a check logs in with: a password, or the account's OAuth2 tokens (update-account.ts has them). */
export type CheckCredential = { password: string } | { oauth2: true };

/** One login to check before anything is saved. */
export interface LoginCheck {
  service: Service;
  endpoint: ServerEndpoint;
  credential: CheckCredential;
}

/** How the secrets change once every check passed. */
export interface SecretChanges {
  /** A new password for every incoming server (and SMTP without its own). */
  incoming: string | null;
  /** SMTP's own password: a new one, `null` to use the incoming one from now on, undefined to keep. */
  smtpOwn: string | null | undefined;
}

export interface UpdatePlan {
  next: AccountSummary;
  checks: LoginCheck[];
  secrets: SecretChanges;
  /** An incoming server or password changed: the devices reconnect. */
  reconnect: boolean;
}

const MODES: Mode[] = ['imap', 'pop3'];

export function sameEndpoint(a: ServerEndpoint | null, b: ServerEndpoint | null): boolean {
  return a?.host.toLowerCase() === b?.host.toLowerCase() && a?.port === b?.port && a?.security === b?.security && a?.user === b?.user;
}

function invalid(message: string): ProtocolError {
  return new ProtocolError({ code: 'INVALID_ARGUMENT', message });
}

function serviceName(service: Service): string {
  return service === 'imap' ? 'IMAP' : service === 'pop3' ? 'POP3' : 'SMTP';
}

/**
 * What `account:update` will do, decided before anything connects: the new record, the logins to
 * check and with which password, and the secrets to store after. Refuses (throws) what may not
 * happen: a server change on the sandbox, a password on an OAuth2 account, a duplicate account,
 * and a saved password going to a host the user did not confirm (the same rule as for a new
 * server, new-server-consent.ts, with "send the saved password there" as a second way to confirm).
 */
export function planUpdate(account: AccountSummary, others: AccountSummary[], update: UpdateParams, stored: StoredPasswords): UpdatePlan {
  const next = structuredClone(account);
  if (update.address !== undefined) next.address = update.address.trim();
  if (update.displayName !== undefined) next.displayName = update.displayName.trim() || next.address;
  for (const mode of MODES) {
    const endpoint = update[mode];
    if (!endpoint) continue;
    if (!incomingFor(account, mode)) throw invalid(`This account has no ${serviceName(mode)} server to change: add a device with that mode to add one.`);
    next[mode] = { ...endpoint, host: endpoint.host.trim() };
  }
  if (update.smtp) next.smtp = { ...update.smtp, host: update.smtp.host.trim() };

  const serversChanged = MODES.some((mode) => !sameEndpoint(account[mode], next[mode])) || !sameEndpoint(account.smtp, next.smtp);
  if (account.sandbox && serversChanged) throw invalid('The sandbox’s servers run inside Porthole, on ports chosen at each start: they cannot be changed.');
  if (serversChanged && account.devices.some((d) => d.switching)) throw invalid('A device of this account is switching modes: change the servers once the switch is finished.');
  const oauth = account.auth?.kind === 'oauth2';
  if (oauth && (update.incomingPassword !== undefined || update.smtpPassword !== undefined)) {
    throw invalid('This account signs in with its provider (OAuth2), not with a password: use “Sign in again” instead.');
  }

  const duplicate = others.find(
    (other) =>
      other.id !== account.id &&
      other.address.toLowerCase() === next.address.toLowerCase() &&
      MODES.some((mode) => {
        const mine = incomingFor(next, mode);
        const theirs = incomingFor(other, mode);
        return mine !== null && theirs !== null && mine.host.toLowerCase() === theirs.host.toLowerCase() && mine.user === theirs.user;
      }),
  );
  if (duplicate) throw refusedError('ACCOUNT_EXISTS', { kind: 'addressSetUpOnServer', address: next.address, account: duplicate.displayName });

  const typedIncoming = update.incomingPassword ?? null;
  const smtpOwnAfter = update.smtpPassword === undefined ? stored.smtpOwn : update.smtpPassword || null;
  const confirmed = new Set((update.sendSavedPasswordTo ?? []).map((host) => host.toLowerCase()));
  // The hosts each saved password has gone to so far: it may go there again without asking.
  const incomingHosts = MODES.map((mode) => account[mode]?.host.toLowerCase()).filter((host): host is string => host !== undefined);
  const baseHosts = stored.smtpOwn === null ? [...incomingHosts, account.smtp.host.toLowerCase()] : incomingHosts;

  const checks: LoginCheck[] = [];
  const secret = oauth ? 'signIn' : 'password';
  const check = (service: Service, endpoint: ServerEndpoint, credential: CheckCredential, savedFor: string[] | null): void => {
    const host = endpoint.host.toLowerCase();
    if (savedFor !== null && !savedFor.includes(host) && !confirmed.has(host)) {
      throw refusedError('HOST_NOT_CONFIRMED', { kind: 'secretNeverSent', endpoint: refusalEndpoint(endpoint), secret });
    }
    if (endpoint.security === 'none' && !update.allowPlaintext) {
      throw refusedError('HOST_NOT_CONFIRMED', { kind: 'unencryptedSecret', endpoint: refusalEndpoint(endpoint), secret });
    }
    checks.push({ service, endpoint, credential });
  };

  let incomingChanged = typedIncoming !== null;
  if (oauth) {
    // The same tokens sign in to every server of the account: they may go to any of its current hosts.
    const accountHosts = [...incomingHosts, account.smtp.host.toLowerCase()];
    for (const mode of MODES) {
      const endpoint = next[mode];
      if (!endpoint || sameEndpoint(account[mode], endpoint)) continue;
      incomingChanged = true;
      check(mode, endpoint, { oauth2: true }, accountHosts);
    }
    if (!sameEndpoint(account.smtp, next.smtp)) check('smtp', next.smtp, { oauth2: true }, accountHosts);
    return { next, checks, secrets: { incoming: null, smtpOwn: undefined }, reconnect: incomingChanged };
  }
  for (const mode of MODES) {
    const endpoint = next[mode];
    if (!endpoint) continue;
    const changed = !sameEndpoint(account[mode], endpoint);
    incomingChanged ||= changed;
    if (typedIncoming !== null) check(mode, endpoint, { password: typedIncoming }, null);
    else if (changed) check(mode, endpoint, { password: stored.incoming[mode] }, [account[mode]?.host.toLowerCase() ?? '']);
  }
  const smtpChanged = !sameEndpoint(account.smtp, next.smtp);
  if (smtpOwnAfter !== null) {
    const typed = update.smtpPassword !== undefined && update.smtpPassword !== '';
    if (typed) check('smtp', next.smtp, { password: smtpOwnAfter }, null);
    else if (smtpChanged) check('smtp', next.smtp, { password: smtpOwnAfter }, [account.smtp.host.toLowerCase()]);
  } else if (typedIncoming !== null) {
    check('smtp', next.smtp, { password: typedIncoming }, null);
  } else if (smtpChanged || stored.smtpOwn !== null) {
    // SMTP takes the saved incoming password from now on, or its server changed.
    check('smtp', next.smtp, { password: stored.base }, baseHosts);
  }
  return {
    next,
    checks,
    secrets: { incoming: typedIncoming, smtpOwn: update.smtpPassword === undefined ? undefined : smtpOwnAfter },
    reconnect: incomingChanged,
  };
}
