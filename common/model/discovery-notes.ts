import type { ServerEndpoint } from './account';
import type { DiscoverySource } from './discovery';

/**
 * What each step of discovery tried and what came back ("How was this found?"), as values: main
 * keeps its English sentence beside them (`DiscoveryStep.detail`), the window says them in its own
 * language. `detail`, `said`, `reason` and `code` fields are words main did not write (a resolver's,
 * a TLS library's, an XML parser's, a server's): they are shown as they came.
 */

export type ProbedService = 'imap' | 'pop3' | 'smtp';

/** Why a DNS lookup went wrong. */
export type DnsFailure = { kind: 'noRecords' | 'noAnswer' | 'malformed' | 'serverFailed' | 'refused' | 'stopped' } | { kind: 'other'; detail: string };

/** What one connection to `host:port` found, without a password ever being sent. */
export type ProbeNote = { host: string; port: number } & (
  | { kind: 'noAnswerWithin'; seconds: number }
  | { kind: 'stopped' }
  | { kind: 'notGreeting'; service: ProbedService; said: string }
  | { kind: 'lineTooLong'; kib: number }
  | { kind: 'tooMuchBeforeGreeting'; kib: number }
  | { kind: 'closed' }
  | { kind: 'lookupFailed'; dns: DnsFailure }
  | { kind: 'noSuchHost' }
  | { kind: 'refused' }
  | { kind: 'didNotAnswer' }
  | { kind: 'unreachable' }
  | { kind: 'notTls' }
  | { kind: 'failed'; detail: string }
  | { kind: 'noStarttls'; service: ProbedService }
  | { kind: 'verified'; service: ProbedService }
  | { kind: 'unverified'; service: ProbedService; reason: string }
);

/** What a download of a settings file from `host` came to, when it brought no file. */
export type FetchNote = { host: string } & (
  | { kind: 'noAnswerWithin'; seconds: number }
  | { kind: 'brokeOff'; detail: string }
  | { kind: 'noSettings'; status: number }
  | { kind: 'httpStatus'; status: number }
  | { kind: 'declaredTooLarge'; bytes: number; kib: number }
  | { kind: 'sentTooMuch'; kib: number }
  | { kind: 'noSuchHost' }
  | { kind: 'noHttps' }
  | { kind: 'stopped' }
  | { kind: 'lookupFailed'; dns: DnsFailure }
  | { kind: 'certificate'; code: string }
  | { kind: 'failed'; detail: string }
  | { kind: 'redirectNotAddress'; location: string }
  | { kind: 'redirectNotHttps'; protocol: string }
  | { kind: 'tooManyRedirects'; count: number }
);

/** A server entry of an autoconfig file that was left out, and why. */
export type SkippedServer =
  | { kind: 'empty'; direction: 'incoming' | 'outgoing' }
  | { kind: 'wrongType'; direction: 'incoming' | 'outgoing'; type: string | null }
  | { kind: 'noHost'; service: ProbedService }
  | { kind: 'badPort'; host: string; port: string }
  | { kind: 'badEncryption'; host: string; socketType: string };

/** Why an autoconfig file cannot be used. */
export type AutoconfigProblem =
  | { kind: 'tooLarge'; kib: number }
  | { kind: 'notXml'; line: number | null; detail: string }
  | { kind: 'notAutoconfig' }
  | { kind: 'noEmailProvider' }
  | { kind: 'noUsableIncoming'; skipped: SkippedServer[] };

/** The servers found, as the step says them. */
export type FoundServers = Record<ProbedService, ServerEndpoint | null>;

/** SRV lookups that failed the same way, by their labels ("_imaps._tcp"). */
export interface LookupFailures {
  dns: DnsFailure;
  labels: string[];
}

