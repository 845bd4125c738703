import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Events, NewMail } from '../../../../common/contract';
import { PreferencesStore } from '../../../../main/accounts/preferences-store';
import { FileSecretStore } from '../../../../main/accounts/secret-store';
import { CacheClient } from '../../../../main/cache/cache-client';
import { PortholeCore } from '../../../../main/core/porthole-core';
import { badgePixels, badgePng } from '../../../../main/electron/badge-image';
import { notificationBody, showNewMailNotifications } from '../../../../main/electron/new-mail-notifications';
import { unreadBadge } from '../../../../main/electron/unread-badge';
import { announcementSay } from '../../../../main/notify/announcement-say';
import type { AnnouncementWords } from '../../../../common/commands/notify-commands';
import { announcementWordsForMain } from '../../../../renderer/features/notifications/announcement-words';
import { intlFor } from '../../../../renderer/i18n/intl';
import * as electron from '../../../support/fake-electron-notifications';

vi.mock('electron', () => import('../../../support/fake-electron-notifications'));

let profileDir: string;
let core: PortholeCore;
let openRequests: Array<Events['mail:openRequest']>;

beforeEach(async () => {
  electron.resetFakeElectron();
  electron.resetNotifications();
  profileDir = await mkdtemp(join(tmpdir(), 'porthole-notify-'));
  core = new PortholeCore({ profileDir, secrets: new FileSecretStore(profileDir), cache: new CacheClient(), transport: 'electron', version: 'test' });
  openRequests = [];
  core.on('mail:openRequest', (request) => openRequests.push(request));
});

afterEach(async () => {
  await rm(profileDir, { recursive: true, force: true });
});

const ONE: NewMail = { accountId: 'a1', deviceId: 'd1', folderPath: 'INBOX', total: 1, messages: [{ messageId: 'server:INBOX#7', subject: 'Lunch <b>today</b> & tomorrow?', from: 'Ann', date: 1 }] };
const win = (w: electron.BrowserWindow | null) => w as unknown as Electron.BrowserWindow | null;

