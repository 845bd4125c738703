import type { Mode, Security, ServerEndpoint } from '../../../common/model/account';
import type { DiscoveredSettings, DiscoveryStep } from '../../../common/model/discovery';
import type { SetupWarning } from './SetupWarnings';

/** The part after the last @, lower case; '' while the address has none yet. */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).trim().toLowerCase();
}

const SECURITY_WORDS: Record<Security, string> = { tls: 'TLS', starttls: 'STARTTLS', none: 'no encryption' };

/** "imap.example.com, port 993, TLS". */
export function describeEndpoint(endpoint: ServerEndpoint): string {
  return `${endpoint.host}, port ${endpoint.port}, ${SECURITY_WORDS[endpoint.security]}`;
}

export const MODE_NAMES: Record<Mode, string> = { imap: 'IMAP', pop3: 'POP' };

/** What each way of getting mail means, in one line: the choice is shown where a provider offers both. */
export const MODE_MEANINGS: Record<Mode, string> = {
  imap: 'Mail stays on the server; every device sees the same folders and read states.',
  pop3: 'Mail is downloaded to this computer; folders and read states stay here.',
};

/**
 * The chosen settings in one sentence: "IMAP at imap.example.com, port 993, TLS; sending at
 * smtp.example.com, port 465, TLS — found in example.com's published settings". `where` ends it:
 * discovery's `foundWhere`, or null once the user changed a field ("as you changed them").
 */
export function describeSettings(mode: Mode, incoming: ServerEndpoint | null, smtp: ServerEndpoint | null, where: string | null): string {
  const parts = [
    incoming?.host ? `${MODE_NAMES[mode]} at ${describeEndpoint(incoming)}` : `no ${MODE_NAMES[mode]} server yet`,
    smtp?.host ? `sending at ${describeEndpoint(smtp)}` : 'no sending server yet',
  ];
  return `${parts.join('; ')} — ${where === null ? 'as you changed them' : `found ${where}`}`;
}

/** Whether the user changed what discovery proposed (host, port, security or user name). */
export function sameEndpoint(a: ServerEndpoint | null, b: ServerEndpoint | null): boolean {
  return a === b || (a !== null && b !== null && a.host === b.host && a.port === b.port && a.security === b.security && a.user === b.user);
}

/** Discovery's note on the password a provider wants ("an app password from …"), when it gives one. */
export function passwordNoteOf(found: DiscoveredSettings | null): string | null {
  return found?.passwordNote?.trim() ? found.passwordNote : null;
}

/** The ways of getting mail the found settings offer, IMAP first (it is what most people want). */
export function offeredModes(found: DiscoveredSettings): Mode[] {
  return (['imap', 'pop3'] as const).filter((mode) => found[mode] !== null);
}

const SOURCE_NAMES: Record<DiscoveryStep['source'], string> = {
  provider: 'Porthole’s list of large providers',
  autoconfig: 'The domain’s published settings (autoconfig)',
  srv: 'DNS service records (RFC 6186)',
  guess: 'Trying the usual server names',
};

const OUTCOME_WORDS: Record<DiscoveryStep['outcome'], string> = {
  found: 'found',
  nothing: 'nothing there',
  failed: 'failed',
  timeout: 'no answer in time',
  'not-needed': 'not needed',
};

/** One line of "How was this found?": "DNS service records (RFC 6186): found — … (120 ms)". */
export function describeStep(step: DiscoveryStep): { source: string; outcome: string; detail: string } {
  return { source: SOURCE_NAMES[step.source], outcome: OUTCOME_WORDS[step.outcome], detail: step.ms > 0 ? `${step.detail} (${Math.round(step.ms)} ms)` : step.detail };
}

/** The warnings that stand for the settings as they are now: a tick is needed for each. */
export function currentWarnings(found: DiscoveredSettings | null, incoming: ServerEndpoint, smtp: ServerEndpoint): SetupWarning[] {
  const warnings: SetupWarning[] = [];
  const plain = [incoming, smtp].filter((e) => e.security === 'none' && e.host).map((e) => e.host);
  if (plain.length > 0) {
    const text = found?.warnings.find((w) => w.kind === 'plaintext')?.text;
    warnings.push({ kind: 'plaintext', text: text ?? `${[...new Set(plain)].join(' and ')} would get your password and mail without encryption: anyone on the network could read them.` });
  }
  const otherDomain = found?.warnings.find((w) => w.kind === 'other-domain');
  // Shown while a proposed host is still in use: a host the user typed is theirs to vouch for.
  if (otherDomain && found && ([found.imap, found.pop3].some((e) => e?.host === incoming.host) || found.smtp?.host === smtp.host)) warnings.push({ kind: 'other-domain', text: otherDomain.text });
  return warnings;
}
