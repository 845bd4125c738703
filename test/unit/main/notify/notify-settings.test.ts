import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PreferencesStore } from '../../../../main/accounts/preferences-store';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'porthole-notify-settings-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('announcement settings kept with the preferences (main/accounts/preferences-store.ts)', () => {
  it('keeps an account and its folders on or off across a restart, next to the other preferences', async () => {
    const store = new PreferencesStore(dir);
    await store.setRemoteContentSender('ann@example.test', true);
    await store.setNotifySetting('a1', 'Lists/rust', true);
    await store.setNotifySetting('a1', null, false);
    const again = new PreferencesStore(dir);
    expect(await again.notifySettings()).toEqual({ accounts: { a1: { enabled: false, folders: { 'Lists/rust': true } } } });
    expect(await again.remoteContentSenders()).toEqual(['ann@example.test']);
    // Turned back on, the account keeps its folders' choices.
    expect((await again.setNotifySetting('a1', null, true)).accounts.a1).toEqual({ enabled: true, folders: { 'Lists/rust': true } });
  });

  it('quick changes made at once all land, in order', async () => {
    const store = new PreferencesStore(dir);
    await Promise.all(['A', 'B', 'C', 'D'].map((folder, i) => store.setNotifySetting('a1', folder, i % 2 === 0)));
    const stored = JSON.parse(await readFile(join(dir, 'preferences.json'), 'utf8')) as { notify: unknown };
    expect(stored.notify).toEqual({ accounts: { a1: { enabled: true, folders: { A: true, B: false, C: true, D: false } } } });
  });

  it('a preferences file from before (no notify part) or with a malformed one gives the defaults, and keeps what it had', async () => {
    await writeFile(join(dir, 'preferences.json'), JSON.stringify({ remoteContentSenders: ['x@example.test'], notify: { accounts: { a1: { enabled: 'yes' }, a2: { enabled: false, folders: { INBOX: 1, Sent: true } } } } }));
    const store = new PreferencesStore(dir);
    expect(await store.notifySettings()).toEqual({ accounts: { a2: { enabled: false, folders: { Sent: true } } } });
    expect(await store.remoteContentSenders()).toEqual(['x@example.test']);
    await writeFile(join(dir, 'preferences.json'), 'null');
    expect(await new PreferencesStore(dir).notifySettings()).toEqual({ accounts: {} });
  });

  it('forgets a removed account', async () => {
    const store = new PreferencesStore(dir);
    await store.setNotifySetting('a1', null, false);
    await store.forgetAccount('a1');
    expect(await new PreferencesStore(dir).notifySettings()).toEqual({ accounts: {} });
  });
});
