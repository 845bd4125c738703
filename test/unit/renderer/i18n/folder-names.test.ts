import { afterEach, describe, expect, it, vi } from 'vitest';
import { LOCAL_FOLDER_IDS, type FolderRecord } from '../../../../common/model/mail';
import { folderName } from '../../../../renderer/i18n/folder-names';

/** The language setting reads localStorage: a stand-in with the chosen language. */
function speak(language: 'en' | 'de'): void {
  vi.stubGlobal('window', { localStorage: { getItem: () => language }, addEventListener: () => undefined, removeEventListener: () => undefined });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

const server = (path: string, role: FolderRecord['role'] = null): Pick<FolderRecord, 'id' | 'origin' | 'path' | 'name' | 'role'> => ({
  id: path,
  origin: 'server',
  path,
  name: path.split('/').at(-1)!,
  role,
});

describe('folder names in the language shown', () => {
  it('says a server’s special-use folder with the standard English name in German, as Thunderbird does', () => {
    speak('de');
    expect(['INBOX', 'Drafts', 'Sent', 'Trash', 'Junk', 'Archive'].map((path) => folderName(server(path, path === 'INBOX' ? 'inbox' : (path.toLowerCase() as FolderRecord['role']))))).toEqual([
      'Posteingang',
      'Entwürfe',
      'Gesendet',
      'Papierkorb',
      'Spam',
      'Archiv',
    ]);
  });

  it('keeps every other name: another name for the role, the English name without the role, a name in another case', () => {
    speak('de');
    expect(folderName(server('Sent Items', 'sent'))).toBe('Sent Items');
    expect(folderName(server('Gesendete Objekte', 'sent'))).toBe('Gesendete Objekte');
    expect(folderName(server('Sent'))).toBe('Sent');
    expect(folderName(server('SENT', 'sent'))).toBe('SENT');
    expect(folderName(server('Work/Sent', 'sent'))).toBe('Gesendet');
    expect(folderName({ ...server('Sent'), role: undefined })).toBe('Sent');
  });

  it('changes nothing in English', () => {
    speak('en');
    expect(['Drafts', 'Sent', 'Trash', 'Junk', 'Archive'].map((path) => folderName(server(path, path.toLowerCase() as FolderRecord['role'])))).toEqual(['Drafts', 'Sent', 'Trash', 'Junk', 'Archive']);
    expect(folderName(server('INBOX', 'inbox'))).toBe('Inbox');
    expect(folderName({ id: LOCAL_FOLDER_IDS.sent, origin: 'local', path: 'Sent', name: 'Sent', role: 'sent' })).toBe('Sent');
  });
});
