import type { IntlShape } from 'react-intl';
import type { ServerEndpoint } from '../../../common/model/account';
import type { DiscoverySource } from '../../../common/model/discovery';
import { roundedSeconds, SERVICE_NAMES, type AutoconfigProblem, type DnsFailure, type FetchNote, type FoundServers, type LookupFailures, type ProbeNote, type SkippedServer, type StepNote } from '../../../common/model/discovery-notes';
import { intl as currentIntl } from '../../i18n/intl';

/**
 * "How was this found?" in the language shown: each step's sentences from the values main sends
 * beside its English (common/model/discovery-notes.ts), word for word that English in English.
 * Host names, addresses and the words of a resolver, TLS library or server stay as they came.
 */

/** Seconds as main rounds them (to a tenth), in the locale's digits. */
function seconds(ms: number, intl: IntlShape): string {
  return intl.formatNumber(roundedSeconds(ms));
}

function dnsText(failure: DnsFailure, intl: IntlShape): string {
  switch (failure.kind) {
    case 'noRecords':
      return intl.formatMessage({ id: 'discovery.dns.noRecords', defaultMessage: 'no such records' });
    case 'noAnswer':
      return intl.formatMessage({ id: 'discovery.dns.noAnswer', defaultMessage: 'the DNS server did not answer' });
    case 'malformed':
      return intl.formatMessage({ id: 'discovery.dns.malformed', defaultMessage: 'the DNS answer was malformed' });
    case 'serverFailed':
      return intl.formatMessage({ id: 'discovery.dns.serverFailed', defaultMessage: 'the DNS server failed to answer' });
    case 'refused':
      return intl.formatMessage({ id: 'discovery.dns.refused', defaultMessage: 'the DNS server refused the query' });
    case 'stopped':
      return intl.formatMessage({ id: 'discovery.dns.stopped', defaultMessage: 'the lookup was stopped' });
    case 'other':
      return failure.detail;
  }
}

export function probeNoteText(note: ProbeNote, intl: IntlShape = currentIntl()): string {
  const where = `${note.host}:${note.port}`;
  switch (note.kind) {
    case 'noAnswerWithin':
      return intl.formatMessage({ id: 'discovery.probe.noAnswerWithin', defaultMessage: '{where} did not answer within {seconds} s' }, { where, seconds: intl.formatNumber(note.seconds) });
    case 'stopped':
      return intl.formatMessage({ id: 'discovery.probe.stopped', defaultMessage: '{where}: stopped' }, { where });
    case 'notGreeting':
      return intl.formatMessage({ id: 'discovery.probe.notGreeting', defaultMessage: '{where} did not greet as {service} (it said “{said}”)' }, { where, service: SERVICE_NAMES[note.service], said: note.said });
    case 'lineTooLong':
      return intl.formatMessage({ id: 'discovery.probe.lineTooLong', defaultMessage: '{where} sent a line longer than {kib} KiB: not a mail server’s greeting' }, { where, kib: intl.formatNumber(note.kib) });
    case 'tooMuchBeforeGreeting':
      return intl.formatMessage({ id: 'discovery.probe.tooMuchBeforeGreeting', defaultMessage: '{where} sent more than {kib} KiB before saying anything useful' }, { where, kib: intl.formatNumber(note.kib) });
    case 'closed':
      return intl.formatMessage({ id: 'discovery.probe.closed', defaultMessage: '{where} closed the connection' }, { where });
    case 'lookupFailed':
      return intl.formatMessage({ id: 'discovery.probe.lookupFailed', defaultMessage: '{where} could not be looked up ({dns})' }, { where, dns: dnsText(note.dns, intl) });
    case 'noSuchHost':
      return intl.formatMessage({ id: 'discovery.probe.noSuchHost', defaultMessage: '{where} does not exist (no address for that name)' }, { where });
    case 'refused':
      return intl.formatMessage({ id: 'discovery.probe.refused', defaultMessage: '{where} refused the connection (nothing listens on port {port})' }, { where, port: String(note.port) });
    case 'didNotAnswer':
      return intl.formatMessage({ id: 'discovery.probe.didNotAnswer', defaultMessage: '{where} did not answer' }, { where });
    case 'unreachable':
      return intl.formatMessage({ id: 'discovery.probe.unreachable', defaultMessage: '{where} cannot be reached from this network' }, { where });
    case 'notTls':
      return intl.formatMessage({ id: 'discovery.probe.notTls', defaultMessage: '{where} does not speak TLS on this port' }, { where });
    case 'failed':
      return intl.formatMessage({ id: 'discovery.probe.failed', defaultMessage: '{where} failed: {detail}' }, { where, detail: note.detail });
    case 'noStarttls':
      return intl.formatMessage({ id: 'discovery.probe.noStarttls', defaultMessage: '{where} answered as {service} but offers no encryption (no STARTTLS)' }, { where, service: SERVICE_NAMES[note.service] });
    case 'verified':
      return intl.formatMessage({ id: 'discovery.probe.verified', defaultMessage: '{where} answered as {service} with a valid certificate' }, { where, service: SERVICE_NAMES[note.service] });
    case 'unverified':
      return intl.formatMessage(
        { id: 'discovery.probe.unverified', defaultMessage: '{where} answered as {service}, but its certificate is not valid for it here ({reason})' },
        { where, service: SERVICE_NAMES[note.service], reason: note.reason },
      );
  }
}