/** One sentence of a step's detail; a step says a list of them. */
export type StepNote =
  | { kind: 'notADomain'; text: string }
  | { kind: 'answeredFirst'; winner: DiscoverySource }
  | { kind: 'stoppedWaiting'; ms: number }
  | { kind: 'unexpected'; detail: string }
  | { kind: 'deadline'; ms: number }
  | { kind: 'providerByDomain'; domain: string; provider: string; servers: FoundServers }
  | { kind: 'providerNoMx'; domain: string }
  | { kind: 'providerMxFailed'; domain: string; dns: DnsFailure }
  /** `mxHosts`: the first few only. */
  | { kind: 'providerMxUnknown'; domain: string; mxHosts: string[] }
  | { kind: 'providerByMx'; domain: string; mxHost: string; provider: string; servers: FoundServers }
  | { kind: 'fetchFailed'; fetch: FetchNote }
  /** `via`: the hosts the download was redirected to. */
  | { kind: 'unusableFile'; host: string; via: string[]; problem: AutoconfigProblem }
  | { kind: 'noUsableIncoming'; host: string; via: string[] }
  | { kind: 'published'; host: string; via: string[]; servers: FoundServers; skipped: SkippedServer[] }
  | { kind: 'triedFirst'; notes: StepNote[] }
  | { kind: 'srvNothing'; domain: string }
  | { kind: 'srvLookupFailed'; domain: string; failures: LookupFailures[] }
  | { kind: 'srvNoneAnswered'; domain: string }
  | { kind: 'srvDeclined'; name: string }
  | { kind: 'srvProbeFailed'; name: string; probe: ProbeNote }
  | { kind: 'srvUnverified'; probe: ProbeNote }
  | { kind: 'srvSomeLookupsFailed'; failures: LookupFailures[] }
  | { kind: 'servers'; servers: FoundServers }
  | { kind: 'guessNothing'; domain: string }
  /** `probes`: the first few only. */
  | { kind: 'notKept'; probes: ProbeNote[] };

/** The services' names, the same in every language ("POP", as the account setup says it). */
export const SERVICE_NAMES: Readonly<Record<ProbedService, string>> = { imap: 'IMAP', pop3: 'POP', smtp: 'SMTP' };

const SOURCE_WORDS: Record<DiscoverySource, string> = {
  provider: 'Porthole’s list of providers',
  autoconfig: 'The domain’s published settings',
  srv: 'The domain’s DNS service records',
  guess: 'Trying the usual server names',
};

const DNS_WORDS: Record<Exclude<DnsFailure['kind'], 'other'>, string> = {
  noRecords: 'no such records',
  noAnswer: 'the DNS server did not answer',
  malformed: 'the DNS answer was malformed',
  serverFailed: 'the DNS server failed to answer',
  refused: 'the DNS server refused the query',
  stopped: 'the lookup was stopped',
};

export function dnsFailureEnglish(failure: DnsFailure): string {
  return failure.kind === 'other' ? failure.detail : DNS_WORDS[failure.kind];
}

export function probeNoteEnglish(note: ProbeNote): string {
  const where = `${note.host}:${note.port}`;
  switch (note.kind) {
    case 'noAnswerWithin':
      return `${where} did not answer within ${note.seconds} s`;
    case 'stopped':
      return `${where}: stopped`;
    case 'notGreeting':
      return `${where} did not greet as ${SERVICE_NAMES[note.service]} (it said “${note.said}”)`;
    case 'lineTooLong':
      return `${where} sent a line longer than ${note.kib} KiB: not a mail server’s greeting`;
    case 'tooMuchBeforeGreeting':
      return `${where} sent more than ${note.kib} KiB before saying anything useful`;
    case 'closed':
      return `${where} closed the connection`;
    case 'lookupFailed':
      return `${where} could not be looked up (${dnsFailureEnglish(note.dns)})`;
    case 'noSuchHost':
      return `${where} does not exist (no address for that name)`;
    case 'refused':
      return `${where} refused the connection (nothing listens on port ${note.port})`;
    case 'didNotAnswer':
      return `${where} did not answer`;
    case 'unreachable':
      return `${where} cannot be reached from this network`;
    case 'notTls':
      return `${where} does not speak TLS on this port`;
    case 'failed':
      return `${where} failed: ${note.detail}`;
    case 'noStarttls':
      return `${where} answered as ${SERVICE_NAMES[note.service]} but offers no encryption (no STARTTLS)`;
    case 'verified':
      return `${where} answered as ${SERVICE_NAMES[note.service]} with a valid certificate`;
    case 'unverified':
      return `${where} answered as ${SERVICE_NAMES[note.service]}, but its certificate is not valid for it here (${note.reason})`;
  }
}

