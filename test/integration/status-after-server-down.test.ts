import { createElement } from 'react';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { DeviceStatus } from '../../common/contract';
import { ERROR_MESSAGES } from '../../common/errors';
import { serverFolderId } from '../../common/model/mail';
import { StatusBar } from '../../renderer/features/status/StatusBar';
import { createUser, seedMessages } from '../servers';
import { accountDraft, addAccount, startCore } from '../support/core-fixture';
import { numberedMessages } from '../support/fixtures';
import { renderInLanguage } from '../support/render-intl';
import { TcpProxy } from '../support/tcp-proxy';
import { waitFor } from '../support/wait';

const servers = inject('servers');
const cleanups: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

const shown = (status: DeviceStatus): string => renderInLanguage(createElement(StatusBar, { status, progress: null })).replace(/<[^>]+>/g, '');

// Issue 12, item 10: a server that was working and went down made the status say "Check the port number".
describe('the status bar when a server that worked goes away', () => {
  it('says the server stopped accepting connections, and that Porthole retries, instead of a configuration hint', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(2));
    // The server's port as the account knows it: closing the relay is the server going away.
    const proxy = await new TcpProxy(servers.imap.tlsPort).start();
    cleanups.push(() => proxy.stop());
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const draft = accountDraft(servers, user, 'tls');
    const { db } = await addAccount(fixture, { ...draft, incoming: { ...draft.incoming, port: proxy.port } });
    await waitFor(async () => (await db.messages.count()) === 2 && (await db.folders.get(serverFolderId('INBOX'))), 'the initial sync');
    await waitFor(() => fixture.events['device:status'].some((s) => s.lastSyncAt !== null) || undefined, 'a finished sync in the status');

    await proxy.stop();
    const refused = await waitFor(() => fixture.events['device:status'].find((s) => s.detail.kind === 'error' && s.detail.error.message.includes(ERROR_MESSAGES.CONNECTION_REFUSED) && s.detail.retry?.words === 'retrying'), 'a refused reconnection', 30_000);
    const words = shown(refused);
    expect(words).toMatch(/^Offline — IMAP: The server stopped accepting connections; it may be down or restarting\. Retrying in \d+ s\.$/);
    expect(words).not.toContain('Check the port');
  });
});