function fetchNoteText(note: FetchNote, intl: IntlShape): string {
  const host = note.host;
  switch (note.kind) {
    case 'noAnswerWithin':
      return intl.formatMessage({ id: 'discovery.fetch.noAnswerWithin', defaultMessage: '{host} did not answer within {seconds} s' }, { host, seconds: intl.formatNumber(note.seconds) });
    case 'brokeOff':
      return intl.formatMessage({ id: 'discovery.fetch.brokeOff', defaultMessage: '{host}: the download broke off ({detail})' }, { host, detail: note.detail });
    case 'noSettings':
      return intl.formatMessage({ id: 'discovery.fetch.noSettings', defaultMessage: '{host} publishes no settings (HTTP {status})' }, { host, status: String(note.status) });
    case 'httpStatus':
      return intl.formatMessage({ id: 'discovery.fetch.httpStatus', defaultMessage: '{host} answered HTTP {status}' }, { host, status: String(note.status) });
    case 'declaredTooLarge':
      return intl.formatMessage(
        { id: 'discovery.fetch.declaredTooLarge', defaultMessage: '{host} offered {bytes} bytes, far more than a settings file (at most {kib} KiB)' },
        { host, bytes: String(note.bytes), kib: intl.formatNumber(note.kib) },
      );
    case 'sentTooMuch':
      return intl.formatMessage({ id: 'discovery.fetch.sentTooMuch', defaultMessage: '{host} sent more than {kib} KiB: not a settings file' }, { host, kib: intl.formatNumber(note.kib) });
    case 'noSuchHost':
      return intl.formatMessage({ id: 'discovery.fetch.noSuchHost', defaultMessage: '{host} does not exist' }, { host });
    case 'noHttps':
      return intl.formatMessage({ id: 'discovery.fetch.noHttps', defaultMessage: '{host} has no secure web server (connection refused)' }, { host });
    case 'stopped':
      return intl.formatMessage({ id: 'discovery.fetch.stopped', defaultMessage: '{host}: stopped' }, { host });
    case 'lookupFailed':
      return intl.formatMessage({ id: 'discovery.fetch.lookupFailed', defaultMessage: '{host} could not be looked up ({dns})' }, { host, dns: dnsText(note.dns, intl) });
    case 'certificate':
      return intl.formatMessage({ id: 'discovery.fetch.certificate', defaultMessage: '{host}’s certificate is not valid ({code}); its settings were not used' }, { host, code: note.code });
    case 'failed':
      return intl.formatMessage({ id: 'discovery.fetch.failed', defaultMessage: '{host} failed: {detail}' }, { host, detail: note.detail });
    case 'redirectNotAddress':
      return intl.formatMessage({ id: 'discovery.fetch.redirectNotAddress', defaultMessage: '{host} redirected to “{location}”, which is not a web address' }, { host, location: note.location });
    case 'redirectNotHttps':
      return intl.formatMessage({ id: 'discovery.fetch.redirectNotHttps', defaultMessage: '{host} redirected to an address without HTTPS ({protocol}); not followed' }, { host, protocol: note.protocol });
    case 'tooManyRedirects':
      return intl.formatMessage({ id: 'discovery.fetch.tooManyRedirects', defaultMessage: '{host} redirected more than {count} times' }, { host, count: String(note.count) });
  }
}

