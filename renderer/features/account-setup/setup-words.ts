import { defineMessages, type MessageDescriptor } from 'react-intl';
import type { Mode, ServerEndpoint } from '../../../common/model/account';
import type { DiscoveredSettings, DiscoveryStep } from '../../../common/model/discovery';
import { endpointText } from '../../i18n/endpoints';
import { intl } from '../../i18n/intl';
import { discoveryWarningText, passwordNoteText } from './discovery-words';
import { stepNotesText } from './discovery-note-words';
import type { SetupWarning } from './SetupWarnings';

/** The part after the last @, lower case; '' while the address has none yet. */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).trim().toLowerCase();
}

/** Host names, joined as the English did: "a and b and c" (not a list with commas). */
export function joinWithAnd(items: readonly string[]): string {
  if (items.length === 0) return '';
  return items.reduce((list, host) => intl().formatMessage({ id: 'setup.hosts.and', defaultMessage: '{list} and {host}' }, { list, host }));
}

export const MODE_NAMES: Record<Mode, string> = { imap: 'IMAP', pop3: 'POP' };

/** What each way of getting mail means, in one line: the choice is shown where a provider offers both. */
export const MODE_MEANINGS: Record<Mode, MessageDescriptor> = defineMessages({
  imap: { id: 'setup.mode.imapMeaning', defaultMessage: 'Mail stays on the server; every device sees the same folders and read states.' },
  pop3: { id: 'setup.mode.popMeaning', defaultMessage: 'Mail is downloaded to this computer; folders and read states stay here.' },
});

/**
 * The chosen settings in one sentence: "IMAP at imap.example.com, port 993, TLS; sending at
 * smtp.example.com, port 465, TLS — found in example.com's published settings". `where` ends it:
 * discovery's `foundWhere`, or null once the user changed a field ("as you changed them").
 */
export function describeSettings(mode: Mode, incoming: ServerEndpoint | null, smtp: ServerEndpoint | null, where: string | null): string {
  return intl().formatMessage(
    {
      id: 'setup.settings.sentence',
      defaultMessage:
        '{hasIncoming, select, yes {{mode} at {incoming}} other {no {mode} server yet}}; {hasSmtp, select, yes {sending at {smtp}} other {no sending server yet}} — {changed, select, yes {as you changed them} other {found {where}}}',
    },
    {
      mode: MODE_NAMES[mode],
      hasIncoming: incoming?.host ? 'yes' : 'no',
      incoming: incoming?.host ? endpointText(incoming) : '',
      hasSmtp: smtp?.host ? 'yes' : 'no',
      smtp: smtp?.host ? endpointText(smtp) : '',
      changed: where === null ? 'yes' : 'no',
      where: where ?? '',
    },
  );
}

/** Whether the user changed what discovery proposed (host, port, security or user name). */
export function sameEndpoint(a: ServerEndpoint | null, b: ServerEndpoint | null): boolean {
  return a === b || (a !== null && b !== null && a.host === b.host && a.port === b.port && a.security === b.security && a.user === b.user);
}

/** Discovery's note on the password a provider wants ("an app password from …"), when it gives one. */
export function passwordNoteOf(found: DiscoveredSettings | null): string | null {
  if (found?.passwordNoteWords) return passwordNoteText(found.passwordNoteWords);
  return found?.passwordNote?.trim() ? found.passwordNote : null;
}

/** The ways of getting mail the found settings offer, IMAP first (it is what most people want). */
export function offeredModes(found: DiscoveredSettings): Mode[] {
  return (['imap', 'pop3'] as const).filter((mode) => found[mode] !== null);
}

const SOURCE_NAMES: Record<DiscoveryStep['source'], MessageDescriptor> = defineMessages({
  provider: { id: 'setup.discovery.source.provider', defaultMessage: 'Porthole’s list of large providers' },
  autoconfig: { id: 'setup.discovery.source.autoconfig', defaultMessage: 'The domain’s published settings (autoconfig)' },
  srv: { id: 'setup.discovery.source.srv', defaultMessage: 'DNS service records (RFC 6186)' },
  guess: { id: 'setup.discovery.source.guess', defaultMessage: 'Trying the usual server names' },
});

const OUTCOME_WORDS: Record<DiscoveryStep['outcome'], MessageDescriptor> = defineMessages({
  found: { id: 'setup.discovery.outcome.found', defaultMessage: 'found' },
  nothing: { id: 'setup.discovery.outcome.nothing', defaultMessage: 'nothing there' },
  failed: { id: 'setup.discovery.outcome.failed', defaultMessage: 'failed' },
  timeout: { id: 'setup.discovery.outcome.timeout', defaultMessage: 'no answer in time' },
  'not-needed': { id: 'setup.discovery.outcome.notNeeded', defaultMessage: 'not needed' },
});

/** One line of "How was this found?": "DNS service records (RFC 6186): found — … (120 ms)". */
export function describeStep(step: DiscoveryStep): { source: string; outcome: string; detail: string } {
  const layer = intl();
  const detail = stepNotesText(step.notes, layer);
  return {
    source: layer.formatMessage(SOURCE_NAMES[step.source]),
    outcome: layer.formatMessage(OUTCOME_WORDS[step.outcome]),
    detail: step.ms > 0 ? layer.formatMessage({ id: 'setup.discovery.stepTime', defaultMessage: '{detail} ({ms} ms)' }, { detail, ms: String(Math.round(step.ms)) }) : detail,
  };
}

/** The warnings that stand for the settings as they are now: a tick is needed for each. */
export function currentWarnings(found: DiscoveredSettings | null, incoming: ServerEndpoint, smtp: ServerEndpoint): SetupWarning[] {
  const warnings: SetupWarning[] = [];
  const plain = [incoming, smtp].filter((e) => e.security === 'none' && e.host).map((e) => e.host);
  if (plain.length > 0) {
    const said = found?.warnings.find((w) => w.kind === 'plaintext');
    const text = said && discoveryWarningText(said.words);
    const hosts = [...new Set(plain)];
    warnings.push({
      kind: 'plaintext',
      text:
        text ??
        intl().formatMessage(
          {
            id: 'setup.warning.plaintextText',
            defaultMessage:
              '{count, plural, one {{hosts} would get your password and mail without encryption: anyone on the network could read them.} other {{hosts} would get your password and mail without encryption: anyone on the network could read them.}}',
          },
          { count: hosts.length, hosts: joinWithAnd(hosts) },
        ),
    });
  }
  const otherDomain = found?.warnings.find((w) => w.kind === 'other-domain');
  // Shown while a proposed host is still in use: a host the user typed is theirs to vouch for.
  if (otherDomain && found && ([found.imap, found.pop3].some((e) => e?.host === incoming.host) || found.smtp?.host === smtp.host)) warnings.push({ kind: 'other-domain', text: discoveryWarningText(otherDomain.words) });
  return warnings;
}
