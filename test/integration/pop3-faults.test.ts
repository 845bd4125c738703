import { afterEach, describe, expect, inject, it } from 'vitest';
import type { CacheHostRequest } from '../../common/cache-protocol';
import type { PopRetention } from '../../common/model/account';
import { createUser, doveadm, makeMessage, seedMessages, startTestServers } from '../servers';
import { addAccount, popAccountDraft, startCore } from '../support/core-fixture';
import { fixtureMail, numberedMessages } from '../support/fixtures';
import { openCacheForReading, type CacheHostHooks } from '../support/in-process-cache-host';
import { Pop3FaultProxy, type Pop3Fault } from '../support/pop3-fault-proxy';
import { poplibView } from '../support/poplib';
import { nextEventNumber } from '../support/timeline';
import { holdMaildrop } from '../support/pop3-lock';
import { waitFor } from '../support/wait';
import { statusEnglish } from '../support/main-words';

const servers = inject('servers');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

const SUBJECTS = ['Message 1', 'Message 2', 'Message 3', 'Message 4'];

function storesPopState(request: CacheHostRequest): string[] {
  if (request.kind !== 'apply') return [];
  return request.ops.flatMap((op) => (op.op === 'putPopStates' ? op.states.filter((s) => s.downloadedAt !== null).map((s) => s.uidl) : []));
}

/**
 * Adds a POP account whose first check breaks at `fault` (or whose app dies before a commit),
 * "restarts the app" on the same profile, runs a clean check, and returns what the server and
 * the cache then hold, and how many downloads the first app had committed when it died.
 */
async function crashAndRecover(fault: Pop3Fault | 'hold-second-commit', retention: PopRetention) {
  const user = await createUser(servers);
  await seedMessages(servers, user, 'INBOX', numberedMessages(4));
  const relay = await new Pop3FaultProxy(servers.pop3.stlsPort).start();
  cleanups.push(() => relay.stop());
  let downloadCommits = 0;
  let held = false;
  const committedBeforeCrash = new Set<string>();
  const hooks: CacheHostHooks = {
    beforeApply: (request) => {
      if (fault !== 'hold-second-commit' || storesPopState(request).length === 0) return 'apply';
      downloadCommits += 1;
      if (downloadCommits === 2) held = true;
      return held ? 'hold' : 'apply';
    },
    afterCommit: (request) => storesPopState(request).forEach((uidl) => committedBeforeCrash.add(uidl)),
  };
  relay.fault = fault === 'hold-second-commit' ? null : fault;
  const first = await startCore(undefined, { hooks });
  cleanups.push(() => first.dispose());
  const draft = popAccountDraft(servers, user, 'none', { retention, checkEveryMinutes: null });
  const { ref, db } = await addAccount(first, { ...draft, incoming: { ...draft.incoming, port: relay.port } });
  // The check at start-up breaks where the fault says; then the app dies there.
  await waitFor(() => (fault === 'hold-second-commit' ? held : first.events['device:status'].some((s) => s.connection === 'offline' && s.detail.kind !== 'notChecked')) || undefined, 'the broken check', 20_000);
  first.crash();
  relay.cutAll();
  relay.fault = null;
  const retrBefore = relay.count('RETR');

  const second = await startCore(first.profileDir);
  cleanups.push(() => second.dispose());
  await waitFor(async () => {
    const result = await second.core.handle('device:sync', ref);
    return result.ok && second.events['device:status'].at(-1)?.detail.kind === 'checked';
  }, 'a clean check after the restart', 30_000);
  const local = (await openCacheForReading(db.name).messages.toArray()).map((m) => m.subject);
  const onServer = (await poplibView(servers, user)).messages.map((m) => m.subject);
  return { user, local, onServer, relay, retrAfterRestart: relay.count('RETR') - retrBefore, committedBeforeCrash: committedBeforeCrash.size };
}

function expectEachExactlyOnceSomewhere(local: string[], onServer: string[]): void {
  expect(new Set(local).size, `local copies: ${local.join(', ')}`).toBe(local.length);
  for (const subject of SUBJECTS) expect(local.includes(subject) || onServer.includes(subject), subject).toBe(true);
}