function skippedText(skipped: SkippedServer, intl: IntlShape): string {
  switch (skipped.kind) {
    case 'empty':
      // The file's own element names, kept as values: ICU would read "<incomingServer>" as a tag.
      return intl.formatMessage({ id: 'discovery.skipped.empty', defaultMessage: 'an empty {element}' }, { element: `<${skipped.direction}Server>` });
    case 'wrongType': {
      const type = skipped.type ?? intl.formatMessage({ id: 'discovery.skipped.noType', defaultMessage: 'none' });
      return skipped.direction === 'incoming'
        ? intl.formatMessage({ id: 'discovery.skipped.wrongTypeIncoming', defaultMessage: 'an incoming server of type “{type}”' }, { type })
        : intl.formatMessage({ id: 'discovery.skipped.wrongTypeOutgoing', defaultMessage: 'an outgoing server of type “{type}”' }, { type });
    }
    case 'noHost':
      return intl.formatMessage(
        {
          id: 'discovery.skipped.noHost',
          defaultMessage: '{service, select, pop3 {a POP server without a host name} imap {an IMAP server without a host name} other {an SMTP server without a host name}}',
        },
        { service: skipped.service },
      );
    case 'badPort':
      return intl.formatMessage({ id: 'discovery.skipped.badPort', defaultMessage: '{host}: “{port}” is not a port number' }, { host: skipped.host, port: skipped.port });
    case 'badEncryption':
      return intl.formatMessage({ id: 'discovery.skipped.badEncryption', defaultMessage: '{host}: unknown kind of encryption “{socketType}” (socketType)' }, { host: skipped.host, socketType: skipped.socketType });
  }
}

function problemText(problem: AutoconfigProblem, intl: IntlShape): string {
  switch (problem.kind) {
    case 'tooLarge':
      return intl.formatMessage({ id: 'discovery.problem.tooLarge', defaultMessage: 'the file is larger than {kib} KiB' }, { kib: intl.formatNumber(problem.kib) });
    case 'notXml':
      return problem.line === null
        ? intl.formatMessage({ id: 'discovery.problem.notXml', defaultMessage: 'the file is not well-formed XML ({detail})' }, { detail: problem.detail })
        : intl.formatMessage({ id: 'discovery.problem.notXmlAtLine', defaultMessage: 'the file is not well-formed XML (line {line}: {detail})' }, { line: String(problem.line), detail: problem.detail });
    case 'notAutoconfig':
      return intl.formatMessage({ id: 'discovery.problem.notAutoconfig', defaultMessage: 'the file is XML but not an autoconfig file (no {element})' }, { element: '<clientConfig>' });
    case 'noEmailProvider':
      return intl.formatMessage({ id: 'discovery.problem.noEmailProvider', defaultMessage: 'the file has no {element}' }, { element: '<emailProvider>' });
    case 'noUsableIncoming':
      return problem.skipped.length
        ? intl.formatMessage({ id: 'discovery.problem.noUsableIncoming', defaultMessage: 'no usable incoming server ({skipped})' }, { skipped: problem.skipped.map((s) => skippedText(s, intl)).join('; ') })
        : intl.formatMessage({ id: 'discovery.problem.noIncoming', defaultMessage: 'the file names no incoming server' });
  }
}

function serversText(servers: FoundServers, intl: IntlShape): string {
  const security = (endpoint: ServerEndpoint): string =>
    endpoint.security === 'none' ? intl.formatMessage({ id: 'discovery.servers.noEncryption', defaultMessage: 'no encryption' }) : endpoint.security === 'tls' ? 'TLS' : 'STARTTLS';
  const values = (endpoint: ServerEndpoint) => ({ host: endpoint.host, port: String(endpoint.port), security: security(endpoint) });
  const parts = [
    ...(servers.imap ? [intl.formatMessage({ id: 'discovery.servers.imap', defaultMessage: 'IMAP at {host}, port {port}, {security}' }, values(servers.imap))] : []),
    ...(servers.pop3 ? [intl.formatMessage({ id: 'discovery.servers.pop', defaultMessage: 'POP at {host}, port {port}, {security}' }, values(servers.pop3))] : []),
    ...(servers.smtp ? [intl.formatMessage({ id: 'discovery.servers.sending', defaultMessage: 'sending at {host}, port {port}, {security}' }, values(servers.smtp))] : []),
  ];
  return parts.join('; ') || intl.formatMessage({ id: 'discovery.servers.none', defaultMessage: 'no servers' });
}

