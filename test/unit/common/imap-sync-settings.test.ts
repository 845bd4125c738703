import { describe, expect, it } from 'vitest';
import { DEVICE_COMMANDS } from '../../../common/commands/device-commands';
import { DEFAULT_IMAP_SYNC_SETTINGS, imapSyncOf, isKeptOffline, MAX_WATCHED_FOLDERS } from '../../../common/model/account';

const configure = DEVICE_COMMANDS['device:configure'].params;
const ref = { accountId: 'a1', deviceId: 'd1' };

describe('IMAP sync settings', () => {
  it('default to what a device did before they existed: the inbox kept and watched, bodies when opened, no periodic check', () => {
    expect(DEFAULT_IMAP_SYNC_SETTINGS).toEqual({ checkEveryMinutes: null, offlineFolders: { kind: 'some', paths: ['INBOX'] }, bodies: { kind: 'headers-only' }, idleFolders: ['INBOX'] });
    expect(imapSyncOf({})).toBe(DEFAULT_IMAP_SYNC_SETTINGS);
    expect(imapSyncOf({ imapSync: null })).toBe(DEFAULT_IMAP_SYNC_SETTINGS);
    const mine = { ...DEFAULT_IMAP_SYNC_SETTINGS, checkEveryMinutes: 5 };
    expect(imapSyncOf({ imapSync: mine })).toBe(mine);
  });

  it('keep a folder offline when every folder is kept or it is listed', () => {
    expect(isKeptOffline({ offlineFolders: { kind: 'all' } }, 'Archive')).toBe(true);
    expect(isKeptOffline({ offlineFolders: { kind: 'some', paths: ['INBOX'] } }, 'INBOX')).toBe(true);
    expect(isKeptOffline({ offlineFolders: { kind: 'some', paths: ['INBOX'] } }, 'Archive')).toBe(false);
  });

  it('device:configure takes POP settings as before, or IMAP sync settings', () => {
    expect(configure.safeParse({ ...ref, pop: { retention: { kind: 'keep' }, checkEveryMinutes: 10, headersOnlyOverBytes: null } }).success).toBe(true);
    expect(configure.safeParse({ ...ref, imapSync: DEFAULT_IMAP_SYNC_SETTINGS }).success).toBe(true);
    const all = { checkEveryMinutes: 1_440, offlineFolders: { kind: 'all' }, bodies: { kind: 'recent-days', days: 3_650 }, idleFolders: Array.from({ length: MAX_WATCHED_FOLDERS }, (_, i) => `F${i}`) };
    expect(configure.safeParse({ ...ref, imapSync: all }).success).toBe(true);
    expect(configure.safeParse(ref).success).toBe(false);
  });

  it('device:configure refuses what a device cannot do: too many watched folders, no days, a zero interval, an empty path', () => {
    const refused = [
      { idleFolders: Array.from({ length: MAX_WATCHED_FOLDERS + 1 }, (_, i) => `F${i}`) },
      { bodies: { kind: 'recent-days', days: 0 } },
      { bodies: { kind: 'recent-days' } },
      { bodies: { kind: 'newest' } },
      { checkEveryMinutes: 0 },
      { checkEveryMinutes: 1.5 },
      { offlineFolders: { kind: 'some', paths: [''] } },
      { offlineFolders: { kind: 'some' } },
      { idleFolders: [''] },
    ];
    for (const change of refused) expect(configure.safeParse({ ...ref, imapSync: { ...DEFAULT_IMAP_SYNC_SETTINGS, ...change } }).success, JSON.stringify(change)).toBe(false);
  });
});
