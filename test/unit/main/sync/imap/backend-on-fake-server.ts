import { randomUUID } from 'node:crypto';
import type { DeviceStatus, Notice, SyncProgress } from '../../../../../common/contract';
import type { BodyRecord, MessageRecord } from '../../../../../common/model/mail';
import { CacheClient } from '../../../../../main/cache/cache-client';
import type { BackendContext } from '../../../../../main/sync/backend';
import { ImapBackend, type ImapBackendOptions } from '../../../../../main/sync/imap/imap-backend';
import type { FakeImapServer } from '../../../../support/fake-imap-server';
import { attachInProcessCacheHost } from '../../../../support/in-process-cache-host';

export interface BackendOnFakeServer {
  backend: ImapBackend;
  statuses: Array<Omit<DeviceStatus, 'accountId' | 'deviceId'>>;
  notices: Array<Pick<Notice, 'level' | 'where' | 'words' | 'code'>>;
  progress: Array<Omit<SyncProgress, 'accountId' | 'deviceId'>>;
  /** The INBOX as the cache holds it now. */
  inbox(): Promise<MessageRecord[]>;
  body(messageId: string): Promise<BodyRecord | null>;
  /** Resolves with the first status (past or future) that `match` accepts. */
  statusMatching(match: (status: Omit<DeviceStatus, 'accountId' | 'deviceId'>) => boolean): Promise<Omit<DeviceStatus, 'accountId' | 'deviceId'>>;
  stop(): Promise<void>;
}

/** An IMAP device as the core runs it (the cache host's own code over fake-indexeddb), on a fake server. */
export async function startBackendOnFakeServer(server: FakeImapServer, options: ImapBackendOptions = {}): Promise<BackendOnFakeServer> {
  const cache = new CacheClient();
  attachInProcessCacheHost(cache);
  const dbName = `porthole-test-${randomUUID()}`;
  const endpoint = { host: '127.0.0.1', port: server.port, security: 'none' as const, user: 'user' };
  const statuses: BackendOnFakeServer['statuses'] = [];
  const waiters: Array<{ match: (s: BackendOnFakeServer['statuses'][number]) => boolean; resolve: (s: BackendOnFakeServer['statuses'][number]) => void }> = [];
  const notices: BackendOnFakeServer['notices'] = [];
  const progress: BackendOnFakeServer['progress'] = [];
  const ctx: BackendContext = {
    account: { id: 'a1', displayName: 'Fake', address: 'user@fake.test', imap: endpoint, pop3: null, smtp: endpoint, devices: [], trustedCertificates: [] },
    device: { id: 'd1', name: 'Laptop', mode: 'imap', dbName, pop: null },
    incoming: endpoint,
    incomingCredential: { password: 'secret' },
    transcript: () => () => undefined,
    cache: { apply: (ops) => cache.apply(dbName, ops), query: (query) => cache.query(dbName, query) },
    events: {
      status: (status) => {
        statuses.push(status);
        for (const waiter of waiters.splice(0)) {
          if (waiter.match(status)) waiter.resolve(status);
          else waiters.push(waiter);
        }
      },
      progress: (p) => progress.push(p),
      notice: (n) => notices.push(n),
      serverChanged: () => undefined,
    },
    now: () => Date.now(),
  };
  const backend = new ImapBackend(ctx, options);
  await backend.start();
  return {
    backend,
    statuses,
    notices,
    progress,
    inbox: () => cache.query(dbName, { query: 'folderMessages', folderId: 'server:INBOX' }),
    body: (messageId) => cache.query(dbName, { query: 'body', messageId }),
    statusMatching: (match) => {
      const seen = statuses.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    stop: () => backend.stop(),
  };
}