export function fetchNoteEnglish(note: FetchNote): string {
  const host = note.host;
  switch (note.kind) {
    case 'noAnswerWithin':
      return `${host} did not answer within ${note.seconds} s`;
    case 'brokeOff':
      return `${host}: the download broke off (${note.detail})`;
    case 'noSettings':
      return `${host} publishes no settings (HTTP ${note.status})`;
    case 'httpStatus':
      return `${host} answered HTTP ${note.status}`;
    case 'declaredTooLarge':
      return `${host} offered ${note.bytes} bytes, far more than a settings file (at most ${note.kib} KiB)`;
    case 'sentTooMuch':
      return `${host} sent more than ${note.kib} KiB: not a settings file`;
    case 'noSuchHost':
      return `${host} does not exist`;
    case 'noHttps':
      return `${host} has no secure web server (connection refused)`;
    case 'stopped':
      return `${host}: stopped`;
    case 'lookupFailed':
      return `${host} could not be looked up (${dnsFailureEnglish(note.dns)})`;
    case 'certificate':
      return `${host}’s certificate is not valid (${note.code}); its settings were not used`;
    case 'failed':
      return `${host} failed: ${note.detail}`;
    case 'redirectNotAddress':
      return `${host} redirected to “${note.location}”, which is not a web address`;
    case 'redirectNotHttps':
      return `${host} redirected to an address without HTTPS (${note.protocol}); not followed`;
    case 'tooManyRedirects':
      return `${host} redirected more than ${note.count} times`;
  }
}

export function skippedServerEnglish(skipped: SkippedServer): string {
  switch (skipped.kind) {
    case 'empty':
      return `an empty <${skipped.direction}Server>`;
    case 'wrongType':
      return `an ${skipped.direction} server of type “${skipped.type ?? 'none'}”`;
    case 'noHost':
      return `${skipped.service === 'pop3' ? 'a' : 'an'} ${SERVICE_NAMES[skipped.service]} server without a host name`;
    case 'badPort':
      return `${skipped.host}: “${skipped.port}” is not a port number`;
    case 'badEncryption':
      return `${skipped.host}: unknown kind of encryption “${skipped.socketType}” (socketType)`;
  }
}

export function autoconfigProblemEnglish(problem: AutoconfigProblem): string {
  switch (problem.kind) {
    case 'tooLarge':
      return `the file is larger than ${problem.kib} KiB`;
    case 'notXml':
      return problem.line === null ? `the file is not well-formed XML (${problem.detail})` : `the file is not well-formed XML (line ${problem.line}: ${problem.detail})`;
    case 'notAutoconfig':
      return 'the file is XML but not an autoconfig file (no <clientConfig>)';
    case 'noEmailProvider':
      return 'the file has no <emailProvider>';
    case 'noUsableIncoming':
      return problem.skipped.length ? `no usable incoming server (${problem.skipped.map(skippedServerEnglish).join('; ')})` : 'the file names no incoming server';
  }
}

/** "IMAP at imap.example.com, port 993, TLS; sending at …", or "no servers". */
export function foundServersEnglish(servers: FoundServers): string {
  const security = { tls: 'TLS', starttls: 'STARTTLS', none: 'no encryption' } as const;
  const part = (label: string, endpoint: ServerEndpoint | null): string[] => (endpoint ? [`${label} at ${endpoint.host}, port ${endpoint.port}, ${security[endpoint.security]}`] : []);
  return [...part('IMAP', servers.imap), ...part('POP', servers.pop3), ...part('sending', servers.smtp)].join('; ') || 'no servers';
}

