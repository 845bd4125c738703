import { describe, expect, it } from 'vitest';
import {
  stepNotesEnglish,
  type AutoconfigProblem,
  type DnsFailure,
  type FetchNote,
  type FoundServers,
  type ProbeNote,
  type SkippedServer,
  type StepNote,
} from '../../../../common/model/discovery-notes';
import { stepNotesText } from '../../../../renderer/features/account-setup/discovery-note-words';
import { intlFor } from '../../../../renderer/i18n/intl';

// Issue 16: "How was this found?" travels as values; the window says each step in its language.
const german = intlFor({ language: 'de', locale: 'de' });
const english = intlFor({ language: 'en', locale: 'en' });

// One of every kind: a Record over each union's kinds fails to compile when a kind is added and not listed here.
const at = { host: 'imap.example.com', port: 993 };
const DNS: Record<DnsFailure['kind'], DnsFailure> = {
  noRecords: { kind: 'noRecords' },
  noAnswer: { kind: 'noAnswer' },
  malformed: { kind: 'malformed' },
  serverFailed: { kind: 'serverFailed' },
  refused: { kind: 'refused' },
  stopped: { kind: 'stopped' },
  other: { kind: 'other', detail: 'querySrv ESOMETHING' },
};
const PROBES: Record<ProbeNote['kind'], ProbeNote> = {
  noAnswerWithin: { ...at, kind: 'noAnswerWithin', seconds: 0.3 },
  stopped: { ...at, kind: 'stopped' },
  notGreeting: { ...at, kind: 'notGreeting', service: 'pop3', said: 'HTTP/1.1 400 Bad Request' },
  lineTooLong: { ...at, kind: 'lineTooLong', kib: 4 },
  tooMuchBeforeGreeting: { ...at, kind: 'tooMuchBeforeGreeting', kib: 64 },
  closed: { ...at, kind: 'closed' },
  lookupFailed: { ...at, kind: 'lookupFailed', dns: { kind: 'noAnswer' } },
  noSuchHost: { ...at, kind: 'noSuchHost' },
  refused: { ...at, kind: 'refused' },
  didNotAnswer: { ...at, kind: 'didNotAnswer' },
  unreachable: { ...at, kind: 'unreachable' },
  notTls: { ...at, kind: 'notTls' },
  failed: { ...at, kind: 'failed', detail: 'EPROTO' },
  noStarttls: { ...at, kind: 'noStarttls', service: 'imap' },
  verified: { ...at, kind: 'verified', service: 'smtp' },
  unverified: { ...at, kind: 'unverified', service: 'imap', reason: 'ERR_TLS_CERT_ALTNAME_INVALID' },
};
const host = 'autoconfig.example.com';
const FETCHES: Record<FetchNote['kind'], FetchNote> = {
  noAnswerWithin: { host, kind: 'noAnswerWithin', seconds: 5 },
  brokeOff: { host, kind: 'brokeOff', detail: 'aborted' },
  noSettings: { host, kind: 'noSettings', status: 404 },
  httpStatus: { host, kind: 'httpStatus', status: 500 },
  declaredTooLarge: { host, kind: 'declaredTooLarge', bytes: 300000, kib: 256 },
  sentTooMuch: { host, kind: 'sentTooMuch', kib: 256 },
  noSuchHost: { host, kind: 'noSuchHost' },
  noHttps: { host, kind: 'noHttps' },
  stopped: { host, kind: 'stopped' },
  lookupFailed: { host, kind: 'lookupFailed', dns: { kind: 'serverFailed' } },
  certificate: { host, kind: 'certificate', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
  failed: { host, kind: 'failed', detail: 'socket hang up' },
  redirectNotAddress: { host, kind: 'redirectNotAddress', location: 'http://[' },
  redirectNotHttps: { host, kind: 'redirectNotHttps', protocol: 'http' },
  tooManyRedirects: { host, kind: 'tooManyRedirects', count: 3 },
};
const SKIPPED: SkippedServer[] = [
  { kind: 'empty', direction: 'incoming' },
  { kind: 'empty', direction: 'outgoing' },
  { kind: 'wrongType', direction: 'incoming', type: 'exchange' },
  { kind: 'wrongType', direction: 'outgoing', type: null },
  { kind: 'noHost', service: 'imap' },
  { kind: 'noHost', service: 'pop3' },
  { kind: 'noHost', service: 'smtp' },
  { kind: 'badPort', host: 'imap.x.test', port: '99999' },
  { kind: 'badEncryption', host: 'imap.x.test', socketType: 'QUANTUM' },
];
const PROBLEMS: Record<AutoconfigProblem['kind'], AutoconfigProblem[]> = {
  tooLarge: [{ kind: 'tooLarge', kib: 256 }],
  notXml: [
    { kind: 'notXml', line: 3, detail: "Closing tag 'x' is expected inplace of 'y'." },
    { kind: 'notXml', line: null, detail: 'Unexpected end' },
  ],
  notAutoconfig: [{ kind: 'notAutoconfig' }],
  noEmailProvider: [{ kind: 'noEmailProvider' }],
  noUsableIncoming: [
    { kind: 'noUsableIncoming', skipped: [] },
    { kind: 'noUsableIncoming', skipped: SKIPPED },
  ],
};
const servers: FoundServers = {
  imap: { host: 'imap.example.com', port: 993, security: 'tls', user: 'ann@example.com' },
  pop3: { host: 'pop.example.com', port: 110, security: 'none', user: 'ann@example.com' },
  smtp: { host: 'smtp.example.com', port: 587, security: 'starttls', user: 'ann@example.com' },
};
const failures = [
  { dns: { kind: 'noAnswer' } as const, labels: ['_imaps._tcp', '_imap._tcp'] },
  { dns: { kind: 'malformed' } as const, labels: ['_pop3s._tcp'] },
];
const NOTES: Record<StepNote['kind'], StepNote[]> = {
  notADomain: [{ kind: 'notADomain', text: '[192.0.2.1]' }],
  answeredFirst: (['provider', 'autoconfig', 'srv', 'guess'] as const).map((winner) => ({ kind: 'answeredFirst', winner })),
  stoppedWaiting: [{ kind: 'stoppedWaiting', ms: 1_500 }],
  unexpected: [{ kind: 'unexpected', detail: 'socket exploded' }],
  deadline: [{ kind: 'deadline', ms: 9_500 }],
  providerByDomain: [{ kind: 'providerByDomain', domain: 'gmail.com', provider: 'Gmail', servers }],
  providerNoMx: [{ kind: 'providerNoMx', domain: 'example.com' }],
  providerMxFailed: Object.values(DNS).map((dns) => ({ kind: 'providerMxFailed', domain: 'example.com', dns })),
  providerMxUnknown: [
    { kind: 'providerMxUnknown', domain: 'example.com', mxHosts: ['mx1.example.com', 'mx2.example.com'] },
    { kind: 'providerMxUnknown', domain: 'example.com', mxHosts: [] },
  ],
  providerByMx: [{ kind: 'providerByMx', domain: 'example.com', mxHost: 'aspmx.l.google.com', provider: 'Google Workspace', servers: { ...servers, pop3: null } }],
  fetchFailed: Object.values(FETCHES).map((fetch) => ({ kind: 'fetchFailed', fetch })),
  unusableFile: Object.values(PROBLEMS)
    .flat()
    .map((problem) => ({ kind: 'unusableFile', host, via: [], problem })),
  noUsableIncoming: [{ kind: 'noUsableIncoming', host, via: ['a.hoster.test', 'b.hoster.test'] }],
  published: [
    { kind: 'published', host, via: [], servers, skipped: [] },
    { kind: 'published', host, via: ['other.test'], servers: { imap: null, pop3: null, smtp: null }, skipped: SKIPPED },
  ],
  triedFirst: [{ kind: 'triedFirst', notes: [{ kind: 'fetchFailed', fetch: FETCHES.noSuchHost }] }],
  srvNothing: [{ kind: 'srvNothing', domain: 'example.com' }],
  srvLookupFailed: [{ kind: 'srvLookupFailed', domain: 'example.com', failures }],
  srvNoneAnswered: [{ kind: 'srvNoneAnswered', domain: 'example.com' }],
  srvDeclined: [{ kind: 'srvDeclined', name: '_pop3s._tcp.example.com' }],
  srvProbeFailed: Object.values(PROBES).map((probe) => ({ kind: 'srvProbeFailed', name: '_imaps._tcp.example.com', probe })),
  srvUnverified: [{ kind: 'srvUnverified', probe: PROBES.unverified }],
  srvSomeLookupsFailed: [{ kind: 'srvSomeLookupsFailed', failures }],
  servers: [{ kind: 'servers', servers }],
  guessNothing: [{ kind: 'guessNothing', domain: 'example.com' }],
  notKept: [{ kind: 'notKept', probes: [PROBES.unverified, PROBES.noStarttls] }],
};

describe('"How was this found?", in the language shown', () => {
  it('says every sentence in English word for word as main’s English, and in German', () => {
    const notes = Object.values(NOTES).flat();
    expect(notes.length).toBeGreaterThan(60);
    for (const note of notes) {
      const main = stepNotesEnglish([note]);
      expect(stepNotesText([note], english)).toBe(main);
      const inGerman = stepNotesText([note], german);
      expect(inGerman, main).not.toBe(main);
      expect(inGerman).not.toMatch(/[{}]/);
    }
  });

  it('says a step of several sentences one after the other', () => {
    const notes: StepNote[] = [{ kind: 'srvNoneAnswered', domain: 'srv.test' }, { kind: 'srvDeclined', name: '_pop3s._tcp.srv.test' }];
    expect(stepNotesText(notes, german)).toBe('Keiner der Eingangsserver in den DNS-Service-Einträgen von srv.test hat geantwortet. _pop3s._tcp.srv.test sagt, dass dieser Dienst nicht angeboten wird.');
  });

  it('keeps hosts, ports and the words of servers and libraries as they came, with the locale’s digits', () => {
    expect(stepNotesText([{ kind: 'srvProbeFailed', name: '_imaps._tcp.srv.test', probe: PROBES.noAnswerWithin }], german)).toBe(
      'Aus _imaps._tcp.srv.test: imap.example.com:993 hat nicht innerhalb von 0,3 s geantwortet.',
    );
    expect(stepNotesText([{ kind: 'srvProbeFailed', name: '_imaps._tcp.srv.test', probe: PROBES.noAnswerWithin }], english)).toBe(
      'From _imaps._tcp.srv.test: imap.example.com:993 did not answer within 0.3 s.',
    );
    expect(stepNotesText([NOTES.published[1]!], german)).toBe(
      'autoconfig.example.com (umgeleitet nach other.test) hat veröffentlicht: keine Server. Weggelassen: ein leeres <incomingServer>; ein leeres <outgoingServer>; ein Eingangsserver vom Typ „exchange“; ein Ausgangsserver vom Typ „keiner“; ein IMAP-Server ohne Hostnamen; ein POP-Server ohne Hostnamen; ein SMTP-Server ohne Hostnamen; imap.x.test: „99999“ ist keine Portnummer; imap.x.test: unbekannte Art der Verschlüsselung „QUANTUM“ (socketType).',
    );
    expect(stepNotesText(NOTES.providerByDomain, german)).toBe(
      'gmail.com gehört zu Gmail: IMAP bei imap.example.com, Port 993, TLS; POP bei pop.example.com, Port 110, keine Verschlüsselung; Senden über smtp.example.com, Port 587, STARTTLS.',
    );
    expect(stepNotesText([NOTES.unusableFile[1]!], german)).toBe(
      "autoconfig.example.com hat eine Datei veröffentlicht, die Porthole nicht verwenden kann: die Datei ist kein wohlgeformtes XML (Zeile 3: Closing tag 'x' is expected inplace of 'y'.).",
    );
  });
});
