import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DeviceStatus } from '../../common/contract';
import { createUser, makeMessage, seedMessages, startTestServers, type RunningTestServers } from '../servers';
import { addAccount, popAccountDraft, startCore, type CoreFixture } from '../support/core-fixture';
import { numberedMessages } from '../support/fixtures';
import { openCacheForReading } from '../support/in-process-cache-host';
import { Pop3FaultProxy } from '../support/pop3-fault-proxy';
import { poplibView } from '../support/poplib';
import { holdMaildrop } from '../support/pop3-lock';
import { waitFor } from '../support/wait';
import { statusEnglish } from '../support/main-words';

const servers = inject('servers');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

// Dovecot locks the maildrop per session only with pop3_lock_session (RFC 1939 §8 allows both).
let locking: RunningTestServers;
beforeAll(async () => {
  locking = await startTestServers({ dovecotConfig: 'protocol pop3 {\n  pop3_lock_session = yes\n}' });
});
afterAll(async () => {
  await locking.stop();
});


/**
 * A relay to Dovecot's plain POP3 port that can make a stale session of our own: at the `nth`
 * QUIT it drops the product's side of the connection, QUIT unsent, and keeps the server's side
 * open, logged in and holding the maildrop lock (a NAT or a laptop lid dropping the route).
 */
class StaleSessionRelay {
  private readonly server: Server;
  private readonly stale: Socket[] = [];
  private readonly open = new Set<Socket>();
  readonly verbs: string[] = [];
  dropAtQuit: number | null = null;
  port = 0;