describe('new mail as system notifications (main/electron/new-mail-notifications.ts)', () => {
  it('shows one notification per mail:new, with the sender and subject as plain text; a click focuses the window and asks it to open the message', () => {
    const window = new electron.BrowserWindow();
    showNewMailNotifications(core, () => win(window), () => undefined, 'darwin', () => null);

    core.emit('mail:new', ONE);

    expect(electron.shown.map((n) => n.options)).toEqual([{ title: 'New mail from Ann', body: 'Lunch <b>today</b> & tomorrow?' }]);
    expect(openRequests).toEqual([]);
    electron.shown[0]!.click();
    expect(window.focused).toBe(1);
    expect(openRequests).toEqual([{ accountId: 'a1', deviceId: 'd1', folderPath: 'INBOX', messageId: 'server:INBOX#7' }]);
  });

  it('groups many in one notification and opens the newest on a click', () => {
    const window = new electron.BrowserWindow();
    showNewMailNotifications(core, () => win(window), () => undefined, 'win32', () => null);
    const messages = [3, 2, 1].map((n) => ({ messageId: `server:INBOX#${n}`, subject: `Subject ${n}`, from: `S${n}`, date: n }));

    core.emit('mail:new', { ...ONE, total: 12, messages });

    expect(electron.shown).toHaveLength(1);
    expect(electron.shown[0]!.options.title).toBe('12 new messages in Inbox');
    expect(electron.shown[0]!.options.body).toBe('S3: Subject 3\nS2: Subject 2\nS1: Subject 1\nand 9 more');
    electron.shown[0]!.click();
    expect(openRequests.map((r) => r.messageId)).toEqual(['server:INBOX#3']);
  });

  it('speaks the window’s language once the window sent its words (notify:setWords), with its plurals; English before', async () => {
    let words: AnnouncementWords | null = null;
    const german = new PortholeCore({ profileDir, secrets: new FileSecretStore(profileDir), cache: new CacheClient(), transport: 'electron', version: 'test', setAnnouncementWords: (sent) => (words = sent) });
    const window = new electron.BrowserWindow();
    showNewMailNotifications(german, () => win(window), () => undefined, 'darwin', () => words);
    const messages = [3, 2, 1].map((n) => ({ messageId: `server:INBOX#${n}`, subject: n === 2 ? '' : `Betreff ${n}`, from: n === 1 ? '' : `S${n}`, date: n }));

    german.emit('mail:new', ONE);
    expect(await german.handle('notify:setWords', announcementWordsForMain(intlFor({ language: 'de', locale: 'de-DE' })))).toEqual({ ok: true, value: null });
    german.emit('mail:new', ONE);
    german.emit('mail:new', { ...ONE, total: 4, messages });

    expect(electron.shown.map((n) => n.options)).toEqual([
      { title: 'New mail from Ann', body: 'Lunch <b>today</b> & tomorrow?' },
      { title: 'Neue Nachricht von Ann', body: 'Lunch <b>today</b> & tomorrow?' },
      { title: '4 neue Nachrichten in Posteingang', body: 'S3: Betreff 3\nS2: (kein Betreff)\nUnbekannter Absender: Betreff 1\nund 1 weitere' },
    ]);
  });

  it('speaks the words the window sent in the last run before a window opens; kept words that fail the check are English', async () => {
    const sent = announcementWordsForMain(intlFor({ language: 'de', locale: 'de-DE' }));
    expect(await core.handle('notify:setWords', sent)).toEqual({ ok: true, value: null });

    // The next start, on the same profile: the words come before any window sends them.
    const kept = await new Promise<AnnouncementWords>((resolve) => {
      new PortholeCore({ profileDir, secrets: new FileSecretStore(profileDir), cache: new CacheClient(), transport: 'electron', version: 'test', setAnnouncementWords: resolve });
    });
    expect(kept).toEqual(sent);
    const restarted = new PortholeCore({ profileDir, secrets: new FileSecretStore(profileDir), cache: new CacheClient(), transport: 'electron', version: 'test' });
    showNewMailNotifications(restarted, () => null, () => undefined, 'darwin', () => kept);
    restarted.emit('mail:new', ONE);
    expect(electron.shown.map((n) => n.options.title)).toEqual(['Neue Nachricht von Ann']);

    // A preferences file edited by hand, with a word of an unknown id: dropped, English until the window sends again.
    const path = join(profileDir, 'preferences.json');
    const stored = JSON.parse(await readFile(path, 'utf8')) as { announcementWords: AnnouncementWords };
    await writeFile(path, JSON.stringify({ ...stored, announcementWords: { ...stored.announcementWords, messages: { ...stored.announcementWords.messages, 'notifications.evil': 'x' } } }));
    expect(await new PreferencesStore(profileDir).announcementWords()).toBeNull();
    await writeFile(path, JSON.stringify(stored));
    expect(await new PreferencesStore(profileDir).announcementWords()).toEqual(sent);
  });

  it('a word the window sent that does not parse is said in English; a command with words of another id is refused', async () => {
    const sent = announcementWordsForMain(intlFor({ language: 'de', locale: 'de-DE' }));
    const say = announcementSay({ ...sent, messages: { ...sent.messages, 'notifications.one.title': 'Neue Nachricht von {sender' } });
    expect(say('notifications.one.title', { sender: 'Ann' })).toBe('New mail from Ann');
    expect(say('notifications.noSubject')).toBe('(kein Betreff)');
    const refused = await core.handle('notify:setWords', { locale: 'de', messages: { ...sent.messages, 'notifications.evil': 'x' } });
    expect(refused.ok).toBe(false);
    // English on a Russian system: English words with English plurals ("21 new messages", not Russian's "one" for 21).
    const english = announcementWordsForMain(intlFor({ language: 'en', locale: 'ru-RU' }));
    expect(announcementSay(english)('notifications.several.title', { count: 21, number: '21', folder: 'Inbox' })).toBe('21 new messages in Inbox');
  });

  it('escapes the body on Linux, whose notification servers read it as markup', () => {
    expect(notificationBody('a <b>bold</b> & more', 'linux')).toBe('a &lt;b&gt;bold&lt;/b&gt; &amp; more');
    expect(notificationBody('a <b>bold</b>', 'darwin')).toBe('a <b>bold</b>');
  });

  it('a click with no window open opens one and asks once its page has loaded', () => {
    let window: electron.BrowserWindow | null = null;
    showNewMailNotifications(core, () => win(window), () => (window = new electron.BrowserWindow()), 'darwin', () => null);
    core.emit('mail:new', ONE);

    electron.shown[0]!.click();
    expect(window).not.toBeNull();
    expect(openRequests).toEqual([]);
    electron.finishLoad(window!.webContents);
    expect(openRequests.map((r) => r.messageId)).toEqual(['server:INBOX#7']);
  });

  it('shows nothing, and does not fail, where the system has no notifications', () => {
    electron.supportNotifications(false);
    showNewMailNotifications(core, () => null, () => undefined, 'linux', () => null);
    expect(() => core.emit('mail:new', ONE)).not.toThrow();
    expect(electron.shown).toEqual([]);
  });
});