/** "why (_imaps._tcp, _imap._tcp); other why (_pop3s._tcp)". */
function lookupFailuresEnglish(failures: readonly LookupFailures[]): string {
  return failures.map((group) => `${dnsFailureEnglish(group.dns)} (${group.labels.join(', ')})`).join('; ');
}

/** A step's time in seconds, to a tenth, as its notes say it. */
export function roundedSeconds(ms: number): number {
  return Math.round(ms / 100) / 10;
}

function seconds(ms: number): string {
  return `${roundedSeconds(ms)} s`;
}

function redirected(via: readonly string[]): string {
  return via.length ? ` (redirected to ${via.join(', then ')})` : '';
}

export function stepNoteEnglish(note: StepNote): string {
  switch (note.kind) {
    case 'notADomain':
      return `“${note.text}” is not a domain name that can have mail servers.`;
    case 'answeredFirst':
      return `${SOURCE_WORDS[note.winner]} answered first.`;
    case 'stoppedWaiting':
      return `Stopped waiting after ${seconds(note.ms)}.`;
    case 'unexpected':
      return `Something unexpected went wrong: ${note.detail}`;
    case 'deadline':
      return `Stopped so that the search finishes within ${seconds(note.ms)}.`;
    case 'providerByDomain':
      return `${note.domain} belongs to ${note.provider}: ${foundServersEnglish(note.servers)}.`;
    case 'providerNoMx':
      return `${note.domain} is not in the list, and names no mail servers (MX records) to recognise a provider by.`;
    case 'providerMxFailed':
      return `${note.domain} is not in the list; looking up its mail servers (MX records) failed: ${dnsFailureEnglish(note.dns)}.`;
    case 'providerMxUnknown':
      return `${note.domain} is not in the list, and its mail servers (MX: ${note.mxHosts.join(', ') || 'none'}) belong to no provider in it.`;
    case 'providerByMx':
      return `${note.domain}’s mail goes to ${note.mxHost}, which belongs to ${note.provider}: ${foundServersEnglish(note.servers)}.`;
    case 'fetchFailed':
      return `${fetchNoteEnglish(note.fetch)}.`;
    case 'unusableFile':
      return `${note.host}${redirected(note.via)} published a file Porthole cannot use: ${autoconfigProblemEnglish(note.problem)}.`;
    case 'noUsableIncoming':
      return `${note.host}${redirected(note.via)} published no incoming server Porthole can use.`;
    case 'published': {
      const skipped = note.skipped.length ? ` Left out: ${note.skipped.map(skippedServerEnglish).join('; ')}.` : '';
      return `${note.host}${redirected(note.via)} published: ${foundServersEnglish(note.servers)}.${skipped}`;
    }
    case 'triedFirst':
      return `Tried first: ${stepNotesEnglish(note.notes)}`;
    case 'srvNothing':
      return `${note.domain} publishes no mail servers in its DNS service records.`;
    case 'srvLookupFailed':
      return `Looking up ${note.domain}’s DNS service records failed: ${lookupFailuresEnglish(note.failures)}.`;
    case 'srvNoneAnswered':
      return `None of the incoming servers in ${note.domain}’s DNS service records answered.`;
    case 'srvDeclined':
      return `${note.name} says this service is not offered.`;
    case 'srvProbeFailed':
      return `From ${note.name}: ${probeNoteEnglish(note.probe)}.`;
    case 'srvUnverified':
      return `${probeNoteEnglish(note.probe)}; you will be shown its certificate.`;
    case 'srvSomeLookupsFailed':
      return `Some lookups failed: ${lookupFailuresEnglish(note.failures)}.`;
    case 'servers':
      return `${foundServersEnglish(note.servers)}.`;
    case 'guessNothing':
      return `None of the usual names (imap.${note.domain}, mail.${note.domain}, ${note.domain} …) answered as a mail server with a valid certificate.`;
    case 'notKept':
      return `Answered but not kept: ${note.probes.map(probeNoteEnglish).join('; ')}.`;
  }
}

/** A step's detail in main's English: its sentences, one after the other. */
export function stepNotesEnglish(notes: readonly StepNote[]): string {
  return notes.map(stepNoteEnglish).join(' ');
}
