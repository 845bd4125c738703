import { afterEach, describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../common/model/account';
import { LOCAL_FOLDER_IDS, serverFolderId } from '../../common/model/mail';
import type { DeviceCache } from '../../renderer/cache-host/schema';
import { startCore, type CoreFixture } from '../support/core-fixture';
import { openCacheForReading } from '../support/in-process-cache-host';
import { waitFor } from '../support/wait';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

async function value<T>(result: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new Error(settled.error.message);
  return settled.value;
}

const INBOX = serverFolderId('INBOX');

function deviceDb(account: AccountSummary, name: string): { db: DeviceCache; ref: { accountId: string; deviceId: string } } {
  const device = account.devices.find((d) => d.name === name)!;
  return { db: openCacheForReading(device.dbName), ref: { accountId: account.id, deviceId: device.id } };
}

async function subjects(db: DeviceCache, folderId: string): Promise<string[]> {
  return (await db.messages.where('folderId').equals(folderId).toArray()).map((m) => m.subject).sort();
}

async function started(profileDir?: string): Promise<CoreFixture> {
  const fixture = await startCore(profileDir);
  cleanups.push(() => fixture.dispose());
  return fixture;
}

describe('the sandbox as an account in the app', () => {
  it('"Try the sandbox" opens its sample mailbox over IMAP, through the same login checks as any account', async () => {
    const fixture = await started();
    expect((await value(fixture.core.handle('sandbox:state', null))).running).toBe(false);
    const account = await value(fixture.core.handle('sandbox:try', null));
    expect(account).toMatchObject({ sandbox: true, displayName: 'You (sandbox)', address: 'you@sandbox.test', imap: { host: '127.0.0.1', security: 'none' }, pop3: { host: '127.0.0.1' } });
    expect(account.devices.map((d) => [d.name, d.mode])).toEqual([['Laptop', 'imap']]);
    const { db } = deviceDb(account, 'Laptop');
    await waitFor(async () => (await subjects(db, INBOX)).includes('Welcome to the Porthole sandbox') || undefined, 'the sample inbox');
    expect((await db.folders.toArray()).map((f) => f.role).filter(Boolean).sort()).toEqual(['drafts', 'inbox', 'junk', 'sent', 'trash']);
    const state = await value(fixture.core.handle('sandbox:state', null));
    expect(state.running).toBe(true);
    expect(state.users.map((u) => u.address)).toEqual(['you@sandbox.test', 'ana@sandbox.test', 'ben@sandbox.test']);
    // A second click gives the same account.
    expect((await value(fixture.core.handle('sandbox:try', null))).id).toBe(account.id);
  });

  it('"Demonstrate" adds a Phone on POP that downloads the same inbox the Laptop shows over IMAP; scenario 3 plays out', async () => {
    const fixture = await started();
    const account = await value(fixture.core.handle('sandbox:demonstrate', null));
    expect(account.devices.map((d) => [d.name, d.mode]).sort()).toEqual([['Laptop', 'imap'], ['Phone', 'pop3']]);
    const laptop = deviceDb(account, 'Laptop');
    const phone = deviceDb(account, 'Phone');
    // Both done: the Laptop's INBOX sync and the Phone's first check (its downloads commit in batches).
    await waitFor(() => fixture.events['sync:progress'].find((p) => p.deviceId === laptop.ref.deviceId && p.folderPath === 'INBOX' && p.phase === 'done'), 'the Laptop inbox');
    await waitFor(() => fixture.events['device:status'].find((s) => s.deviceId === phone.ref.deviceId && s.detail.kind === 'checked'), 'the Phone download');
    const laptopInbox = await subjects(laptop.db, INBOX);
    expect(laptopInbox.length).toBeGreaterThan(5);
    expect(await subjects(phone.db, LOCAL_FOLDER_IDS.inbox)).toEqual(laptopInbox);

    // Scenario 3: the Phone deletes right after download; a new message reaches it and never stays for the Laptop.
    await value(fixture.core.handle('device:configure', { ...phone.ref, pop: { retention: { kind: 'delete-after-download' }, checkEveryMinutes: null, headersOnlyOverBytes: null } }));
    const before = new Set(await subjects(phone.db, LOCAL_FOLDER_IDS.inbox));
    await value(fixture.core.handle('sandbox:sendMail', null));
    await value(fixture.core.handle('device:sync', phone.ref));
    const arrived = (await subjects(phone.db, LOCAL_FOLDER_IDS.inbox)).filter((s) => !before.has(s));
    expect(arrived).toHaveLength(1);
    await value(fixture.core.handle('device:sync', laptop.ref));
    // Deleted right after download: the Laptop may have seen it arrive over IDLE, but it is gone from the server, so from the Laptop too.
    await waitFor(async () => !(await subjects(laptop.db, INBOX)).includes(arrived[0]!) || undefined, 'the message gone from the Laptop');
  });

  it('survives a restart: the sandbox comes back on new ports with its mailbox, and the account follows it', async () => {
    const first = await startCore();
    const account = await value(first.core.handle('sandbox:try', null));
    const laptop = deviceDb(account, 'Laptop');
    await waitFor(async () => (await subjects(laptop.db, INBOX)).length > 5 || undefined, 'the sample inbox');
    await value(first.core.handle('sandbox:sendMail', null));
    await value(first.core.handle('device:sync', laptop.ref));
    const withNewMail = await subjects(laptop.db, INBOX);
    await first.stop();

    const second = await started(first.profileDir);
    const [moved] = await value(second.core.handle('accounts:list', null));
    expect(moved!.imap!.port).not.toBe(account.imap!.port);
    await waitFor(() => second.events['device:status'].find((s) => s.deviceId === laptop.ref.deviceId && s.connection === 'online'), 'the Laptop online again');
    await value(second.core.handle('device:sync', laptop.ref));
    expect(await subjects(laptop.db, INBOX)).toEqual(withNewMail);
  });

  it('in a German window, the sample mail is German from the start, and a reset from an English one writes it in English', async () => {
    const fixture = await started();
    const account = await value(fixture.core.handle('sandbox:try', { imap: 'Laptop', pop3: 'Smartphone', language: 'de' }));
    expect(account.displayName).toBe('Sie (Sandbox)');
    const laptop = deviceDb(account, 'Laptop');
    await waitFor(async () => (await subjects(laptop.db, INBOX)).includes('Willkommen in der Porthole-Sandbox') || undefined, 'the German sample inbox');
    expect(await subjects(laptop.db, INBOX)).toEqual(expect.arrayContaining(['Mittagessen am Freitag?', 'Re: Mittagessen am Freitag?', 'Folien für Donnerstag']));
    // New mail from the correspondents is German too.
    await value(fixture.core.handle('sandbox:sendMail', null));
    await value(fixture.core.handle('device:sync', laptop.ref));
    const german = ['Kurze Frage', 'Kaffee nachher?', 'Fotos von Samstag', 'Planänderung', 'Hast du das gesehen?'];
    await waitFor(async () => (await subjects(laptop.db, INBOX)).some((s) => german.includes(s)) || undefined, 'German mail from a correspondent');

    await value(fixture.core.handle('sandbox:reset', { language: 'en' }));
    await value(fixture.core.handle('device:sync', laptop.ref));
    await waitFor(async () => (await subjects(laptop.db, INBOX)).includes('Welcome to the Porthole sandbox') || undefined, 'the English sample inbox');
    expect(await subjects(laptop.db, INBOX)).not.toContain('Willkommen in der Porthole-Sandbox');
  });

  it('reset brings the sample back; switches and the mail timer are shown in the state', async () => {
    const fixture = await started();
    const account = await value(fixture.core.handle('sandbox:try', null));
    const laptop = deviceDb(account, 'Laptop');
    await waitFor(async () => (await subjects(laptop.db, INBOX)).length > 5 || undefined, 'the sample inbox');
    const sample = await subjects(laptop.db, INBOX);
    const welcome = (await laptop.db.messages.toArray()).find((m) => m.subject === 'Welcome to the Porthole sandbox')!;
    await value(fixture.core.handle('messages:delete', { ...laptop.ref, messageIds: [welcome.id] }));
    await value(fixture.core.handle('sandbox:sendMail', null));

    const state = await value(fixture.core.handle('sandbox:reset', null));
    expect(state.running).toBe(true);
    await value(fixture.core.handle('device:sync', laptop.ref));
    await waitFor(async () => JSON.stringify(await subjects(laptop.db, INBOX)) === JSON.stringify(sample) || undefined, 'the sample inbox again');

    const switched = await value(fixture.core.handle('sandbox:setPersonality', { popMarksSeen: false }));
    expect(switched.personality.popMarksSeen).toBe(false);
    expect(fixture.events['sandbox:state'].at(-1)!.personality.popMarksSeen).toBe(false);
    expect(await fixture.core.handle('sandbox:setPersonality', { loginDelayMs: -1 })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect((await value(fixture.core.handle('sandbox:mailTimer', { everySeconds: 5 }))).mailEverySeconds).toBe(5);
    const count = (await subjects(laptop.db, INBOX)).length;
    // The correspondents write by themselves; IDLE brings it to the Laptop.
    await waitFor(async () => (await subjects(laptop.db, INBOX)).length > count || undefined, 'mail from the timer', 15_000);
    expect((await value(fixture.core.handle('sandbox:mailTimer', { everySeconds: null }))).mailEverySeconds).toBeNull();
  });
});
