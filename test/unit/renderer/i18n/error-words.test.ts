import { afterEach, describe, expect, it, vi } from 'vitest';
import { AFTER_CONNECTED_MESSAGES, ERROR_MESSAGES, notConnectedMessage, ONLINE_TASKS, type ErrorCode, type OnlineTask } from '../../../../common/errors';
import { AFTER_CONNECTED_WORDS, ERROR_WORDS, errorText, NOT_CONNECTED_WORDS } from '../../../../renderer/i18n/error-words';

/** The language setting reads localStorage: a stand-in with the chosen language. */
function speak(language: 'en' | 'de'): void {
  vi.stubGlobal('window', { localStorage: { getItem: () => language }, addEventListener: () => undefined, removeEventListener: () => undefined });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('errors from main in the language shown', () => {
  it('has the English of common/errors.ts for every code, word for word', () => {
    for (const [code, words] of Object.entries(ERROR_MESSAGES)) expect(ERROR_WORDS[code as ErrorCode].defaultMessage).toBe(words);
    for (const [code, words] of Object.entries(AFTER_CONNECTED_MESSAGES)) expect(AFTER_CONNECTED_WORDS[code as ErrorCode]?.defaultMessage).toBe(words);
    for (const task of Object.keys(ONLINE_TASKS) as OnlineTask[]) expect(NOT_CONNECTED_WORDS[task].defaultMessage).toBe(notConnectedMessage(task, null));
  });

  it('says work refused offline in German, with the connection’s own error after it', () => {
    speak('de');
    expect(errorText({ code: 'CONNECTION_LOST', message: `IMAP: ${notConnectedMessage('downloadMessage', null)}` })).toBe('IMAP: keine Verbindung zum Server, daher kann diese Nachricht gerade nicht heruntergeladen werden.');
    expect(errorText({ code: 'CONNECTION_LOST', message: `IMAP: ${notConnectedMessage('createFolder', ERROR_MESSAGES.AUTH_FAILED)}` })).toBe(
      'IMAP: keine Verbindung zum Server, daher kann gerade kein Ordner angelegt werden. Der Server hat den Benutzernamen oder das Passwort abgelehnt.',
    );
    // The connection's error as the status keeps it, with its own "IMAP: ": said once.
    expect(errorText({ code: 'CONNECTION_LOST', message: `IMAP: ${notConnectedMessage('createFolder', `IMAP: ${ERROR_MESSAGES.AUTH_FAILED}`)}` })).toBe(
      'IMAP: keine Verbindung zum Server, daher kann gerade kein Ordner angelegt werden. Der Server hat den Benutzernamen oder das Passwort abgelehnt.',
    );
    expect(errorText({ code: 'CONNECTION_LOST', message: `IMAP: ${notConnectedMessage('searchServer', 'NO [UNAVAILABLE] Try later')}` })).toBe(
      'IMAP: keine Verbindung zum Server, daher kann gerade nicht auf dem Server gesucht werden. NO [UNAVAILABLE] Try later',
    );
    speak('en');
    expect(errorText({ code: 'CONNECTION_LOST', message: `IMAP: ${notConnectedMessage('renameFolder', ERROR_MESSAGES.AUTH_FAILED)}` })).toBe(
      'IMAP: not connected to the server, so renaming a folder is not possible right now. The server refused the user name or password.',
    );
  });

  it('says a code’s general words in German, and leaves words made for one case as main wrote them', () => {
    speak('de');
    expect(errorText({ code: 'AUTH_FAILED', message: ERROR_MESSAGES.AUTH_FAILED })).toBe('Der Server hat den Benutzernamen oder das Passwort abgelehnt.');
    expect(errorText({ code: 'CONNECTION_REFUSED', message: AFTER_CONNECTED_MESSAGES.CONNECTION_REFUSED! })).toMatch(/^Der Server nimmt keine Verbindungen mehr an/);
    expect(errorText({ code: 'SERVER_ERROR', message: 'NO [OVERQUOTA] Quota exceeded' })).toBe('NO [OVERQUOTA] Quota exceeded');
    expect(errorText({ code: 'CONNECTION_REFUSED', message: `IMAP: ${ERROR_MESSAGES.CONNECTION_REFUSED}` })).toBe('IMAP: Der Server hat die Verbindung an diesem Port abgelehnt. Prüfen Sie die Portnummer.');
  });

  it('in English, is main’s words', () => {
    speak('en');
    expect(errorText({ code: 'AUTH_FAILED', message: ERROR_MESSAGES.AUTH_FAILED })).toBe(ERROR_MESSAGES.AUTH_FAILED);
  });
});