describe('POP3 invariant 2: a crash or a drop at any point loses nothing and downloads nothing twice', () => {
  // [crash point, fault, whether every download had committed when the app died]
  const cases: Array<[string, Pop3Fault | 'hold-second-commit', boolean]> = [
    ['before the first RETR', { at: 'command', command: 'RETR', nth: 1 }, false],
    ['in the middle of a RETR', { at: 'response', command: 'RETR', nth: 2, bytes: 60 }, false],
    ['after a RETR, before its cache commit', 'hold-second-commit', false],
    ['after the commits, before DELE', { at: 'command', command: 'DELE', nth: 1 }, true],
    // The login check of account:add sends the first QUIT; the check's is the second.
    ['after DELE, before QUIT', { at: 'command', command: 'QUIT', nth: 2 }, true],
  ];
  it.each(cases)('with “delete right after download”, the app dies %s', async (_name, fault, allCommitted) => {
    const { local, onServer, retrAfterRestart, committedBeforeCrash } = await crashAndRecover(fault, { kind: 'delete-after-download' });
    expectEachExactlyOnceSomewhere(local, onServer);
    // After the clean check every message is here, and the server let go of all of them.
    expect(local.sort()).toEqual(SUBJECTS);
    expect(onServer).toEqual([]);
    if (allCommitted) expect(committedBeforeCrash).toBe(SUBJECTS.length);
    else expect(committedBeforeCrash).toBeLessThan(SUBJECTS.length);
    // Exactly what had not been committed was downloaded again: nothing twice, nothing skipped.
    expect(retrAfterRestart).toBe(SUBJECTS.length - committedBeforeCrash);
  });

  it('downloads again only what was not committed (drop after two commits)', async () => {
    const { retrAfterRestart, local, committedBeforeCrash } = await crashAndRecover({ at: 'response', command: 'RETR', nth: 3, bytes: 10 }, { kind: 'keep' });
    expect(committedBeforeCrash).toBe(2);
    expect(retrAfterRestart).toBe(2);
    expect(local.sort()).toEqual(SUBJECTS);
  });

  it('a session cut after DELE but before QUIT deletes nothing on the server', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(2));
    const relay = await new Pop3FaultProxy(servers.pop3.stlsPort).start();
    cleanups.push(() => relay.stop());
    relay.fault = { at: 'command', command: 'QUIT', nth: 2 };
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const draft = popAccountDraft(servers, user, 'none', { retention: { kind: 'delete-after-download' } });
    await addAccount(fixture, { ...draft, incoming: { ...draft.incoming, port: relay.port } });
    await waitFor(() => relay.count('QUIT') >= 2 || undefined, 'the cut QUIT');
    expect(relay.count('DELE')).toBe(2);
    expect((await poplibView(servers, user)).count).toBe(2);
  });
});

describe('POP3 invariant 1: no DELE before the message is committed here', () => {
  it('every DELE comes after the commit of that message’s download', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(6));
    const numberToUidl = new Map((await poplibView(servers, user)).messages.map((m, i) => [i + 1, m.uidl]));
    const relay = await new Pop3FaultProxy(servers.pop3.stlsPort).start();
    cleanups.push(() => relay.stop());
    const committedAt = new Map<string, number>();
    const fixture = await startCore(undefined, { hooks: { afterCommit: (request) => storesPopState(request).forEach((uidl) => committedAt.set(uidl, nextEventNumber())) } });
    cleanups.push(() => fixture.dispose());
    const draft = popAccountDraft(servers, user, 'none', { retention: { kind: 'delete-after-download' } });
    await addAccount(fixture, { ...draft, incoming: { ...draft.incoming, port: relay.port } });
    await waitFor(async () => (await poplibView(servers, user)).count === 0, 'the deletions');
    const deles = relay.commands.filter((c) => c.verb === 'DELE');
    expect(deles).toHaveLength(6);
    for (const dele of deles) {
      const uidl = numberToUidl.get(Number(dele.argument))!;
      expect(committedAt.get(uidl), `commit of ${uidl}`).toBeLessThan(dele.order);
    }
  });
});

