import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '../../../../common/errors';
import { refusalEnglish, type Refusal, type RefusalKind } from '../../../../common/model/refusals';
import { refusedError } from '../../../../main/protocols/protocol-error';
import { errorText } from '../../../../renderer/i18n/error-words';
import { intlFor } from '../../../../renderer/i18n/intl';
import { refusalText } from '../../../../renderer/i18n/refusal-words';

// Issue 16: what main refuses travels as a kind with values; the window says it in its language.
const german = intlFor({ language: 'de', locale: 'de' });
const english = intlFor({ language: 'en', locale: 'en' });

const endpoint = { host: 'mail.example.com', port: 143, security: 'none' } as const;
/** A folder of the user's own name: said as it is in every language (standard folders: below). */
const work = { id: 'Work', origin: 'server', path: 'Work', name: 'Work', role: null } as const;
const trash = { id: 'Trash', origin: 'server', path: 'Trash', name: 'Trash', role: 'trash' } as const;
const failure = { kind: 'answered', error: 'invalid_grant', description: 'Token expired' } as const;

/** At least one of every kind (the type makes a missing kind a compile error), and both sides of each choice. */
const SAMPLES: { [K in RefusalKind]: Array<Extract<Refusal, { kind: K }>> } = {
  searchTooManyTerms: [{ kind: 'searchTooManyTerms', max: 40, count: 41 }],
  searchNoSuchFolders: [{ kind: 'searchNoSuchFolders', folders: ['Work', 'Old/2019'] }],
  searchConnectionLost: [
    { kind: 'searchConnectionLost', folder: work, cause: { code: 'CONNECTION_LOST', message: ERROR_MESSAGES.CONNECTION_LOST } },
    { kind: 'searchConnectionLost', folder: work, cause: { code: 'CONNECTION_LOST', message: refusalEnglish({ kind: 'notConnectedNow' }), refusal: { kind: 'notConnectedNow' } } },
  ],
  searchNotAskable: [{ kind: 'searchNotAskable', detail: 'Invalid character in search' }],
  searchBadCharset: [{ kind: 'searchBadCharset', folder: work }],
  searchRefused: [
    { kind: 'searchRefused', folder: work, response: 'NO [LIMIT]' },
    { kind: 'searchRefused', folder: work, response: null },
  ],
  popCannotSearch: [{ kind: 'popCannotSearch' }],
  messageNotCached: [{ kind: 'messageNotCached' }],
  messageLargerThanDownloaded: [{ kind: 'messageLargerThanDownloaded', limit: 50 * 1024 * 1024 }],
  messageBeingMoved: [{ kind: 'messageBeingMoved' }],
  messageDeletedOnServer: [{ kind: 'messageDeletedOnServer' }],
  downloadConnectionLost: [{ kind: 'downloadConnectionLost', done: 1536 * 1024, size: 12 * 1024 * 1024 }],
  folderRecreatedWhileDownloading: [{ kind: 'folderRecreatedWhileDownloading' }],
  messageSizeChangedWhileDownloading: [{ kind: 'messageSizeChangedWhileDownloading', from: 2048, to: 4096 }],
  rangeFromElsewhere: [{ kind: 'rangeFromElsewhere', asked: 1048576, origin: 0 }],
  rangeWrongLength: [{ kind: 'rangeWrongLength', sent: 3000, asked: 1024 }],
  rangePastAnnounced: [{ kind: 'rangePastAnnounced', max: 2_500_000 }],
  imapPartsTooLarge: [{ kind: 'imapPartsTooLarge' }],
  notInPieces: [{ kind: 'notInPieces' }],
  partsUnreadable: [{ kind: 'partsUnreadable', detail: 'Unexpected end of input' }],
  noLocalFolder: [{ kind: 'noLocalFolder', path: 'Receipts' }],
  badFolderName: [{ kind: 'badFolderName', name: 'a/b', delimiter: '/' }],
  folderExists: [{ kind: 'folderExists', path: 'Receipts' }],
  standardFolderKeepsName: [{ kind: 'standardFolderKeepsName', folder: { ...work, name: 'Projects' } }],
  standardFolderStays: [{ kind: 'standardFolderStays', folder: work }],
  messageNoLongerHere: [{ kind: 'messageNoLongerHere' }],
  bodyNotStored: [{ kind: 'bodyNotStored' }],
  onlyHeaderServerGone: [{ kind: 'onlyHeaderServerGone' }],
  sourceNotStored: [{ kind: 'sourceNotStored' }],
  tooLargeToForward: [{ kind: 'tooLargeToForward', size: 80 * 1024 * 1024 }],
  popNotStored: [{ kind: 'popNotStored', reason: { kind: 'cacheRefused', detail: 'QuotaExceededError' } }],
  popCountsDisagree: [{ kind: 'popCountsDisagree', command: 'UIDL', stat: 1200, count: 1199 }],
  accountNotFound: [{ kind: 'accountNotFound' }],
  accountRemovedWhileSigningIn: [{ kind: 'accountRemovedWhileSigningIn' }],
  deviceNotFound: [{ kind: 'deviceNotFound' }],
  accountOrDeviceNotFound: [{ kind: 'accountOrDeviceNotFound' }],
  deviceNameTaken: [{ kind: 'deviceNameTaken', name: 'Laptop' }],
  noServerYet: [{ kind: 'noServerYet', mode: 'pop3' }],
  noServerSetUp: [{ kind: 'noServerSetUp', mode: 'imap' }],
  noUidlDeleteOnly: [{ kind: 'noUidlDeleteOnly' }],
  onlyDevice: [{ kind: 'onlyDevice' }],
  imapSettingsOnly: [{ kind: 'imapSettingsOnly' }],
  retentionPopOnly: [{ kind: 'retentionPopOnly' }],
  identityAddressesRepeat: [{ kind: 'identityAddressesRepeat' }],
  identityIdsRepeat: [{ kind: 'identityIdsRepeat' }],
  addressSetUp: [{ kind: 'addressSetUp', address: 'ann@example.com' }],
  addressSetUpOnServer: [{ kind: 'addressSetUpOnServer', address: 'ann@example.com', account: 'Work mail' }],
  accountClosed: [{ kind: 'accountClosed' }],
  notConnectedNow: [{ kind: 'notConnectedNow' }],
  switchRunning: [{ kind: 'switchRunning' }],
  alreadyUses: [{ kind: 'alreadyUses', device: 'Phone', mode: 'imap' }],
  noImapToSwitchFrom: [{ kind: 'noImapToSwitchFrom' }],
  previewCancelled: [{ kind: 'previewCancelled' }],
  switchUndone: [{ kind: 'switchUndone', detail: 'ENOSPC: no space left on device' }],
  switchNeedsUidl: [{ kind: 'switchNeedsUidl' }],
  switchChangesPending: [{ kind: 'switchChangesPending' }],
  identityGone: [{ kind: 'identityGone' }],
  noRecipient: [{ kind: 'noRecipient' }],
  tooLargeForServer: [{ kind: 'tooLargeForServer', size: 26 * 1024 * 1024, host: 'smtp.example.com', limit: 25 * 1024 * 1024 }],
  tooLateToUndo: [{ kind: 'tooLateToUndo' }],
  dryRunPopOnly: [{ kind: 'dryRunPopOnly' }],
  notAccountServer: [{ kind: 'notAccountServer', endpoint }],
  unencryptedSecret: [
    { kind: 'unencryptedSecret', endpoint, secret: 'password' },
    { kind: 'unencryptedSecret', endpoint, secret: 'signIn' },
  ],
  secretNeverSent: [
    { kind: 'secretNeverSent', endpoint: { ...endpoint, security: 'tls', port: 993 }, secret: 'password' },
    { kind: 'secretNeverSent', endpoint: { ...endpoint, security: 'starttls' }, secret: 'signIn' },
  ],
  oauthNoPassword: [{ kind: 'oauthNoPassword' }],
  oauthOtherServer: [{ kind: 'oauthOtherServer', endpoint }],
  oauthNotOffered: [
    { kind: 'oauthNotOffered', service: 'imap', host: 'imap.example.com', offered: null },
    { kind: 'oauthNotOffered', service: 'smtp', host: 'smtp.example.com', offered: ['PLAIN', 'LOGIN'] },
  ],
  controlCharacters: [
    { kind: 'controlCharacters', what: 'user name' },
    { kind: 'controlCharacters', what: 'access token' },
  ],
  oauthNotGiven: [{ kind: 'oauthNotGiven', provider: 'Google', failure }],
  oauthNoRenewal: [{ kind: 'oauthNoRenewal', provider: 'Google' }],
  oauthNoLongerAccepted: [{ kind: 'oauthNoLongerAccepted', provider: 'Google', failure: { kind: 'answered', error: 'invalid_grant', description: null } }],
  oauthNotRenewed: [
    { kind: 'oauthNotRenewed', provider: 'Microsoft', failure: { kind: 'timedOut', seconds: 30 } },
    { kind: 'oauthNotRenewed', provider: 'Microsoft', failure: { kind: 'timedOut', seconds: 1 } },
  ],
  oauthPageNotOpened: [{ kind: 'oauthPageNotOpened', provider: 'Google', detail: 'no browser' }],
  oauthNoHttpsPage: [
    { kind: 'oauthNoHttpsPage', provider: 'Example', endpoint: 'http://login.example.com/authorize' },
    { kind: 'oauthNoHttpsPage', provider: 'Example', endpoint: null },
  ],
  oauthBrowserTimedOut: [
    { kind: 'oauthBrowserTimedOut', provider: 'Google', minutes: 15 },
    { kind: 'oauthBrowserTimedOut', provider: 'Google', minutes: 1 },
    { kind: 'oauthBrowserTimedOut', provider: 'Google', minutes: 0 },
  ],
  oauthStateMismatch: [{ kind: 'oauthStateMismatch' }],
  oauthAccessDenied: [
    { kind: 'oauthAccessDenied', provider: 'Google', description: 'The user denied access' },
    { kind: 'oauthAccessDenied', provider: 'Google', description: null },
  ],
  oauthNotSignedIn: [{ kind: 'oauthNotSignedIn', provider: 'Google', failure: { kind: 'other', detail: 'fetch failed (ECONNRESET)' } }],
  oauthCancelled: [{ kind: 'oauthCancelled' }],
  oauthNoSignInHeld: [{ kind: 'oauthNoSignInHeld' }],
  oauthGrantExpired: [{ kind: 'oauthGrantExpired' }],
  oauthUnknownProvider: [{ kind: 'oauthUnknownProvider', provider: 'yahoo' }],
  oauthNoClientId: [{ kind: 'oauthNoClientId', provider: 'Google', file: 'oauth-clients.json' }],
  oauthSettingsUnread: [{ kind: 'oauthSettingsUnread', issuer: 'https://login.example.com', failure }],
  oauthOtherAddress: [{ kind: 'oauthOtherAddress', signedInAs: 'bob@example.com', address: 'ann@example.com' }],
  oauthOtherProvider: [{ kind: 'oauthOtherProvider', provider: 'microsoft' }],
  oauthGrantOtherProvider: [{ kind: 'oauthGrantOtherProvider', grant: 'google', wanted: 'microsoft' }],
};
const samples: Refusal[] = Object.values(SAMPLES).flat();