function lookupFailuresText(failures: readonly LookupFailures[], intl: IntlShape): string {
  return failures.map((group) => `${dnsText(group.dns, intl)} (${group.labels.join(', ')})`).join('; ');
}

/** "autoconfig.example.com", or "autoconfig.example.com (redirected to a.test, then b.test)". */
function publisher(host: string, via: readonly string[], intl: IntlShape): string {
  if (via.length === 0) return host;
  const chain = via.reduce((earlier, later) => intl.formatMessage({ id: 'discovery.redirectedThen', defaultMessage: '{earlier}, then {later}' }, { earlier, later }));
  return intl.formatMessage({ id: 'discovery.redirected', defaultMessage: '{host} (redirected to {chain})' }, { host, chain });
}

/** A step stopped because an earlier one in the chain had the answer. */
function answeredFirstText(winner: DiscoverySource, intl: IntlShape): string {
  switch (winner) {
    case 'provider':
      return intl.formatMessage({ id: 'discovery.note.answeredFirstProvider', defaultMessage: 'Porthole’s list of providers answered first.' });
    case 'autoconfig':
      return intl.formatMessage({ id: 'discovery.note.answeredFirstAutoconfig', defaultMessage: 'The domain’s published settings answered first.' });
    case 'srv':
      return intl.formatMessage({ id: 'discovery.note.answeredFirstSrv', defaultMessage: 'The domain’s DNS service records answered first.' });
    case 'guess':
      return intl.formatMessage({ id: 'discovery.note.answeredFirstGuess', defaultMessage: 'Trying the usual server names answered first.' });
  }
}

