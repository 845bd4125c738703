import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POP_SETTINGS, type PopRetention } from '../../common/model/account';
import type { PopStateRecord } from '../../common/model/mail';
import { popDecision } from '../../common/model/pop-retention';
import { CacheClient } from '../../main/cache/cache-client';
import { Pop3Session } from '../../main/protocols/pop3/pop3-session';
import { popServerView } from '../../main/server-view/pop-observer';
import type { DeviceCacheAccess } from '../../main/sync/backend';
import { runCheck, type CheckResult } from '../../main/sync/pop3/pop-check';
import { attachInProcessCacheHost, openCacheForReading } from '../support/in-process-cache-host';
import { startSandbox, type SandboxFixture } from './support/sandbox-fixture';

const KEEP: PopRetention = { kind: 'keep' };
const RIGHT_AFTER: PopRetention = { kind: 'delete-after-download' };

/**
 * Issue 12, item 4: after "Reset the sandbox" the server panel called messages listed in the
 * maildrop "deleted from the server by this device", and explained past deletions with the
 * setting of today. A POP device (the check, its cache over fake-indexeddb) against the sandbox.
 */
describe('a POP device’s record of what it deleted from the server, across a sandbox reset', () => {
  let sandbox: SandboxFixture;
  let client: CacheClient;
  let close: () => Promise<void> | void;
  const dbName = `pop-deletions-after-reset-${process.pid}`;
  const db = openCacheForReading(dbName);
  const cache: DeviceCacheAccess = { apply: (ops) => client.apply(dbName, ops), query: (query) => client.query(dbName, query) };
  const login = () => {
    const you = sandbox.login('you');
    return { endpoint: { host: sandbox.server.info.host, port: sandbox.server.info.pop3Port, security: 'none' as const, user: you.user }, password: you.password, trusted: [] };
  };
  const check = async (retention: PopRetention): Promise<CheckResult> => {
    const session = await Pop3Session.open({ host: sandbox.server.info.host, port: sandbox.server.info.pop3Port, tls: null });
    try {
      await session.userPass(sandbox.login('you').user, sandbox.login('you').password);
      return await runCheck({ session, cache, settings: { ...DEFAULT_POP_SETTINGS, checkEveryMinutes: null, retention }, now: () => Date.now(), progress: () => undefined });
    } finally {
      if (!session.isClosed) session.close();
    }
  };
  const states = async (): Promise<PopStateRecord[]> => db.popState.toArray();

  beforeAll(async () => {
    sandbox = await startSandbox();
    client = new CacheClient();
    const { handler } = attachInProcessCacheHost(client);
    close = () => handler.close();
  });
  afterAll(async () => {
    await close();
    await db.delete();
    await sandbox.dispose();
  });

  it('records the rule that deleted each message, and explains it by that rule after the setting changed', async () => {
    const first = await check(RIGHT_AFTER);
    expect(first.downloaded).toBeGreaterThan(5);
    expect(first.deleted).toBe(first.downloaded);
    const deleted = await states();
    expect(deleted.every((s) => s.serverDeletedBy === 'this-device' && s.serverDeletedAt !== null)).toBe(true);
    expect(deleted.map((s) => s.deletedUnder)).toEqual(deleted.map(() => RIGHT_AFTER));
    // The user now leaves mail on the server: the past deletions still name the rule that made them.
    expect(popDecision(deleted[0], KEEP, Date.now())).toEqual({ kind: 'deleted-by-this-device', deletedAt: deleted[0]!.serverDeletedAt, deletedUnder: RIGHT_AFTER });
  });

  it('after a reset, calls no listed message deleted, and the next check clears the deletions that no longer apply', async () => {
    const before = new Map((await states()).map((s) => [s.uidl, s]));
    await sandbox.server.reset();
    const view = await popServerView(login(), () => Date.now());
    const back = view.messages.filter((m) => m.uidl && before.has(m.uidl));
    // The sample has its UIDLs again ("stable" personality): the same messages, back on the server.
    expect(back.length).toBe(before.size);
    // Before the next check, the panel already says what is true: on the server, kept by today's setting.
    for (const m of back) expect(popDecision(before.get(m.uidl!), KEEP, view.at, true)).toMatchObject({ kind: 'kept', untilDeletedHere: false });

    const second = await check(KEEP);
    expect(second).toMatchObject({ downloaded: 0, deleted: 0 });
    const after = await states();
    expect(after.map((s) => [s.uidl, s.serverDeletedAt, s.serverDeletedBy, s.deletedUnder ?? null])).toEqual([...before.keys()].sort().map((uidl) => [uidl, null, null, null]));
    for (const s of after) expect(popDecision(s, KEEP, Date.now(), true)).toMatchObject({ kind: 'kept', untilDeletedHere: false });
  });
});
