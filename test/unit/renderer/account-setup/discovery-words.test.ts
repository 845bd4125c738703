import { describe, expect, it } from 'vitest';
import {
  discoveryWarningEnglish,
  foundWhereEnglish,
  passwordNoteEnglish,
  type DiscoveryWarningWords,
  type FoundWhere,
  type PasswordNote,
} from '../../../../common/model/discovery';
import { PROVIDERS } from '../../../../main/discovery/providers';
import { discoveryWarningText, foundWhereText, passwordNoteText } from '../../../../renderer/features/account-setup/discovery-words';
import { intlFor } from '../../../../renderer/i18n/intl';

// Issue 16: what discovery found and warns about travels as values; the window says it in its language.
const german = intlFor({ language: 'de', locale: 'de' });
const english = intlFor({ language: 'en', locale: 'en' });

const WHERE: FoundWhere[] = [
  { kind: 'providerList', provider: 'Gmail' },
  { kind: 'providerListByMx', provider: 'Google Workspace', domain: 'example.com', mxHost: 'aspmx.l.google.com' },
  { kind: 'autoconfig', domain: 'example.com' },
  { kind: 'srv', domain: 'example.com' },
  { kind: 'guess' },
];
const WARNINGS: DiscoveryWarningWords[] = [
  { kind: 'plaintext', service: 'imap', host: 'mail.example.com', port: 143 },
  { kind: 'plaintext', service: 'pop3', host: 'mail.example.com', port: 110 },
  { kind: 'plaintext', service: 'smtp', host: 'mail.example.com', port: 25 },
  { kind: 'outsideDomain', namedIn: 'autoconfig', domain: 'example.com', hosts: ['mail.hoster.test', 'smtp.hoster.test'] },
  { kind: 'outsideDomain', namedIn: 'srv', domain: 'example.com', hosts: ['mail.hoster.test'] },
  { kind: 'fetchedElsewhere', domain: 'example.com', via: ['autoconfig.hoster.test'] },
  { kind: 'oauthUnknown', host: 'imap.example.com' },
];
// Every note the shipped provider table gives.
const NOTES: PasswordNote[] = PROVIDERS.flatMap((provider) => (provider.passwordNote ? [provider.passwordNote] : []));

describe('what discovery found, in the language shown', () => {
  it('says every kind in English word for word as main’s English, and in German', () => {
    const cases: Array<[string, string, string]> = [
      ...WHERE.map((w): [string, string, string] => [foundWhereText(w, english), foundWhereEnglish(w), foundWhereText(w, german)]),
      ...WARNINGS.map((w): [string, string, string] => [discoveryWarningText(w, english), discoveryWarningEnglish(w), discoveryWarningText(w, german)]),
      ...NOTES.map((n): [string, string, string] => [passwordNoteText(n, english), passwordNoteEnglish(n), passwordNoteText(n, german)]),
    ];
    expect(NOTES.length).toBeGreaterThanOrEqual(10);
    for (const [said, main, inGerman] of cases) {
      expect(said).toBe(main);
      expect(inGerman).not.toBe(main);
      expect(inGerman).not.toMatch(/[{}]/);
    }
  });

  it('keeps host and provider names as they are', () => {
    expect(foundWhereText({ kind: 'providerList', provider: 'Gmail' }, german)).toBe('in Portholes Liste der Anbieter (Gmail)');
    expect(discoveryWarningText({ kind: 'plaintext', service: 'imap', host: 'mail.example.com', port: 143 }, german)).toBe(
      'Der IMAP-Server mail.example.com, Port 143, ist unverschlüsselt: Ihr Passwort und Ihre Nachrichten würden für jeden auf dem Weg lesbar durch das Netzwerk gehen.',
    );
    expect(passwordNoteText({ kind: 'switchOnAccess', provider: 'WEB.DE' }, german)).toBe(
      'Verwenden Sie Ihr WEB.DE-Passwort, sobald in den Einstellungen von WEB.DE der „Zugriff über POP3 und IMAP“ eingeschaltet ist.',
    );
  });
});
