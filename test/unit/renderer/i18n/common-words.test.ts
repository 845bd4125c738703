import { describe, expect, it } from 'vitest';
import { classifyLink, type LinkNotOpened } from '../../../../common/link-policy';
import type { PopRetention } from '../../../../common/model/account';
import { popDecision, type PopDecision } from '../../../../common/model/pop-retention';
import { describeRetention, NO_UIDL_EXPLANATION } from '../../../../common/model/retention-words';
import { parseQuery } from '../../../../common/search/query';
import { errorText } from '../../../../renderer/i18n/error-words';
import { intlFor } from '../../../../renderer/i18n/intl';
import { linkRefusalText } from '../../../../renderer/i18n/link-words';
import { deletionRuleText, popDecisionText } from '../../../../renderer/i18n/pop-decision-words';
import { noUidlText, retentionDetail, retentionTitle, retentionTitleInSentence } from '../../../../renderer/i18n/retention-words';
import { queryProblemText, wordQuery } from '../../../../renderer/i18n/search-problems';

/**
 * What common/ decides and the renderer says: POP retention and decisions, search problems and
 * refused links, in English exactly as before (the e2e tests find the English) and in German.
 */
const en = intlFor({ language: 'en', locale: 'en-GB' });
const de = intlFor({ language: 'de', locale: 'de-DE' });

const CHOICES: PopRetention[] = [{ kind: 'keep' }, { kind: 'delete-after-days', days: 1 }, { kind: 'delete-after-days', days: 14 }, { kind: 'delete-when-deleted-here' }, { kind: 'delete-after-download' }];

describe('POP retention choices', () => {
  it('in English, are common’s words (which main still says) word for word', () => {
    for (const retention of CHOICES) {
      expect(retentionTitle(retention, en)).toBe(describeRetention(retention).title);
      expect(retentionDetail(retention, en)).toBe(describeRetention(retention).detail);
    }
    expect(noUidlText(en)).toBe(NO_UIDL_EXPLANATION);
  });

  it('counts the days with a plural, in both languages', () => {
    expect(retentionTitle({ kind: 'delete-after-days', days: 1 }, en)).toBe('Delete from the server 1 day after downloading');
    expect(retentionTitle({ kind: 'delete-after-days', days: 14 }, en)).toBe('Delete from the server 14 days after downloading');
    expect(retentionTitle({ kind: 'delete-after-days', days: 1 }, de)).toBe('1 Tag nach dem Herunterladen vom Server löschen');
    expect(retentionTitle({ kind: 'delete-after-days', days: 14 }, de)).toBe('14 Tage nach dem Herunterladen vom Server löschen');
    expect(retentionDetail({ kind: 'delete-after-days', days: 1 }, de)).toContain('Andere Geräte haben 1 Tag Zeit');
  });

  it('in German, names the choices as the sandbox’s guide quotes them', () => {
    expect(CHOICES.map((retention) => retentionTitle(retention, de))).toEqual([
      'Nachrichten auf dem Server belassen',
      '1 Tag nach dem Herunterladen vom Server löschen',
      '14 Tage nach dem Herunterladen vom Server löschen',
      'Vom Server löschen, wenn ich sie hier lösche',
      'Direkt nach dem Herunterladen vom Server löschen',
    ]);
    expect(retentionDetail({ kind: 'keep' }, de)).toBe('Ihre anderen Geräte und das Webmail sehen weiterhin jede Nachricht. Das Postfach auf dem Server wächst weiter, bis Sie dort E-Mails löschen.');
    expect(noUidlText(de)).toMatch(/^Dieser Server kann seine Nachrichten nicht benennen .* Mit ihm ist nur „Direkt nach dem Herunterladen vom Server löschen“ möglich\.$/);
  });

  it('main’s error for a server without UIDL is said as the choices are named', () => {
    expect(errorText({ code: 'INVALID_ARGUMENT', message: `POP3: ${NO_UIDL_EXPLANATION}` }, en)).toBe(`POP3: ${NO_UIDL_EXPLANATION}`);
    expect(errorText({ code: 'INVALID_ARGUMENT', message: `POP3: ${NO_UIDL_EXPLANATION}` }, de)).toBe(`POP3: ${noUidlText(de)}`);
    expect(errorText({ code: 'INVALID_ARGUMENT', message: NO_UIDL_EXPLANATION }, de)).toBe(noUidlText(de));
  });

  it('inside a sentence: lower case in English, as they are in German', () => {
    expect(retentionTitleInSentence({ kind: 'keep' }, en)).toBe('leave messages on the server');
    expect(retentionTitleInSentence({ kind: 'delete-when-deleted-here' }, en)).toBe('delete from the server when I delete it here');
    expect(retentionTitleInSentence({ kind: 'keep' }, de)).toBe('Nachrichten auf dem Server belassen');
    expect(retentionTitleInSentence({ kind: 'delete-when-deleted-here' }, de)).toBe('vom Server löschen, wenn ich sie hier lösche');
  });
});

