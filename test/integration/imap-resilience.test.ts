import { afterEach, describe, expect, inject, it } from 'vitest';
import type { SyncProgress } from '../../common/contract';
import { FLAG_SEEN, serverFolderId } from '../../common/model/mail';
import { openCacheForReading } from '../support/in-process-cache-host';
import { createUser, seedMessages, startTestServers } from '../servers';
import { accountDraft, addAccount, startCore } from '../support/core-fixture';
import { numberedMessages } from '../support/fixtures';
import { otherImapClient, serverFlags, serverSubjects } from '../support/other-client';
import { TcpProxy } from '../support/tcp-proxy';
import { waitFor } from '../support/wait';

const servers = inject('servers');
const INBOX = serverFolderId('INBOX');
const cleanups: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

describe('IMAP when the connection or the server goes away', () => {
  it('queues changes made while the server is down, keeps them across a restart of the app, and replays them', async () => {
    // A private server: this test stops it.
    const own = await startTestServers();
    cleanups.push(() => own.stop());
    const user = await createUser(own.info);
    await seedMessages(own.info, user, 'INBOX', numberedMessages(3));
    let fixture = await startCore();
    const profileDir = fixture.profileDir;
    cleanups.push(() => fixture.dispose());
    const { db, ref } = await addAccount(fixture, accountDraft(own.info, user, 'tls'));
    await waitFor(async () => (await db.messages.count()) === 3 && (await db.folders.get(serverFolderId('Trash'))), 'the initial sync');

    await own.stopDovecot();
    await waitFor(() => fixture.events['device:status'].at(-1)?.connection !== 'online' || undefined, 'the client to notice the server is gone');
    const messages = (await db.messages.toArray()).sort((a, b) => a.uid! - b.uid!);
    // What needs the server now fails at once, saying so, instead of hanging.
    const openOffline = await fixture.core.handle('message:open', { ...ref, messageId: messages[2]!.id });
    expect(openOffline).toMatchObject({ ok: false, error: { code: 'CONNECTION_LOST' } });
    expect(await fixture.core.handle('folder:create', { ...ref, parentPath: null, name: 'Offline' })).toMatchObject({ ok: false, error: { code: 'CONNECTION_LOST' } });
    expect(await fixture.core.handle('messages:flag', { ...ref, messageIds: [messages[0]!.id], add: [FLAG_SEEN], remove: [] })).toMatchObject({ ok: true, value: { undoId: expect.any(String) as unknown } });
    expect(await fixture.core.handle('messages:delete', { ...ref, messageIds: [messages[1]!.id] })).toMatchObject({ ok: true, value: { undoId: expect.any(String) as unknown } });
    // The UI already shows both changes; the server has neither.
    expect((await db.messages.get(messages[0]!.id))!.seen).toBe(1);
    expect(await db.messages.get(messages[1]!.id)).toBeUndefined();
    expect(await db.pendingOps.count()).toBe(2);
    expect(fixture.events['device:status'].at(-1)?.pendingChanges).toBe(2);

    // Quit and start again while the server is still down: the queue is in the cache, not in memory.
    await fixture.stop();
    fixture = await startCore(profileDir);
    expect(await openCacheForReading(db.name).pendingOps.count()).toBe(2);

    await own.startDovecot();
    await waitFor(async () => (await db.pendingOps.count()) === 0, 'the queue to be replayed after the server came back', 45_000);
    const other = await otherImapClient(own.info, user);
    cleanups.push(() => other.logout());
    expect((await serverFlags(other, 'INBOX')).get(messages[0]!.uid!)).toContain(FLAG_SEEN);
    expect(await serverSubjects(other, 'INBOX')).not.toContain(messages[1]!.subject);
    expect(await serverSubjects(other, 'Trash')).toContain(messages[1]!.subject);
    expect(fixture.events.notice.filter((n) => n.level === 'error')).toEqual([]);
  });

  it('resumes an initial sync cut by a dropped connection, without fetching anything twice', async () => {
    const user = await createUser(servers);
    const count = 6_000;
    await seedMessages(servers, user, 'INBOX', numberedMessages(count));
    const proxy = await new TcpProxy(servers.imap.tlsPort).start();
    cleanups.push(() => proxy.stop());
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    // Cut at the very event (not at the next poll): a poll could come after the last batch.
    let cutAt = -1;
    const cut = new Promise<SyncProgress>((resolve) => {
      fixture.core.on('sync:progress', (p) => {
        if (cutAt >= 0 || p.phase !== 'headers' || p.done < 1_000) return;
        proxy.cutAll();
        cutAt = fixture.events['sync:progress'].length;
        resolve(p);
      });
    });
    const draft = accountDraft(servers, user, 'tls');
    const { db } = await addAccount(fixture, { ...draft, incoming: { ...draft.incoming, port: proxy.port } });

    const beforeCut = await cut;
    await waitFor(() => fixture.events['device:status'].slice(-3).some((s) => s.connection !== 'online') || undefined, 'the client to notice the drop');
    await waitFor(async () => (await db.messages.count()) === count, 'every header after reconnecting', 60_000);

    // The last batch reports 'done'.
    const after = fixture.events['sync:progress'].slice(cutAt).filter((p) => p.folderPath === 'INBOX' && p.phase !== 'download');
    // It went on from where it was: no step after the cut started again from the top.
    expect(after.length).toBeGreaterThan(0);
    expect(Math.min(...after.map((p) => p.done))).toBeGreaterThanOrEqual(beforeCut.done);
    const uids = (await db.messages.toArray()).map((m) => m.uid);
    expect(new Set(uids).size).toBe(count);
    expect(Math.min(...(uids as number[]))).toBe(1);
    expect((await db.folders.get(INBOX))?.backfillBelowUid).toBe(0);
  });
});
