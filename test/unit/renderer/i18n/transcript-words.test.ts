import { describe, expect, it } from 'vitest';
import { connectionEnglish, transcriptAsText, type TranscriptConnection, type TranscriptEntry, type TranscriptRole } from '../../../../common/model/transcript';
import { intlFor } from '../../../../renderer/i18n/intl';
import { connectionText } from '../../../../renderer/i18n/transcript-words';

/**
 * The transcript's connections: main sends what each is (device, role), the window words it.
 * English stays exactly what main used to write (e2e and integration tests, and users' exported
 * files, know those words); the exported file stays English in every language.
 */
const en = intlFor({ language: 'en', locale: 'en-GB' });
const de = intlFor({ language: 'de', locale: 'de-DE' });

/** Every role, with the words main wrote before the roles became values. */
const BEFORE: Array<[TranscriptConnection, string]> = [
  [{ device: null, role: 'loginCheck' }, 'login check'],
  [{ device: null, role: 'serverPanel' }, 'server panel'],
  [{ device: 'Laptop', role: 'sync' }, 'Laptop · sync'],
  [{ device: 'Laptop', role: 'idle', folder: 'INBOX' }, 'Laptop · IDLE INBOX'],
  [{ device: 'Laptop', role: 'send' }, 'Laptop · send'],
  [{ device: 'Laptop', role: 'switch' }, 'Laptop · switch'],
  [{ device: 'Phone', role: 'check' }, 'Phone · check'],
  [{ device: 'Phone', role: 'dryRun' }, 'Phone · dry run'],
];

const entry = (seq: number, connection: TranscriptConnection, direction: TranscriptEntry['direction'], text: string): TranscriptEntry => ({
  seq,
  at: Date.UTC(2024, 0, 2, 3, 4, 5, seq),
  service: connection.role === 'send' ? 'smtp' : connection.role === 'check' || connection.role === 'dryRun' ? 'pop3' : 'imap',
  connection,
  direction,
  text,
});

describe('a transcript connection', () => {
  it('in English, is word for word what main wrote, in the window and in common', () => {
    for (const [connection, words] of BEFORE) {
      expect(connectionText(connection, en)).toBe(words);
      expect(connectionEnglish(connection)).toBe(words);
    }
  });

  it('in German, is in German', () => {
    expect(connectionText({ device: null, role: 'loginCheck' }, de)).toBe('Anmeldeprüfung');
    expect(connectionText({ device: null, role: 'serverPanel' }, de)).toBe('Serverbereich');
    expect(connectionText({ device: 'Laptop', role: 'sync' }, de)).toBe('Laptop · Synchronisierung');
    expect(connectionText({ device: 'Laptop', role: 'idle', folder: 'Archive' }, de)).toBe('Laptop · Überwachung von Archive');
    expect(connectionText({ device: 'Laptop', role: 'send' }, de)).toBe('Laptop · Senden');
    expect(connectionText({ device: 'Laptop', role: 'switch' }, de)).toBe('Laptop · Umstellung');
    expect(connectionText({ device: 'Phone', role: 'check' }, de)).toBe('Phone · Abruf');
    expect(connectionText({ device: 'Phone', role: 'dryRun' }, de)).toBe('Phone · Probelauf');
  });

  it('of a role this version does not know is shown as main sent it, never an exception', () => {
    const unknown = { device: 'Tablet', role: 'pushRelay' as TranscriptRole };
    for (const intl of [en, de]) {
      expect(connectionText(unknown, intl)).toBe('Tablet · pushRelay');
      expect(connectionText({ device: null, role: 'pushRelay' as TranscriptRole }, intl)).toBe('pushRelay');
      expect(() => connectionText('Laptop · sync' as unknown as TranscriptConnection, intl)).not.toThrow();
      expect(() => connectionText(null as unknown as TranscriptConnection, intl)).not.toThrow();
      expect(() => connectionText({ device: 7, role: 3 } as unknown as TranscriptConnection, intl)).not.toThrow();
    }
    expect(connectionEnglish(unknown)).toBe('Tablet · pushRelay');
    expect(() => transcriptAsText([entry(1, unknown, 'note', 'hello')])).not.toThrow();
  });
});

describe('the exported transcript', () => {
  it('is the text file it always was: English connections, one line per entry', () => {
    const entries = [
      entry(1, { device: null, role: 'loginCheck' }, 'client', 'a1 LOGIN you ********'),
      entry(2, { device: 'Laptop', role: 'sync' }, 'server', '* OK ready'),
      entry(3, { device: 'Laptop', role: 'idle', folder: 'INBOX' }, 'client', 'a2 IDLE'),
      entry(4, { device: 'Laptop', role: 'send' }, 'client', 'MAIL FROM:<you@example.org>'),
      entry(5, { device: 'Phone', role: 'dryRun' }, 'note', 'connected'),
    ];
    expect(transcriptAsText(entries)).toBe(
      [
        '2024-01-02T03:04:05.001Z IMAP [login check] C: a1 LOGIN you ********',
        '2024-01-02T03:04:05.002Z IMAP [Laptop · sync] S: * OK ready',
        '2024-01-02T03:04:05.003Z IMAP [Laptop · IDLE INBOX] C: a2 IDLE',
        '2024-01-02T03:04:05.004Z SMTP [Laptop · send] C: MAIL FROM:<you@example.org>',
        '2024-01-02T03:04:05.005Z POP3 [Phone · dry run] -- connected',
        '',
      ].join('\n'),
    );
  });
});