describe('POP decisions in the server panel', () => {
  const DAY = 24 * 60 * 60 * 1000;
  const downloadedAt = Date.UTC(2026, 11, 3, 12);
  const dueAt = Date.UTC(2026, 11, 17, 12);
  const decisions: PopDecision[] = [
    { kind: 'not-downloaded' },
    { kind: 'deleted-by-this-device', deletedAt: downloadedAt, deletedUnder: { kind: 'delete-after-download' } },
    { kind: 'deleted-by-this-device', deletedAt: downloadedAt, deletedUnder: null },
    { kind: 'deleted-elsewhere', goneAt: downloadedAt },
    { kind: 'headers-only' },
    { kind: 'not-stored' },
    { kind: 'kept', downloadedAt, untilDeletedHere: false },
    { kind: 'kept', downloadedAt, untilDeletedHere: true },
    { kind: 'deleted-at-next-check', downloadedAt, deletedHere: true },
    { kind: 'deleted-at-next-check', downloadedAt, deletedHere: false },
    { kind: 'deleted-after', downloadedAt, dueAt },
  ];

  it('in English, as before, with the days in the locale shown', () => {
    expect(decisions.map((decision) => popDecisionText(decision, en))).toEqual([
      'not downloaded yet: the next check downloads it',
      'deleted from the server by this device on 3 Dec (its setting: Delete from the server right after downloading)',
      'deleted from the server by this device on 3 Dec (its setting then was not recorded)',
      'gone from the server since 3 Dec (deleted elsewhere)',
      'only the header is here; kept on the server until the whole message is downloaded',
      'could not be stored here; kept on the server and not downloaded again',
      'downloaded 3 Dec; kept on the server',
      'downloaded 3 Dec; kept on the server until you delete it here',
      'downloaded 3 Dec; deleted here, so the next check deletes it from the server',
      'downloaded 3 Dec; the next check deletes it from the server',
      'downloaded 3 Dec; will be deleted on the check after 17 Dec',
    ]);
    expect(popDecisionText({ kind: 'kept', downloadedAt, untilDeletedHere: false }, intlFor({ language: 'en', locale: 'en-US' }))).toBe('downloaded Dec 3; kept on the server');
  });

  it('in German, with German days', () => {
    expect(decisions.map((decision) => popDecisionText(decision, de))).toEqual([
      'noch nicht heruntergeladen: Der nächste Abruf lädt sie herunter',
      'von diesem Gerät am 3. Dez. vom Server gelöscht (seine Einstellung: Direkt nach dem Herunterladen vom Server löschen)',
      'von diesem Gerät am 3. Dez. vom Server gelöscht (seine damalige Einstellung wurde nicht festgehalten)',
      'seit dem 3. Dez. nicht mehr auf dem Server (anderswo gelöscht)',
      'nur der Kopf ist hier; bleibt auf dem Server, bis die ganze Nachricht heruntergeladen ist',
      'konnte hier nicht gespeichert werden; bleibt auf dem Server und wird nicht erneut heruntergeladen',
      'am 3. Dez. heruntergeladen; bleibt auf dem Server',
      'am 3. Dez. heruntergeladen; bleibt auf dem Server, bis Sie sie hier löschen',
      'am 3. Dez. heruntergeladen; hier gelöscht, daher löscht der nächste Abruf sie vom Server',
      'am 3. Dez. heruntergeladen; der nächste Abruf löscht sie vom Server',
      'am 3. Dez. heruntergeladen; wird beim ersten Abruf nach dem 17. Dez. gelöscht',
    ]);
  });

  it('words what popDecision decides, and the rule of a deletion for the list of deleted messages', () => {
    const state = { uidl: 'u1', messageId: 'local:1', size: 100, contentHash: 'h', messageIdHeader: '<a@b>', firstSeenAt: downloadedAt, downloadedAt, headersOnly: false, deleteRequested: false, serverDeletedAt: null, serverDeletedBy: null };
    expect(popDecisionText(popDecision(state, { kind: 'delete-after-days', days: 14 }, downloadedAt + DAY), de)).toBe('am 3. Dez. heruntergeladen; wird beim ersten Abruf nach dem 17. Dez. gelöscht');
    expect(deletionRuleText({ kind: 'delete-after-days', days: 7 }, en)).toBe('its setting: Delete from the server 7 days after downloading');
    expect(deletionRuleText({ kind: 'delete-after-days', days: 7 }, de)).toBe('seine Einstellung: 7 Tage nach dem Herunterladen vom Server löschen');
    expect(deletionRuleText(null, de)).toBe('seine damalige Einstellung wurde nicht festgehalten');
  });
});