describe('POP3 invariant 3: UIDLs the server changes do not make duplicates', () => {
  it('after a UIDVALIDITY change renames every UIDL, nothing is downloaded or shown twice', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(3));
    const relay = await new Pop3FaultProxy(servers.pop3.stlsPort).start();
    cleanups.push(() => relay.stop());
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const draft = popAccountDraft(servers, user, 'none', { retention: { kind: 'keep' } });
    const { db, ref } = await addAccount(fixture, { ...draft, incoming: { ...draft.incoming, port: relay.port } });
    await waitFor(async () => (await db.messages.count()) === 3, 'the first download');
    const before = (await poplibView(servers, user)).messages.map((m) => m.uidl);
    await doveadm(servers, ['mailbox', 'update', '--uid-validity', '777', '-u', user.user, 'INBOX']);
    const after = (await poplibView(servers, user)).messages.map((m) => m.uidl);
    expect(after.some((u) => before.includes(u))).toBe(false);
    const retr = relay.count('RETR');
    expect(await fixture.core.handle('device:sync', ref)).toEqual({ ok: true, value: null });
    expect(relay.count('RETR')).toBe(retr);
    expect(await db.messages.count()).toBe(3);
    const states = await db.popState.toArray();
    expect(states.filter((s) => s.serverDeletedAt === null).map((s) => s.uidl).sort()).toEqual([...after].sort());
  });

  it('a message the server renamed is deleted from the server under its new name when deleted here', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(2));
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const { db, ref } = await addAccount(fixture, popAccountDraft(servers, user, 'tls', { retention: { kind: 'delete-when-deleted-here' }, checkEveryMinutes: null }));
    await waitFor(async () => (await db.messages.count()) === 2, 'the first download');
    await doveadm(servers, ['mailbox', 'update', '--uid-validity', '778', '-u', user.user, 'INBOX']);
    expect(await fixture.core.handle('device:sync', ref)).toEqual({ ok: true, value: null });
    const first = (await db.messages.toArray()).find((m) => m.subject === 'Message 1')!;
    // Deleted here (to Trash, then emptied): the server copy goes at the next check, whatever its UIDL now.
    expect(await fixture.core.handle('messages:delete', { ...ref, messageIds: [first.id] })).toMatchObject({ ok: true });
    expect(await fixture.core.handle('messages:delete', { ...ref, messageIds: [first.id] })).toMatchObject({ ok: true });
    expect(await fixture.core.handle('device:sync', ref)).toEqual({ ok: true, value: null });
    expect((await poplibView(servers, user)).messages.map((m) => m.subject)).toEqual(['Message 2']);
  });

  it('matches by content hash when the Message-ID does not tell (a message delivered again under a new UIDL)', async () => {
    const user = await createUser(servers);
    const raw = makeMessage({ subject: 'Same bytes twice' });
    await seedMessages(servers, user, 'INBOX', [{ raw }]);
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const { db, ref } = await addAccount(fixture, popAccountDraft(servers, user, 'tls', { retention: { kind: 'keep' } }));
    await waitFor(async () => (await db.messages.count()) === 1, 'the first download');
    await seedMessages(servers, user, 'INBOX', [{ raw }]);
    await fixture.core.handle('device:sync', ref);
    expect((await poplibView(servers, user)).count).toBe(2);
    expect(await db.messages.count()).toBe(1);
    expect(await db.popState.count()).toBe(2);
  });
});

describe('POP3 invariant 4 and busy mailboxes', () => {
  it('stores malformed and huge messages as received and goes on with the ones after them', async () => {
    const user = await createUser(servers);
    const huge = `From: big@example.test\r\nSubject: Thirty megabytes\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n--b\r\nContent-Type: application/octet-stream; name=big.bin\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.alloc(30 * 1024 * 1024, 3).toString('base64').replace(/.{76}/g, '$&\r\n')}\r\n--b--\r\n`;
    await seedMessages(servers, user, 'INBOX', [
      { raw: fixtureMail('malformed-multipart.eml') },
      { raw: fixtureMail('missing-headers.eml') },
      { raw: huge },
      { raw: '\u0000\u0001 not a mail at all \r\n\r\n\u00ff' },
      { raw: fixtureMail('latin1.eml') },
    ]);
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const { db } = await addAccount(fixture, popAccountDraft(servers, user, 'tls', { retention: { kind: 'keep' } }));
    await waitFor(async () => (await db.messages.count()) === 5, 'all five messages', 60_000);
    const subjects = (await db.messages.toArray()).map((m) => m.subject);
    expect(subjects).toEqual(expect.arrayContaining(['Broken multipart', 'No sender, no date, no message id', 'Thirty megabytes', 'Grüße aus Köln']) as unknown);
    const hugeHere = (await db.messages.toArray()).find((m) => m.subject === 'Thirty megabytes')!;
    expect((await db.rawSources.get(hugeHere.id))!.raw.length).toBe(Buffer.byteLength(huge.replace(/\r?\n/g, '\r\n')));
    expect((await db.bodies.get(hugeHere.id))!.attachments[0]!.size).toBe(30 * 1024 * 1024);
    expect(fixture.events.notice.filter((n) => n.level === 'error')).toEqual([]);
  });

  it('waits for a mailbox another session has locked ([IN-USE]) with a status, not an error, then checks', async () => {
    // Dovecot locks the maildrop per session only with pop3_lock_session (RFC 1939 §8 allows both).
    const locking = await startTestServers({ dovecotConfig: 'protocol pop3 {\n  pop3_lock_session = yes\n}' });
    cleanups.push(() => locking.stop());
    const user = await createUser(locking.info);
    await seedMessages(locking.info, user, 'INBOX', numberedMessages(1));
    const holder = await holdMaildrop(locking.info, user);
    cleanups.push(() => holder.release());
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const { db, account } = await addAccount(fixture, popAccountDraft(locking.info, user, 'tls', { retention: { kind: 'keep' } }));
    const busy = await waitFor(() => fixture.events['device:status'].find((s) => s.detail.kind === 'mailboxBusy' && /busy/.test(statusEnglish(s.detail))), 'the busy status');
    expect(busy.connection).toBe('connecting');
    expect(fixture.events.notice.filter((n) => n.level === 'error')).toEqual([]);
    await holder.release();
    await waitFor(async () => (await db.messages.count()) === 1, 'the check after the lock went', 30_000);
    expect(account.devices[0]!.mode).toBe('pop3');
  });
});