describe('refusals from main in the language shown', () => {
  it('says every refusal in English word for word as main’s message', () => {
    for (const refusal of samples) expect(refusalText(refusal, english)).toBe(refusalEnglish(refusal));
  });

  it('says every refusal in German, with nothing left in English but names and a server’s or library’s own words', () => {
    for (const refusal of samples) {
      const said = refusalText(refusal, german);
      expect(said, refusal.kind).not.toBe(refusalEnglish(refusal));
      expect(said, refusal.kind).not.toMatch(/[{}]/);
    }
    expect(refusalText({ kind: 'searchTooManyTerms', max: 40, count: 41 }, german)).toBe(
      'Der Server wird nach höchstens 40 Wörtern und Operatoren auf einmal durchsucht; diese Suche hat 41. Nur die Nachrichten auf diesem Computer wurden durchsucht.',
    );
    expect(refusalText({ kind: 'folderExists', path: 'Belege' }, german)).toBe('Einen Ordner „Belege“ gibt es bereits.');
    expect(refusalText({ kind: 'tooLargeForServer', size: 6.5 * 1024 * 1024, host: 'smtp.example.com', limit: 5 * 1024 * 1024 }, german)).toBe(
      'Diese Nachricht ist beim Senden 6,5 MB groß; smtp.example.com nimmt höchstens 5 MB an. Entfernen Sie einen Anhang, oder teilen Sie stattdessen einen Link auf die Datei.',
    );
    expect(refusalText({ kind: 'unencryptedSecret', endpoint, secret: 'password' }, german)).toBe(
      'mail.example.com, Port 143, unverschlüsselt: Das Passwort würde für jeden auf dem Weg lesbar durch das Netzwerk gehen. Bestätigen Sie, dass Sie es unverschlüsselt senden möchten, oder wählen Sie TLS.',
    );
    expect(refusalText({ kind: 'noUidlDeleteOnly' }, german)).toMatch(/^Dieser Server hat kein UIDL: Mit ihm funktioniert nur „.+“\.$/);
    expect(refusalText({ kind: 'oauthNotRenewed', provider: 'Microsoft', failure: { kind: 'timedOut', seconds: 1 } }, german)).toBe(
      'Porthole konnte die Anmeldung bei Microsoft nicht erneuern: der Anbieter hat nicht innerhalb von 1 Sekunde geantwortet.',
    );
  });

  it('says a refusal it wraps in the same language', () => {
    const wrapped: Refusal = { kind: 'searchConnectionLost', folder: work, cause: { code: 'CONNECTION_LOST', message: refusalEnglish({ kind: 'notConnectedNow' }), refusal: { kind: 'notConnectedNow' } } };
    expect(refusalText(wrapped, german)).toMatch(/durchsucht\. IMAP: Gerade besteht keine Verbindung zum Server\.$/);
    // A cause with the general words of its code, through errorText: German to the end.
    const lost = refusedError('CONNECTION_LOST', { kind: 'searchConnectionLost', folder: work, cause: { code: 'CONNECTION_LOST', message: `IMAP: ${ERROR_MESSAGES.CONNECTION_LOST}` } }).wire;
    expect(errorText(lost, german)).toMatch(/durchsucht\. IMAP: Die Verbindung zum Server ist abgebrochen\.$/);
  });

  it('names a standard folder as the folder list does', () => {
    expect(refusalText({ kind: 'standardFolderStays', folder: trash }, german)).toBe('Papierkorb ist ein Standardordner und kann nicht gelöscht werden.');
    expect(refusalText({ kind: 'searchBadCharset', folder: { ...trash, id: 'INBOX', path: 'INBOX', name: 'INBOX', role: 'inbox' } }, german)).toMatch(/^Der Server kann Posteingang nicht/);
  });

  it('reaches the window through errorText; a kind it does not know shows main’s English', () => {
    const error = refusedError('INVALID_ARGUMENT', { kind: 'deviceNameTaken', name: 'Laptop' }).wire;
    expect(error.message).toBe('This account already has a device called “Laptop”.');
    expect(errorText(error, german)).toBe('Dieses Konto hat bereits ein Gerät namens „Laptop“.');
    expect(errorText(error, english)).toBe(error.message);
    const newer = { code: 'INVALID_ARGUMENT', message: 'Something a newer main says.', refusal: { kind: 'fromTheFuture' } } as unknown as Parameters<typeof errorText>[0];
    expect(errorText(newer, german)).toBe('Something a newer main says.');
  });

  it('keeps the error’s details beside its refusal', () => {
    const error = refusedError('SERVER_ERROR', { kind: 'searchBadCharset', folder: work }, { service: 'imap' }).wire;
    expect(error).toEqual({ code: 'SERVER_ERROR', message: refusalEnglish({ kind: 'searchBadCharset', folder: work }), refusal: { kind: 'searchBadCharset', folder: work }, details: { service: 'imap' } });
  });
});
