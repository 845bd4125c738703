import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openPop3 } from '../../main/protocols/pop3/pop3-connection';
import { waitFor } from '../support/wait';
import { fetchOne, status } from './support/imap-helpers';
import { startSandbox, type SandboxFixture } from './support/sandbox-fixture';

const fixtures: SandboxFixture[] = [];
afterEach(async () => {
  for (const fixture of fixtures.splice(0)) await fixture.dispose();
});

async function sandbox(options: Parameters<typeof startSandbox>[0] = {}): Promise<SandboxFixture> {
  const started = await startSandbox(options);
  fixtures.push(started);
  return started;
}

async function popUidls(fixture: SandboxFixture): Promise<string[]> {
  const { user, password } = fixture.login('you');
  const { session } = await openPop3({ endpoint: { host: '127.0.0.1', port: fixture.server.info.pop3Port, security: 'none', user }, password, trusted: [] });
  const uidls = (await session.uidl()) ?? [];
  await session.quit();
  return uidls.map((entry) => entry.uidl);
}

describe('the sandbox keeps its mailbox in the data directory', () => {
  it('keeps mail, flags, folders, UIDVALIDITY, passwords and personality across a restart', async () => {
    const fixture = await sandbox();
    const passwords = fixture.server.info.users.map((u) => u.password);
    const client = await fixture.imap('you');
    await client.mailboxCreate('Kept');
    const appended = await client.append('Kept', Buffer.from('Subject: keep me\r\n\r\nbody\r\n'), ['\\Flagged']);
    await client.mailboxOpen('INBOX');
    await client.messageFlagsAdd('3', ['$Label1'], { uid: true });
    await client.messageDelete('1', { uid: true });
    await fixture.server.setPersonality({ popMarksSeen: false, loginDelayMs: 5 });
    const inboxBefore = structuredClone(fixture.server.store.folder('you', 'INBOX'));

    const restarted = await fixture.restart();
    expect(restarted.info.users.map((u) => u.password)).toEqual(passwords);
    expect(restarted.personality()).toMatchObject({ popMarksSeen: false, loginDelayMs: 5 });
    expect(restarted.store.folder('you', 'INBOX')).toEqual(inboxBefore);
    const again = await fixture.imap('you');
    const kept = await status(again, 'Kept', { messages: true, uidValidity: true });
    expect(kept).toMatchObject({ messages: 1, uidValidity: appended && appended.uidValidity });
    await again.mailboxOpen('Kept');
    const fetched = await fetchOne(again, '1', { source: true, flags: true }, { uid: true });
    expect(fetched.source?.toString()).toBe('Subject: keep me\r\n\r\nbody\r\n');
    expect(fetched.flags).toEqual(new Set(['\\Flagged']));
  });

  it('loads after a crash mid-write: leftover temporary files and unreferenced message files are cleaned, no message is lost', async () => {
    const fixture = await sandbox();
    const before = structuredClone(fixture.server.store.folders('you'));
    await fixture.stop();
    const userDir = join(fixture.dataDir, 'mail', 'you');
    // What a crash can leave: a half-written index and message file, a message file no index names yet.
    await writeFile(join(userDir, 'index.json.0123456789ab.tmp'), '{"version": 1, "folders": [');
    await writeFile(join(userDir, 'blobs', `${'ab'.repeat(32)}.eml.0123456789ab.tmp`), 'Subject: half');
    await writeFile(join(userDir, 'blobs', `${'cd'.repeat(32)}.eml`), 'Subject: never indexed\r\n\r\n');
    const restarted = await fixture.restart();
    expect(restarted.store.folders('you')).toEqual(before);
    expect((await readdir(userDir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect((await readdir(join(userDir, 'blobs'))).filter((name) => name.endsWith('.tmp') || name.startsWith('cdcd'))).toEqual([]);
    for (const folder of restarted.store.folders('you')) {
      for (const message of folder.messages) expect((await restarted.store.readRaw('you', message)).length).toBe(message.size);
    }
  });
});

describe('concurrent changes through every protocol', () => {
  it('gives every message its own ascending UID and loses none, also across a restart', async () => {
    const fixture = await sandbox();
    const before = fixture.server.store.folder('you', 'INBOX')!.messages.length;
    const clients = await Promise.all([fixture.imap('you'), fixture.imap('you'), fixture.imap('you')]);
    const appends = clients.flatMap((client, c) => Array.from({ length: 15 }, (_, i) => client.append('INBOX', Buffer.from(`Subject: parallel ${c}-${i}\r\n\r\nbody\r\n`))));
    const deliveries = Array.from({ length: 10 }, () => fixture.server.sendSampleMail('ana', 'you'));
    const results = await Promise.all([...appends, ...deliveries]);
    const inbox = fixture.server.store.folder('you', 'INBOX')!;
    expect(inbox.messages).toHaveLength(before + 55);
    const uids = inbox.messages.map((m) => m.uid);
    expect([...uids].sort((a, b) => a - b)).toEqual(uids);
    expect(new Set(uids).size).toBe(uids.length);
    expect(new Set(results.map((r) => (r && 'uid' in r ? r.uid : 0))).size).toBe(55);
    const snapshot = structuredClone(inbox);
    await fixture.restart();
    expect(fixture.server.store.folder('you', 'INBOX')).toEqual(snapshot);
  });
});

describe('reset() brings back the sample state', () => {
  it('restores every folder and message, gives new UIDVALIDITYs, disconnects sessions, and stays reset after a restart', async () => {
    const fixture = await sandbox();
    const sample = fixture.server.store.folders('you').map((f) => [f.name, f.specialUse, f.messages.length, f.messages.map((m) => m.flags)]);
    const uidValidity = fixture.server.store.folder('you', 'INBOX')!.uidValidity;
    const client = await fixture.imap('you');
    await client.mailboxCreate('Scratch');
    await client.mailboxOpen('INBOX');
    await client.messageMove('1:5', 'Scratch', { uid: true });
    await fixture.server.sendSampleMail('ana', 'you');
    let closed = false;
    client.on('close', () => (closed = true));

    await fixture.server.reset();
    await waitFor(() => closed, 'the IMAP session to be told and closed');
    const restored = fixture.server.store.folders('you').map((f) => [f.name, f.specialUse, f.messages.length, f.messages.map((m) => m.flags)]);
    expect(restored).toEqual(sample);
    expect(fixture.server.store.folder('you', 'INBOX')!.uidValidity).toBeGreaterThan(uidValidity);

    await fixture.restart();
    expect(fixture.server.store.folders('you').map((f) => [f.name, f.specialUse, f.messages.length, f.messages.map((m) => m.flags)])).toEqual(sample);
    const again = await fixture.imap('you');
    expect((await status(again, 'INBOX', { messages: true })).messages).toBe(10);
  });

  it('keeps the sample UIDLs with "stable" UIDLs, and gives new ones with "changes-on-reset"', async () => {
    const fixture = await sandbox();
    expect(fixture.server.personality().uidlFormat).toBe('stable');
    const first = await popUidls(fixture);
    await fixture.server.reset();
    expect(await popUidls(fixture)).toEqual(first);

    await fixture.server.setPersonality({ uidlFormat: 'changes-on-reset' });
    await fixture.server.reset();
    const changed = await popUidls(fixture);
    expect(changed).toHaveLength(first.length);
    expect(changed.filter((uidl) => first.includes(uidl))).toEqual([]);
    // Every UIDL is unique in the maildrop, also next to new mail (RFC 1939 §7).
    await fixture.server.sendSampleMail('ben', 'you');
    const withNew = await popUidls(fixture);
    expect(new Set(withNew).size).toBe(withNew.length);
  });
});
