import { describe, expect, it } from 'vitest';
import type { NoticeWords } from '../../../../common/contract';
import { ERROR_MESSAGES } from '../../../../common/errors';
import { ANNOUNCEMENT_ENGLISH, announcementText, type AnnouncedMessage } from '../../../../common/model/announcements';
import { announcementSay } from '../../../../main/notify/announcement-say';
import { secretStorageText } from '../../../../renderer/app/use-secret-storage-warning';
import { ANNOUNCEMENT_DEFAULTS, announcementWords } from '../../../../renderer/features/notifications/announcement-words';
import { noticeText } from '../../../../renderer/features/status/notice-words';
import { intlFor } from '../../../../renderer/i18n/intl';
import { serverFolder } from '../../../support/named-folder';
import { problemText } from '../../../../renderer/i18n/problem-words';

// Issue 16: main sends codes with their values; the window words them in the language shown.
const german = intlFor({ language: 'de', locale: 'de' });
const english = intlFor({ language: 'en', locale: 'en' });

describe('notices from main in the language shown', () => {
  const cases: Array<[NoticeWords, string, string]> = [
    [{ kind: 'sent', subject: 'Ferry plan' }, 'Sent “Ferry plan”.', '„Ferry plan“ wurde gesendet.'],
    [{ kind: 'sent', subject: '' }, 'Sent the message without a subject.', 'Die Nachricht ohne Betreff wurde gesendet.'],
    [
      { kind: 'notSent', subject: 'Ferry plan', reason: 'The server refused every recipient.' },
      '“Ferry plan” was not sent: The server refused every recipient. It is in Drafts.',
      '„Ferry plan“ wurde nicht gesendet: The server refused every recipient. Sie liegt unter Entwürfe.',
    ],
    [
      { kind: 'notSentNotKept', subject: '', reason: 'no account', to: 'ann@example.com', text: 'Hello' },
      'the message without a subject was not sent and could not be kept as a draft (no account). To: ann@example.com\n\nHello',
      'Die Nachricht ohne Betreff wurde nicht gesendet und konnte nicht als Entwurf gespeichert werden (no account). An: ann@example.com\n\nHello',
    ],
    [
      { kind: 'stoppedWhileSending', subject: 'Half sent' },
      'Porthole stopped while sending “Half sent”: it may have been sent. It is in Drafts; look in Sent before sending it again.',
      'Porthole wurde beendet, während „Half sent“ gesendet wurde: Die Nachricht wurde möglicherweise bereits gesendet. Sie liegt unter Entwürfe; sehen Sie unter Gesendet nach, bevor Sie sie erneut senden.',
    ],
    [
      { kind: 'sentButRefused', refused: ['a@x.test', 'b@x.test'] },
      'Sent, but the server refused a@x.test, b@x.test: they did not get it. The others did; sending again would give them a second copy.',
      'Gesendet, aber der Server hat a@x.test, b@x.test abgelehnt: Diese Empfänger haben die Nachricht nicht erhalten. Die anderen schon; ein erneutes Senden würde ihnen eine zweite Kopie zustellen.',
    ],
    [
      { kind: 'switchCompleted', device: 'Laptop', to: 'imap' },
      'Laptop: the interrupted switch to IMAP was completed.',
      'Laptop: Der unterbrochene Wechsel zu IMAP wurde abgeschlossen.',
    ],
    [
      { kind: 'popIncomplete', number: 3, received: 10, size: 2000 },
      'Message 3 arrived incomplete (10 of 2000 bytes); it stays on the server and is tried again next time.',
      'Nachricht 3 ist unvollständig angekommen (10 von 2000 Byte); sie bleibt auf dem Server und wird beim nächsten Abruf erneut versucht.',
    ],
    [
      { kind: 'notWatched', folder: serverFolder('Work'), error: { code: 'CONNECTION_LOST', message: ERROR_MESSAGES.CONNECTION_LOST } },
      'Porthole could not watch Work for new mail (The connection to the server was lost.); it is synced when you open it and at each check.',
      'Porthole kann Work nicht auf neue Nachrichten überwachen (Die Verbindung zum Server ist abgebrochen.); der Ordner wird synchronisiert, wenn Sie ihn öffnen, und bei jedem Abruf.',
    ],
  ];

  it('has main’s English word for word, and German', () => {
    for (const [words, en, de] of cases) {
      expect(noticeText(words, english)).toBe(en);
      expect(noticeText(words, german)).toBe(de);
    }
  });

  it('says an error by its code’s words, and a POP message that could not be stored with its size', () => {
    expect(noticeText({ kind: 'error', error: { code: 'AUTH_FAILED', message: ERROR_MESSAGES.AUTH_FAILED } }, german)).toBe('Der Server hat den Benutzernamen oder das Passwort abgelehnt.');
    expect(noticeText({ kind: 'popNotStored', number: 2, size: 16, uidl: null, reason: { kind: 'cacheRefused', detail: 'QuotaExceededError' } }, english)).toBe(
      'Message 2 on the server (16 bytes, UIDL none) could not be stored here: the local cache refused it (QuotaExceededError). It stays on the server and is not downloaded again.',
    );
  });
});