  constructor(private readonly targetPort: number) {
    this.server = createServer((client) => this.relay(client));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  count(verb: string): number {
    return this.verbs.filter((v) => v === verb).length;
  }

  get staleSessions(): number {
    return this.stale.length;
  }

  /** The server finally notices: the stale sessions end without QUIT (so they delete nothing). */
  endStaleSessions(): void {
    for (const upstream of this.stale.splice(0)) upstream.destroy();
  }

  async stop(): Promise<void> {
    this.endStaleSessions();
    for (const socket of this.open) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private relay(client: Socket): void {
    const upstream = connect(this.targetPort, '127.0.0.1');
    this.open.add(client).add(upstream);
    let staleNow = false;
    const end = (): void => {
      client.destroy();
      if (!staleNow) upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', () => client.destroy()).on('close', () => client.destroy());
    upstream.on('data', (chunk: Buffer) => {
      if (!staleNow) client.write(chunk);
    });
    let pending = '';
    client.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      let index: number;
      while ((index = pending.indexOf('\r\n')) >= 0) {
        const line = pending.slice(0, index);
        pending = pending.slice(index + 2);
        const verb = line.split(' ')[0]!.toUpperCase();
        this.verbs.push(verb);
        if (verb === 'QUIT' && this.count('QUIT') === this.dropAtQuit) {
          staleNow = true;
          this.stale.push(upstream);
          client.destroy();
          return;
        }
        upstream.write(`${line}\r\n`);
      }
    });
  }
}

/** Every device:status of the fixture's core, with the time it was emitted. */
function timedStatuses(fixture: CoreFixture): Array<DeviceStatus & { at: number }> {
  const seen: Array<DeviceStatus & { at: number }> = [];
  fixture.core.on('device:status', (status) => seen.push({ ...status, at: performance.now() }));
  return seen;
}

function expectNoErrors(fixture: CoreFixture): void {
  expect(fixture.events.notice.filter((n) => n.level === 'error')).toEqual([]);
  expect(fixture.events['device:status'].filter((s) => s.connection === 'error')).toEqual([]);
}

describe('POP3 [IN-USE]: back-off with a visible status, not an error', () => {
  it('retries 5 s after the first refusal, 10 s after the second, checks once free, and starts again from 5 s', async () => {
    const user = await createUser(locking.info);
    await seedMessages(locking.info, user, 'INBOX', numberedMessages(1));
    const holder = await holdMaildrop(locking.info, user);
    cleanups.push(() => holder.release());
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const statuses = timedStatuses(fixture);
    const { db, ref } = await addAccount(fixture, popAccountDraft(locking.info, user, 'tls', { retention: { kind: 'keep' }, checkEveryMinutes: null }));

    // Real time, real timers. Dovecot itself waits ~10 s for the lock before it answers [IN-USE],
    // so each retry's delay is measured from the busy status to the next attempt's start.
    const attempts = await waitFor(() => {
      const busyAt = statuses.flatMap((s, i) => (s.detail.kind === 'mailboxBusy' ? [i] : []));
      const retries = busyAt.map((i) => statuses.slice(i + 1).find((s) => s.detail.kind === 'checkingMail')).filter((s) => s !== undefined);
      return retries.length >= 2 && busyAt.slice(0, 2).map((i, n) => ({ busy: statuses[i]!, retry: retries[n]! }));
    }, 'two busy statuses, each followed by a retry', 60_000, 20);
    expect(attempts.map((a) => a.busy.connection)).toEqual(['connecting', 'connecting']);
    expect(attempts.map((a) => /Trying again in (\d+) s/.exec(statusEnglish(a.busy.detail))?.[1])).toEqual(['5', '10']);
    const [firstDelay, secondDelay] = attempts.map((a) => a.retry.at - a.busy.at) as [number, number];
    expect(firstDelay).toBeGreaterThanOrEqual(4_990);
    expect(firstDelay).toBeLessThan(6_500);
    expect(secondDelay).toBeGreaterThanOrEqual(9_990);
    expect(secondDelay).toBeLessThan(11_500);
    expect(secondDelay).toBeGreaterThan(firstDelay * 1.5);
    expect(await db.messages.count()).toBe(0);
    expectNoErrors(fixture);

    // The other program QUITs while the second retry waits for the lock: that retry checks.
    await holder.release();
    await waitFor(async () => (await db.messages.count()) === 1 && statuses.at(-1)?.detail.kind === 'checked', 'the retry after the lock went', 20_000);

    // A success resets the back-off: the next [IN-USE] waits 5 s again, not 20 s.
    const again = await holdMaildrop(locking.info, user);
    cleanups.push(() => again.release());
    const before = statuses.length;
    expect(await fixture.core.handle('device:sync', ref)).toEqual({ ok: true, value: null });
    expect(statuses.slice(before).find((s) => s.detail.kind === 'mailboxBusy')?.detail).toMatchObject({ retry: { inSeconds: 5, words: 'tryingAgain' } });
    expect(await db.messages.count()).toBe(1);
    expectNoErrors(fixture);
  }, 120_000);

  it('our own session dropped without QUIT, lock still held: the next check waits, then succeeds, nothing twice', async () => {
    const user = await createUser(locking.info);
    await seedMessages(locking.info, user, 'INBOX', numberedMessages(3));
    const relay = await new StaleSessionRelay(locking.info.pop3.stlsPort).start();
    cleanups.push(() => relay.stop());
    // The login check of account:add sends the first QUIT; the start-up check's is the second.
    relay.dropAtQuit = 2;
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const statuses = timedStatuses(fixture);
    const draft = popAccountDraft(locking.info, user, 'none', { retention: { kind: 'delete-after-download' }, checkEveryMinutes: null });
    const { db, ref } = await addAccount(fixture, { ...draft, incoming: { ...draft.incoming, port: relay.port } });
    await waitFor(() => relay.staleSessions === 1 && statuses.some((s) => s.connection === 'offline' && s.detail.kind !== 'notChecked'), 'the dropped check');
    // Everything was committed here before QUIT; the DELEs died with the session.
    expect((await db.messages.toArray()).map((m) => m.subject).sort()).toEqual(['Message 1', 'Message 2', 'Message 3']);
    expect(relay.count('RETR')).toBe(3);
    expect(relay.count('DELE')).toBe(3);

    await seedMessages(locking.info, user, 'INBOX', [{ raw: makeMessage({ subject: 'Arrived meanwhile' }) }]);
    const before = statuses.length;
    expect(await fixture.core.handle('device:sync', ref)).toEqual({ ok: true, value: null });
    const busy = statuses.slice(before).find((s) => s.detail.kind === 'mailboxBusy');
    expect(busy).toMatchObject({ connection: 'connecting' });
    expect(statusEnglish(busy!.detail)).toBe('The mailbox is busy (another program is checking it, or an old session has not ended). Trying again in 5 s.');
    expectNoErrors(fixture);

    // Dovecot notices the dead session: it ends without QUIT, deleting nothing, and the lock goes.
    relay.endStaleSessions();
    // No "Check mail" here: the scheduled retry does it.
    await waitFor(() => statuses.slice(before).some((s) => s.detail.kind === 'checked'), 'the retry after the lock went', 15_000);
    const subjects = (await db.messages.toArray()).map((m) => m.subject).sort();
    expect(subjects).toEqual(['Arrived meanwhile', 'Message 1', 'Message 2', 'Message 3']);
    expect(relay.count('RETR')).toBe(4);
    expect((await poplibView(locking.info, user)).count).toBe(0);
    expectNoErrors(fixture);
  }, 60_000);
});

describe('POP3 check at start-up after a restart', () => {
  it('a new core on the same profile checks by itself and brings only the new message', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(2));
    const relay = await new Pop3FaultProxy(servers.pop3.stlsPort).start();
    cleanups.push(() => relay.stop());
    const first = await startCore();
    cleanups.push(() => first.dispose());
    const draft = popAccountDraft(servers, user, 'none', { retention: { kind: 'keep' }, checkEveryMinutes: null });
    const { db } = await addAccount(first, { ...draft, incoming: { ...draft.incoming, port: relay.port } });
    await waitFor(async () => (await db.messages.count()) === 2 && first.events['device:status'].at(-1)?.detail.kind === 'checked', 'the first check');
    await first.stop();

    await seedMessages(servers, user, 'INBOX', [{ raw: makeMessage({ subject: 'Arrived while closed' }) }]);
    const retrBefore = relay.count('RETR');
    const connectionsBefore = new Set(relay.commands.map((c) => c.connection)).size;

    // Nobody asks for a check (no device:sync), and checks on a schedule are off.
    const second = await startCore(first.profileDir);
    cleanups.push(() => second.stop());
    const cache = openCacheForReading(db.name);
    await waitFor(async () => (await cache.messages.count()) === 3, 'the start-up check', 20_000);
    await waitFor(() => second.events['device:status'].at(-1)?.detail.kind === 'checked', 'the start-up check to end');
    expect((await cache.messages.toArray()).map((m) => m.subject).sort()).toEqual(['Arrived while closed', 'Message 1', 'Message 2']);
    expect(relay.count('RETR') - retrBefore).toBe(1);
    expect(new Set(relay.commands.map((c) => c.connection)).size).toBe(connectionsBefore + 1);
    expect(second.events.notice.filter((n) => n.level === 'error')).toEqual([]);
  });
});
