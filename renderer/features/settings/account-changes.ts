import type { CommandParams } from '../../../common/contract';
import type { AccountSummary, Mode, ServerEndpoint } from '../../../common/model/account';

/** What SMTP logs in with after the change: its saved password as is, the incoming one, or a new one. */
export type SmtpPasswordChoice = 'keep' | 'same' | 'new';

/** The settings form as the user filled it in. */
export interface AccountForm {
  displayName: string;
  address: string;
  imap: ServerEndpoint | null;
  pop3: ServerEndpoint | null;
  smtp: ServerEndpoint;
  /** Empty: keep the saved password. */
  incomingPassword: string;
  smtpChoice: SmtpPasswordChoice;
  smtpPassword: string;
}

export type AccountUpdate = CommandParams<'account:update'>;

export function formOf(account: AccountSummary): AccountForm {
  return { displayName: account.displayName, address: account.address, imap: account.imap, pop3: account.pop3, smtp: account.smtp, incomingPassword: '', smtpChoice: 'keep', smtpPassword: '' };
}

export function sameEndpoint(a: ServerEndpoint | null, b: ServerEndpoint | null): boolean {
  return a?.host.toLowerCase() === b?.host.toLowerCase() && a?.port === b?.port && a?.security === b?.security && a?.user === b?.user;
}

const MODES: Mode[] = ['imap', 'pop3'];

/**
 * The hosts that would get a password saved with the account although it has never gone there:
 * a changed host without a password typed for it. The form asks the user about each
 * ("Porthole will send your saved password to …"); main refuses them otherwise (HOST_NOT_CONFIRMED).
 */
export function hostsForSavedPassword(account: AccountSummary, form: AccountForm): string[] {
  const hosts = new Set<string>();
  const incomingHosts = MODES.map((mode) => account[mode]?.host.toLowerCase()).filter((host): host is string => host !== undefined);
  if (account.auth?.kind === 'oauth2') {
    // The same sign-in goes to every server of the account: a host it has is no news.
    const accountHosts = [...incomingHosts, account.smtp.host.toLowerCase()];
    for (const endpoint of [form.imap, form.pop3, form.smtp]) if (endpoint && !accountHosts.includes(endpoint.host.toLowerCase())) hosts.add(endpoint.host);
    return [...hosts];
  }
  for (const mode of MODES) {
    const endpoint = form[mode];
    if (endpoint && !form.incomingPassword && endpoint.host.toLowerCase() !== account[mode]?.host.toLowerCase()) hosts.add(endpoint.host);
  }
  const smtpHost = form.smtp.host.toLowerCase();
  const smtpTyped = form.smtpChoice === 'new' ? form.smtpPassword !== '' : form.smtpChoice === 'same' && form.incomingPassword !== '';
  if (!smtpTyped) {
    // "Same as incoming" sends the incoming password, which has been only to the incoming servers for sure.
    const knownFor = form.smtpChoice === 'same' ? incomingHosts : [account.smtp.host.toLowerCase()];
    if (!knownFor.includes(smtpHost) && (form.smtpChoice === 'same' || smtpHost !== account.smtp.host.toLowerCase())) hosts.add(form.smtp.host);
  }
  return [...hosts];
}

/** A server whose login will be checked, and whose password would cross the network unencrypted. */
export function plaintextServers(account: AccountSummary, form: AccountForm): ServerEndpoint[] {
  if (account.auth?.kind === 'oauth2') {
    // Only a changed server gets the token; the account's own were accepted at setup.
    const pairs: Array<[ServerEndpoint | null, ServerEndpoint | null]> = [
      [account.imap, form.imap],
      [account.pop3, form.pop3],
      [account.smtp, form.smtp],
    ];
    return pairs.flatMap(([before, after]) => (after && after.security === 'none' && !sameEndpoint(before, after) ? [after] : []));
  }
  const passwordTyped = form.incomingPassword !== '';
  const incoming = MODES.flatMap((mode) => {
    const endpoint = form[mode];
    return endpoint && endpoint.security === 'none' && (passwordTyped || !sameEndpoint(account[mode], endpoint)) ? [endpoint] : [];
  });
  const smtpChecked = !sameEndpoint(account.smtp, form.smtp) || form.smtpChoice !== 'keep' || passwordTyped;
  return form.smtp.security === 'none' && smtpChecked ? [...incoming, form.smtp] : incoming;
}

/** Only what changed: an unchanged server is not checked again, an empty password field keeps the saved one. */
export function updateOf(account: AccountSummary, form: AccountForm, consent: { savedPasswordTo: string[]; allowPlaintext: boolean; trustFingerprints: string[] }): AccountUpdate {
  const update: AccountUpdate = { accountId: account.id };
  if (form.displayName.trim() !== account.displayName) update.displayName = form.displayName.trim();
  if (form.address.trim() !== account.address) update.address = form.address.trim();
  for (const mode of MODES) {
    const endpoint = form[mode];
    if (endpoint && !sameEndpoint(account[mode], endpoint)) update[mode] = endpoint;
  }
  if (!sameEndpoint(account.smtp, form.smtp)) update.smtp = form.smtp;
  if (form.incomingPassword) update.incomingPassword = form.incomingPassword;
  if (form.smtpChoice === 'same') update.smtpPassword = '';
  if (form.smtpChoice === 'new' && form.smtpPassword) update.smtpPassword = form.smtpPassword;
  if (consent.savedPasswordTo.length > 0) update.sendSavedPasswordTo = consent.savedPasswordTo;
  if (consent.allowPlaintext) update.allowPlaintext = true;
  if (consent.trustFingerprints.length > 0) update.trustFingerprints = consent.trustFingerprints;
  return update;
}

/** Whether the update changes anything at all (the Save button is off otherwise). */
export function changesSomething(update: AccountUpdate): boolean {
  return Object.keys(update).some((key) => !['accountId', 'sendSavedPasswordTo', 'allowPlaintext', 'trustFingerprints'].includes(key));
}