describe('a change the server refused, with its count and folders', () => {
  it('says the count with a plural and a standard folder in the language shown', () => {
    const move = (count: number): NoticeWords => ({ kind: 'changeRefused', change: { kind: 'move', count, folder: serverFolder('INBOX'), toFolder: serverFolder('Trash', 'trash') }, reason: 'NO' });
    expect(noticeText(move(1), english)).toBe('Could not move 1 message from Inbox to Trash: NO');
    expect(noticeText(move(2), english)).toBe('Could not move 2 messages from Inbox to Trash: NO');
    expect(noticeText(move(1), german)).toBe('1 Nachricht konnte nicht von Posteingang nach Papierkorb verschoben werden: NO');
    expect(noticeText(move(3), german)).toBe('3 Nachrichten konnten nicht von Posteingang nach Papierkorb verschoben werden: NO');
    const expunge: NoticeWords = { kind: 'changeRefused', change: { kind: 'expunge', count: 1200, folder: serverFolder('Lists/Rust') }, reason: 'NO' };
    expect(noticeText(expunge, german)).toBe('1.200 Nachrichten konnten nicht aus Lists/Rust gelöscht werden: NO');
  });
});

describe('what an undo could not take back (UndoNote codes of main)', () => {
  it('in English, as main said it, with the plural by count; in German, with German plurals', () => {
    const undone = (notes: NoticeWords & { kind: 'undoneExcept' }, intl: typeof english) => noticeText(notes, intl);
    expect(undone({ kind: 'undoneExcept', notes: [{ kind: 'flagsChangedSince', count: 1 }, { kind: 'movedSince', count: 1200 }] }, english)).toBe(
      'Undone, except: 1 message left as it is: changed again since (here or on another device). 1,200 messages left where they are: moved or deleted again since.',
    );
    expect(undone({ kind: 'undoneExcept', notes: [{ kind: 'uploadedStay', count: 1, folder: serverFolder('Work') }] }, english)).toBe('Undone, except: 1 message uploaded from this computer to Work stays there: move it back by hand.');
    expect(undone({ kind: 'undoneExcept', notes: [{ kind: 'notFoundToMoveBack', count: 2, folder: serverFolder('Trash', 'trash') }] }, english)).toBe(
      'Undone, except: 2 messages could not be found in Trash to move back (the server did not say where it put them); move them back by hand.',
    );
    // A standard folder as the folder list says it; any other by its whole path.
    expect(undone({ kind: 'undoneExcept', notes: [{ kind: 'notFoundToMoveBack', count: 2, folder: serverFolder('Trash', 'trash') }] }, german)).toContain('in Papierkorb nicht gefunden');
    expect(undone({ kind: 'undoneExcept', notes: [{ kind: 'uploadedStay', count: 1, folder: serverFolder('Work/2024') }] }, german)).toContain('nach Work/2024');
    expect(undone({ kind: 'undoneExcept', notes: [{ kind: 'flagsChangedSince', count: 1 }, { kind: 'movedSince', count: 1200 }] }, german)).toBe(
      'Rückgängig gemacht, außer: 1 Nachricht bleibt, wie sie ist: seitdem erneut geändert (hier oder auf einem anderen Gerät). 1.200 Nachrichten bleiben, wo sie sind: seitdem erneut verschoben oder gelöscht.',
    );
    expect(undone({ kind: 'undoneExcept', notes: [{ kind: 'deletedForGood', count: 3 }, { kind: 'serverCopyGone', count: 1 }] }, german)).toBe(
      'Rückgängig gemacht, außer: 3 endgültig gelöschte Nachrichten konnten nicht wiederhergestellt werden. 1 Nachricht ist nur auf diesem Computer zurück: Die Kopie auf dem Server war schon gelöscht („Vom Server löschen, wenn ich sie hier lösche“).',
    );
  });
});