describe('search problems', () => {
  const NOW = new Date(2026, 2, 15, 12).getTime();
  const problemsIn = (text: string, language: 'en' | 'de'): string[] => wordQuery(parseQuery(text, NOW), language === 'en' ? en : de).problems;

  it('in English, word for word as the parser said them before', () => {
    expect(problemsIn('after:tomorrow before:2026-02-30 invoice', 'en')).toEqual([
      '“after:tomorrow” was not understood: write the day as 2026-03-31, today or yesterday.',
      '“before:2026-02-30” was not understood: write the day as 2026-03-31, today or yesterday.',
    ]);
    expect(problemsIn('form:ann from: is:urgent has:pictures', 'en')).toEqual([
      '“form:” is not something the search knows: “form:ann” was searched as words.',
      '“from:” needs something after it, e.g. from:ann.',
      '“is:urgent” was not understood: the search knows is:unread, is:read and is:flagged.',
      '“has:pictures” was not understood: the search knows has:attachment.',
    ]);
    expect(problemsIn('in: -in:Work -before:2026-01-01 -larger:2M larger:huge', 'en')).toEqual([
      '“in:” needs something after it, e.g. in:Archive or in:"Old projects".',
      '“-in:Work” was left out: a search can look in a folder, not around one.',
      '“-before:2026-01-01” was left out: write after: instead.',
      '“-larger:2M” was left out: a search cannot exclude a size.',
      '“larger:huge” was not understood: write a size such as 500k or 2M.',
    ]);
    expect(problemsIn('after:2026-03-10 before:2026-03-10', 'en')).toEqual(['Nothing can be both after and before those days: after: is the first day included, before: the first day left out.']);
    expect(problemsIn('x'.repeat(5_000), 'en')).toEqual(['Only the first 2,000 characters were searched.']);
    expect(problemsIn(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '), 'en')).toEqual(['Only the first 32 words were searched; 8 more were left out.']);
    expect(problemsIn(Array.from({ length: 40 }, (_, i) => `is:x${i}`).join(' '), 'en').at(-1)).toBe('And 36 more parts were not understood.');
  });

  it('in German, the operators and the words they take as typed', () => {
    expect(problemsIn('after:tomorrow form:ann from: is:urgent', 'de')).toEqual([
      '„after:tomorrow“ wurde nicht verstanden: Schreiben Sie den Tag als 2026-03-31, today oder yesterday.',
      '„form:“ kennt die Suche nicht: „form:ann“ wurde als gewöhnlicher Text gesucht.',
      '„from:“ braucht etwas dahinter, z. B. from:anna.',
      '„is:urgent“ wurde nicht verstanden: Die Suche kennt is:unread, is:read und is:flagged.',
    ]);
    expect(problemsIn('-after:today x'.concat(' y'.repeat(32)), 'de')).toEqual(['„-after:today“ wurde weggelassen: Schreiben Sie stattdessen before:.', 'Nur die ersten 32 Wörter wurden gesucht; 1 weiteres wurde weggelassen.']);
    expect(problemsIn('x'.repeat(5_000), 'de')).toEqual(['Nur die ersten 2.000 Zeichen wurden berücksichtigt.']);
    expect(queryProblemText({ kind: 'more-problems', count: 3 }, de)).toBe('Und 3 weitere Teile wurden nicht verstanden.');
    expect(queryProblemText({ kind: 'missing-value', operator: 'in' }, de)).toBe('„in:“ braucht etwas dahinter, z. B. in:Archiv oder in:"Alte Projekte".');
  });
});

describe('refused links', () => {
  const refusalOf = (href: string): LinkNotOpened => {
    const decision = classifyLink(href);
    if (decision.kind !== 'refused') throw new Error(`${href} was not refused`);
    return decision.refusal;
  };
  const HREFS = ['https://example.com/'.padEnd(9_000, 'a'), 'not a url', 'https://user:pass@example.com/', 'mailto:%E0%A4%A@evil.test', 'file:///etc/passwd'];

  it('in English, as before', () => {
    expect(HREFS.map((href) => linkRefusalText(refusalOf(href), en))).toEqual([
      'The link is too long.',
      'The link is not a valid address.',
      'The link hides a user name or password in its address.',
      'The e-mail address in this link is not valid (a broken %-escape).',
      'Links of the kind “file:” are not opened from mail.',
    ]);
    expect(linkRefusalText({ reason: 'mail-link' }, en)).toBe('Mail links open in the composer, not the browser.');
  });

  it('in German', () => {
    expect(HREFS.map((href) => linkRefusalText(refusalOf(href), de))).toEqual([
      'Der Link ist zu lang.',
      'Der Link ist keine gültige Adresse.',
      'Der Link verbirgt einen Benutzernamen oder ein Passwort in seiner Adresse.',
      'Die E-Mail-Adresse in diesem Link ist nicht gültig (eine fehlerhafte %-Kodierung).',
      'Links der Art „file:“ werden aus E-Mails nicht geöffnet.',
    ]);
    expect(linkRefusalText({ reason: 'mail-link' }, de)).toBe('E-Mail-Links werden im Verfassen-Fenster geöffnet, nicht im Browser.');
  });
});