describe('the unread count on the icon (main/electron/unread-badge.ts)', () => {
  it('macOS and Linux: app.setBadgeCount, once per change; 0 clears it', () => {
    const badge = unreadBadge('darwin', () => null);
    badge.set(3);
    badge.set(3);
    badge.set(0);
    expect(electron.badgeCounts).toEqual([3, 0]);
  });

  it('Windows: an overlay icon with the number drawn, described in words; cleared at 0; put back on a new window', () => {
    const overlays: Array<{ image: electron.FakeNativeImage | null; description: string }> = [];
    const makeWindow = () => Object.assign(new electron.BrowserWindow(), { setOverlayIcon: (image: electron.FakeNativeImage | null, description: string) => overlays.push({ image, description }) });
    let window = makeWindow();
    const badge = unreadBadge('win32', () => win(window));
    badge.set(120);
    expect(overlays[0]!.description).toBe('99+ unread');
    expect(overlays[0]!.image!.scaleFactor).toBe(2);
    expect(overlays[0]!.image!.png.subarray(1, 4).toString('latin1')).toBe('PNG');
    window = makeWindow();
    badge.windowOpened();
    expect(overlays).toHaveLength(2);
    badge.set(0);
    expect(overlays[2]).toEqual({ image: null, description: '' });
    expect(electron.badgeCounts).toEqual([]);
  });

  it('the drawn PNG holds the pixels drawn: a red disc with white digits, transparent corners', () => {
    const png = badgePng(7);
    // IHDR: 32×32, 8-bit RGBA; IDAT: one filter byte (0) per row, then the row.
    expect(png.readUInt32BE(16)).toBe(32);
    expect(png.readUInt32BE(20)).toBe(32);
    const idatAt = png.indexOf('IDAT');
    const rows = inflateSync(png.subarray(idatAt + 4, idatAt + 4 + png.readUInt32BE(idatAt - 4)));
    const pixels = badgePixels(7);
    for (let y = 0; y < 32; y++) {
      expect(rows[y * 129]).toBe(0);
      expect(Buffer.from(rows.subarray(y * 129 + 1, (y + 1) * 129)).equals(Buffer.from(pixels.subarray(y * 128, (y + 1) * 128)))).toBe(true);
    }
    const at = (x: number, y: number) => [...pixels.subarray((y * 32 + x) * 4, (y * 32 + x) * 4 + 4)];
    expect(at(0, 0)).toEqual([0, 0, 0, 0]);
    expect(at(3, 16)).toEqual([0xd3, 0x2f, 0x2f, 0xff]);
    const white = [...Array(32 * 32).keys()].filter((i) => pixels[i * 4] === 0xff && pixels[i * 4 + 1] === 0xff).length;
    // "7" at scale 4: seven lit cells of the 3×5 glyph, 16 pixels each.
    expect(white).toBe(7 * 16);
  });
});