describe('announcements of new mail in the language shown (the web harness’s page)', () => {
  const one = (from: string, subject: string): { total: number; messages: AnnouncedMessage[] } => ({ total: 1, messages: [{ from, subject }] });
  const several = { total: 7, messages: Array.from({ length: 5 }, (_, i) => ({ from: i === 2 ? '' : `S${i}`, subject: i === 3 ? '' : `Re: ${i}` })) };
  const where = { folderPath: 'INBOX', accountAddress: 'bob@example.com' };

  it('in English, are word for word what Electron’s main says before the window sent its words', () => {
    expect(ANNOUNCEMENT_DEFAULTS).toEqual(ANNOUNCEMENT_ENGLISH);
    for (const [mail, path] of [[one('Ann', 'Lunch?'), 'INBOX'], [one('', ''), 'INBOX'], [several, 'INBOX'], [several, 'Lists/Rust']] as const) {
      const english_ = announcementWords(mail, { folderPath: path, accountAddress: 'bob@example.com' }, english);
      expect(english_).toEqual(announcementText(mail, { folderPath: path, accountAddress: 'bob@example.com' }, announcementSay(null)));
    }
    expect(announcementWords(several, { folderPath: 'INBOX', accountAddress: '' }, english).title).toBe('7 new messages in Inbox');
  });

  it('in German: the sender, the count, the inbox’s German name, and how many more', () => {
    expect(announcementWords(one('Ann', 'Lunch?'), where, german)).toEqual({ title: 'Neue Nachricht von Ann', body: 'Lunch?' });
    expect(announcementWords(one('', ''), where, german)).toEqual({ title: 'Neue Nachricht von unbekanntem Absender', body: '(kein Betreff)' });
    expect(announcementWords(several, where, german)).toEqual({
      title: '7 neue Nachrichten in Posteingang – bob@example.com',
      body: 'S0: Re: 0\nS1: Re: 1\nUnbekannter Absender: Re: 2\nS3: (kein Betreff)\nS4: Re: 4\nund 2 weitere',
    });
    expect(announcementWords(several, { folderPath: 'Lists/Rust', accountAddress: '' }, german).title).toBe('7 neue Nachrichten in Rust');
  });
});

describe('where passwords are kept, in the language shown', () => {
  it('says main’s note in English word for word, and in German', () => {
    expect(secretStorageText('harnessFile', english)).toBe('Passwords are stored in a file readable only by your user account (web harness), not in the system keychain.');
    expect(secretStorageText('fixedKey', english)).toBe('No system keyring (GNOME Keyring or KWallet) was found: passwords are encrypted with a fixed key and are only as safe as your user account.');
    expect(secretStorageText('harnessFile', german)).toMatch(/^Passwörter werden in einer Datei gespeichert/);
    expect(secretStorageText('fixedKey', german)).toMatch(/Schlüsselbund/);
  });
});

describe('why a message cannot be shown, in the language shown', () => {
  const popWords = { kind: 'popNotStored', number: 3, size: 2_048, uidl: 'u3', reason: { kind: 'unprocessable', detail: 'bad header' } } as const;

  it('says the stored words: a POP message not stored, an unreadable IMAP answer', () => {
    expect(problemText({ problem: 'main’s English', problemWords: popWords }, english)).toBe(
      'Message 3 on the server (2 KB, UIDL u3) could not be stored here: it could not be processed (bad header). It stays on the server and is not downloaded again.',
    );
    expect(problemText({ problem: 'main’s English', problemWords: popWords }, german)).toBe(
      'Nachricht 3 auf dem Server (2 KB, UIDL u3) konnte hier nicht gespeichert werden: Sie konnte nicht verarbeitet werden (bad header). Sie bleibt auf dem Server und wird nicht erneut heruntergeladen.',
    );
    expect(problemText({ problem: 'x', problemWords: { kind: 'unreadable', uid: 7, reason: { kind: 'malformed', detail: 'BODYSTRUCTURE nested too deep' } } }, german)).toBe(
      'UID 7: Die Antwort des Servers für diese Nachricht konnte nicht gelesen werden: Ihre FETCH-Antwort ist fehlerhaft (BODYSTRUCTURE nested too deep).',
    );
    expect(problemText({ problem: 'x', problemWords: { kind: 'unreadable', uid: 12, reason: { kind: 'connectionLost' } } }, english)).toBe(
      'UID 12: the server’s answer for this message could not be read: the server closed the connection in the middle of it.',
    );
  });

  it('says main’s English for a record stored before the words, or with words this version cannot read; nothing for a readable message', () => {
    expect(problemText({ problem: 'UID 7: the server’s answer for this message could not be read: x.' }, german)).toBe('UID 7: the server’s answer for this message could not be read: x.');
    const hostile = [{ kind: 'unreadable', uid: '7', reason: { kind: 'stalled' } }, { kind: 'unreadable', uid: 7, reason: 'its answer' }, { kind: 'unreadable', uid: 7, reason: { kind: 'malformed', detail: 5 } }, { kind: 'popNotStored', number: 1, size: 1, uidl: null, reason: { kind: 'other', detail: 'x' } }, 'text', null, { kind: 'evil' }];
    for (const words of hostile) expect(problemText({ problem: 'stored English', problemWords: words as never }, german)).toBe('stored English');
    expect(problemText({ problemWords: popWords }, german)).toBeNull();
  });
});
