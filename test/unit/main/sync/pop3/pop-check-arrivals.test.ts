import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_POP_SETTINGS } from '../../../../../common/model/account';
import { CacheClient } from '../../../../../main/cache/cache-client';
import { routeArrivals } from '../../../../../main/notify/arrival-route';
import type { Arrival } from '../../../../../main/notify/new-mail';
import { Pop3Session } from '../../../../../main/protocols/pop3/pop3-session';
import type { DeviceCacheAccess } from '../../../../../main/sync/backend';
import { runCheck } from '../../../../../main/sync/pop3/pop-check';
import { DEFAULT_LOCAL_FOLDERS } from '../../../../../main/sync/pop3/local-folders';
import { FakePop3Server, textMessage } from '../../../../support/fake-pop3-server';
import { attachInProcessCacheHost, openCacheForReading } from '../../../../support/in-process-cache-host';

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let dbCounter = 0;

/** A POP device's cache with its local folders, a fake maildrop, and what its checks report as arrived. */
async function setUp() {
  const server = await new FakePop3Server().start();
  cleanups.push(() => server.stop());
  const client = new CacheClient();
  const { handler } = attachInProcessCacheHost(client);
  cleanups.push(() => handler.close());
  const dbName = `pop-check-arrivals-${process.pid}-${++dbCounter}`;
  const cache: DeviceCacheAccess = { apply: (ops) => client.apply(dbName, ops), query: (query) => client.query(dbName, query) };
  cleanups.push(() => openCacheForReading(dbName).delete());
  await cache.apply([{ op: 'putFolders', folders: DEFAULT_LOCAL_FOLDERS }]);
  const arrivals: Arrival[] = [];
  routeArrivals(cache, (arrival) => arrivals.push(arrival));
  const check = async (): Promise<void> => {
    const session = await Pop3Session.open({ host: '127.0.0.1', port: server.port, tls: null });
    try {
      await session.userPass(server.user, server.password);
      await runCheck({ session, cache, settings: { ...DEFAULT_POP_SETTINGS, checkEveryMinutes: null }, now: () => Date.now(), progress: () => undefined });
    } finally {
      if (!session.isClosed) session.close();
    }
  };
  return { server, check, arrivals };
}

const subjects = (arrivals: Arrival[]): string[][] => arrivals.map((a) => a.messages.map((m) => m.subject));

describe('what a POP check reports as arrived (main/sync/pop3/pop-check.ts)', () => {
  it('nothing at the first check of a device (the whole maildrop); then what each later check downloaded, once', async () => {
    const { server, check, arrivals } = await setUp();
    server.messages.push(textMessage('u1', 'Old 1'), textMessage('u2', 'Old 2'));
    await check();
    expect(arrivals).toEqual([]);

    server.messages.push(textMessage('u3', 'New 1'), textMessage('u4', 'New 2'));
    await check();
    expect(subjects(arrivals)).toEqual([['New 1', 'New 2']]);
    expect(arrivals[0]!.folder).toEqual({ path: 'Inbox', role: 'inbox' });

    await check();
    expect(arrivals).toHaveLength(1);
  });

  it('a first check that found an empty maildrop still counts: the next mail is reported', async () => {
    const { server, check, arrivals } = await setUp();
    await check();
    server.messages.push(textMessage('u1', 'The very first'));
    await check();
    expect(subjects(arrivals)).toEqual([['The very first']]);
  });
});