function stepNoteText(note: StepNote, intl: IntlShape): string {
  switch (note.kind) {
    case 'notADomain':
      return intl.formatMessage({ id: 'discovery.note.notADomain', defaultMessage: '“{text}” is not a domain name that can have mail servers.' }, { text: note.text });
    case 'answeredFirst':
      return answeredFirstText(note.winner, intl);
    case 'stoppedWaiting':
      return intl.formatMessage({ id: 'discovery.note.stoppedWaiting', defaultMessage: 'Stopped waiting after {seconds} s.' }, { seconds: seconds(note.ms, intl) });
    case 'unexpected':
      return intl.formatMessage({ id: 'discovery.note.unexpected', defaultMessage: 'Something unexpected went wrong: {detail}' }, { detail: note.detail });
    case 'deadline':
      return intl.formatMessage({ id: 'discovery.note.deadline', defaultMessage: 'Stopped so that the search finishes within {seconds} s.' }, { seconds: seconds(note.ms, intl) });
    case 'providerByDomain':
      return intl.formatMessage({ id: 'discovery.note.providerByDomain', defaultMessage: '{domain} belongs to {provider}: {servers}.' }, { domain: note.domain, provider: note.provider, servers: serversText(note.servers, intl) });
    case 'providerNoMx':
      return intl.formatMessage({ id: 'discovery.note.providerNoMx', defaultMessage: '{domain} is not in the list, and names no mail servers (MX records) to recognise a provider by.' }, { domain: note.domain });
    case 'providerMxFailed':
      return intl.formatMessage(
        { id: 'discovery.note.providerMxFailed', defaultMessage: '{domain} is not in the list; looking up its mail servers (MX records) failed: {dns}.' },
        { domain: note.domain, dns: dnsText(note.dns, intl) },
      );
    case 'providerMxUnknown':
      return intl.formatMessage(
        { id: 'discovery.note.providerMxUnknown', defaultMessage: '{domain} is not in the list, and its mail servers (MX: {hosts}) belong to no provider in it.' },
        { domain: note.domain, hosts: note.mxHosts.join(', ') || intl.formatMessage({ id: 'discovery.note.noMxHosts', defaultMessage: 'none' }) },
      );
    case 'providerByMx':
      return intl.formatMessage(
        { id: 'discovery.note.providerByMx', defaultMessage: '{domain}’s mail goes to {mxHost}, which belongs to {provider}: {servers}.' },
        { domain: note.domain, mxHost: note.mxHost, provider: note.provider, servers: serversText(note.servers, intl) },
      );
    case 'fetchFailed':
      return `${fetchNoteText(note.fetch, intl)}.`;
    case 'unusableFile':
      return intl.formatMessage(
        { id: 'discovery.note.unusableFile', defaultMessage: '{publisher} published a file Porthole cannot use: {problem}.' },
        { publisher: publisher(note.host, note.via, intl), problem: problemText(note.problem, intl) },
      );
    case 'noUsableIncoming':
      return intl.formatMessage({ id: 'discovery.note.noUsableIncoming', defaultMessage: '{publisher} published no incoming server Porthole can use.' }, { publisher: publisher(note.host, note.via, intl) });
    case 'published': {
      const published = intl.formatMessage({ id: 'discovery.note.published', defaultMessage: '{publisher} published: {servers}.' }, { publisher: publisher(note.host, note.via, intl), servers: serversText(note.servers, intl) });
      if (note.skipped.length === 0) return published;
      const leftOut = intl.formatMessage({ id: 'discovery.note.leftOut', defaultMessage: 'Left out: {skipped}.' }, { skipped: note.skipped.map((s) => skippedText(s, intl)).join('; ') });
      return `${published} ${leftOut}`;
    }
    case 'triedFirst':
      return intl.formatMessage({ id: 'discovery.note.triedFirst', defaultMessage: 'Tried first: {notes}' }, { notes: stepNotesText(note.notes, intl) });
    case 'srvNothing':
      return intl.formatMessage({ id: 'discovery.note.srvNothing', defaultMessage: '{domain} publishes no mail servers in its DNS service records.' }, { domain: note.domain });
    case 'srvLookupFailed':
      return intl.formatMessage(
        { id: 'discovery.note.srvLookupFailed', defaultMessage: 'Looking up {domain}’s DNS service records failed: {failures}.' },
        { domain: note.domain, failures: lookupFailuresText(note.failures, intl) },
      );
    case 'srvNoneAnswered':
      return intl.formatMessage({ id: 'discovery.note.srvNoneAnswered', defaultMessage: 'None of the incoming servers in {domain}’s DNS service records answered.' }, { domain: note.domain });
    case 'srvDeclined':
      return intl.formatMessage({ id: 'discovery.note.srvDeclined', defaultMessage: '{name} says this service is not offered.' }, { name: note.name });
    case 'srvProbeFailed':
      return intl.formatMessage({ id: 'discovery.note.srvProbeFailed', defaultMessage: 'From {name}: {probe}.' }, { name: note.name, probe: probeNoteText(note.probe, intl) });
    case 'srvUnverified':
      return intl.formatMessage({ id: 'discovery.note.srvUnverified', defaultMessage: '{probe}; you will be shown its certificate.' }, { probe: probeNoteText(note.probe, intl) });
    case 'srvSomeLookupsFailed':
      return intl.formatMessage({ id: 'discovery.note.srvSomeLookupsFailed', defaultMessage: 'Some lookups failed: {failures}.' }, { failures: lookupFailuresText(note.failures, intl) });
    case 'servers':
      return `${serversText(note.servers, intl)}.`;
    case 'guessNothing':
      return intl.formatMessage(
        { id: 'discovery.note.guessNothing', defaultMessage: 'None of the usual names (imap.{domain}, mail.{domain}, {domain} …) answered as a mail server with a valid certificate.' },
        { domain: note.domain },
      );
    case 'notKept':
      return intl.formatMessage({ id: 'discovery.note.notKept', defaultMessage: 'Answered but not kept: {probes}.' }, { probes: note.probes.map((probe) => probeNoteText(probe, intl)).join('; ') });
  }
  const unknown: never = note;
  return JSON.stringify(unknown);
}

/** A step's sentences, one after the other, in the language shown. */
export function stepNotesText(notes: readonly StepNote[], intl: IntlShape = currentIntl()): string {
  return notes.map((note) => stepNoteText(note, intl)).join(' ');
}
