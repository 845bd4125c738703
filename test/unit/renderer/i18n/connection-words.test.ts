import { describe, expect, it } from 'vitest';
import type { StatusDetail } from '../../../../common/contract';
import { ERROR_MESSAGES } from '../../../../common/errors';
import { connectionWords, statusDetailText } from '../../../../renderer/features/status/connection-words';
import { intlFor } from '../../../../renderer/i18n/intl';

const german = intlFor({ language: 'de', locale: 'de' });
const english = intlFor({ language: 'en', locale: 'en' });
/** 17:14 local time today. */
const AT = new Date(2026, 11, 5, 17, 14).getTime();

describe('a device’s status line in the language shown', () => {
  it('says main’s fixed words in German, and in English as main wrote them', () => {
    expect(connectionWords({ connection: 'online', detail: { kind: 'connected' }, lastSyncAt: null }, german)).toBe('Online – Verbunden');
    expect(connectionWords({ connection: 'online', detail: { kind: 'connected' }, lastSyncAt: null }, english)).toBe('Online — Connected');
    const fixed: Array<[StatusDetail, string, string]> = [
      [{ kind: 'notConnected' }, 'Not connected', 'Nicht verbunden'],
      [{ kind: 'notChecked' }, 'Not checked yet', 'Noch nicht abgerufen'],
      [{ kind: 'connecting' }, 'Connecting…', 'Verbindung wird hergestellt…'],
      [{ kind: 'stopped' }, 'Stopped', 'Angehalten'],
      [{ kind: 'reconnecting' }, 'Connection lost; reconnecting…', 'Verbindung verloren; neue Verbindung wird hergestellt…'],
      [{ kind: 'checkingMail' }, 'Checking mail…', 'Nachrichten werden abgerufen…'],
      [{ kind: 'downloading', done: 3, total: 1200 }, 'Downloading 3 of 1200…', '3 von 1200 werden heruntergeladen…'],
    ];
    for (const [detail, en, de] of fixed) {
      expect(statusDetailText(detail, null, english)).toBe(en);
      expect(statusDetailText(detail, null, german)).toBe(de);
    }
  });

  it('says when a POP device last checked, the time in the locale shown, and what the check did', () => {
    const checked: StatusDetail = { kind: 'checked', at: AT, downloaded: 8, failed: 0, deleted: 0 };
    expect(statusDetailText(checked, AT, english)).toBe('Last checked 05:14 PM; 8 new');
    expect(statusDetailText(checked, AT, german)).toBe('Zuletzt abgerufen um 17:14; 8 neue Nachrichten');
    const busy: StatusDetail = { kind: 'checked', at: AT, downloaded: 0, failed: 1, deleted: 1200 };
    expect(statusDetailText(busy, AT, english)).toBe('Last checked 05:14 PM; nothing new; 1 could not be stored (see the list); 1200 deleted from the server');
    expect(statusDetailText(busy, AT, german)).toBe('Zuletzt abgerufen um 17:14; nichts Neues; 1 konnte nicht gespeichert werden (siehe Liste); 1200 vom Server gelöscht');
    expect(statusDetailText({ ...checked, downloaded: 1 }, AT, german)).toBe('Zuletzt abgerufen um 17:14; 1 neue Nachricht');
  });

  it('words a general error of main in German, and after a first sync what happened instead of the port hint', () => {
    const auth: StatusDetail = { kind: 'error', error: { code: 'AUTH_FAILED', message: ERROR_MESSAGES.AUTH_FAILED } };
    expect(connectionWords({ connection: 'error', detail: auth, lastSyncAt: null }, german)).toBe('Problem – Der Server hat den Benutzernamen oder das Passwort abgelehnt.');
    const refused: StatusDetail = { kind: 'error', error: { code: 'CONNECTION_REFUSED', message: ERROR_MESSAGES.CONNECTION_REFUSED } };
    expect(connectionWords({ connection: 'offline', detail: refused, lastSyncAt: 1 }, english)).toBe('Offline — The server stopped accepting connections; it may be down or restarting.');
  });

  it('says when the device tries again, IMAP’s and POP’s way', () => {
    const lost: StatusDetail = { kind: 'reconnecting', retry: { inSeconds: 8, words: 'retrying' } };
    expect(statusDetailText(lost, null, english)).toBe('Connection lost; reconnecting… Retrying in 8 s.');
    expect(statusDetailText(lost, null, german)).toBe('Verbindung verloren; neue Verbindung wird hergestellt… Neuer Versuch in 8 s.');
    const busy: StatusDetail = { kind: 'mailboxBusy', retry: { inSeconds: 5, words: 'tryingAgain' } };
    expect(statusDetailText(busy, null, english)).toBe('The mailbox is busy (another program is checking it, or an old session has not ended). Trying again in 5 s.');
    expect(statusDetailText(busy, null, german)).toBe('Das Postfach ist belegt (ein anderes Programm ruft es gerade ab, oder eine frühere Sitzung ist noch nicht beendet). Erneuter Versuch in 5 s.');
  });

  it('names the FETCH that broke the connection, and what is done about it', () => {
    const error = { code: 'SERVER_STALLED' as const, message: ERROR_MESSAGES.SERVER_STALLED };
    const many: StatusDetail = { kind: 'brokenFetch', error, fetch: { uids: [1, 2, 10], range: '1:10' }, outcome: 'isolating', retry: { inSeconds: 1, words: 'retrying' } };
    expect(statusDetailText(many, null, english)).toBe('The server stopped answering in the middle of a response (FETCH of 3 messages (UID 1 to 10)); finding the message that causes it. Retrying in 1 s.');
    const one: StatusDetail = { kind: 'brokenFetch', error, fetch: { uids: [13], range: '13' }, outcome: 'unreadable' };
    expect(statusDetailText(one, null, english)).toBe('The server stopped answering in the middle of a response (FETCH of UID 13); that message is shown as unreadable.');
    expect(statusDetailText(one, null, german)).toBe('Der Server hat mitten in einer Antwort aufgehört zu antworten (FETCH von UID 13); diese Nachricht wird als nicht lesbar angezeigt.');
    const range: StatusDetail = { kind: 'brokenFetch', error, fetch: { uids: [], range: '11:*' }, outcome: 'isolating' };
    expect(statusDetailText(range, null, english)).toMatch(/\(FETCH of UID 11:\*\); finding the message that causes it\.$/);
  });

  it('leaves words main made for the one case (a server’s answer) as main wrote them', () => {
    const answer: StatusDetail = { kind: 'error', error: { code: 'SERVER_ERROR', message: 'IMAP: NO [UNAVAILABLE] Maintenance' } };
    expect(connectionWords({ connection: 'error', detail: answer, lastSyncAt: 1 }, german)).toBe('Problem – IMAP: NO [UNAVAILABLE] Maintenance');
  });
});
