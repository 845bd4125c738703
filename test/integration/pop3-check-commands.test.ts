import { afterEach, describe, expect, inject, it } from 'vitest';
import { createUser, makeMessage, seedMessages } from '../servers';
import { addAccount, popAccountDraft, startCore } from '../support/core-fixture';
import { numberedMessages } from '../support/fixtures';
import { Pop3FaultProxy } from '../support/pop3-fault-proxy';
import { otherImapClient } from '../support/other-client';
import { waitFor } from '../support/wait';

const servers = inject('servers');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

describe('what a POP3 check asks the server', () => {
  it('asks LIST only when the server names a message this device has no record of', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(3));
    const relay = await new Pop3FaultProxy(servers.pop3.stlsPort).start();
    cleanups.push(() => relay.stop());
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const draft = popAccountDraft(servers, user, 'none', { checkEveryMinutes: null, headersOnlyOverBytes: null, retention: { kind: 'keep' } });
    const added = await addAccount(fixture, { ...draft, incoming: { ...draft.incoming, port: relay.port } });
    await waitFor(() => fixture.events['device:status'].at(-1)?.detail.kind === 'checked' || undefined, 'the first check');
    const check = async (): Promise<{ LIST: number; UIDL: number; STAT: number; RETR: number }> => {
      const before = { LIST: relay.count('LIST'), UIDL: relay.count('UIDL'), STAT: relay.count('STAT'), RETR: relay.count('RETR') };
      expect(await fixture.core.handle('device:sync', added.ref)).toEqual({ ok: true, value: null });
      return { LIST: relay.count('LIST') - before.LIST, UIDL: relay.count('UIDL') - before.UIDL, STAT: relay.count('STAT') - before.STAT, RETR: relay.count('RETR') - before.RETR };
    };
    expect(relay.count('LIST')).toBe(1);
    expect(relay.count('RETR')).toBe(3);

    // Nothing new: STAT and UIDL only; the sizes are the ones LIST gave when first seen.
    expect(await check()).toEqual({ STAT: 1, UIDL: 1, LIST: 0, RETR: 0 });

    // One new message: LIST again (its size is needed), and only it is downloaded, whole.
    await seedMessages(servers, user, 'INBOX', [{ raw: makeMessage({ subject: 'Arrived later', body: 'later' }) }]);
    expect(await check()).toEqual({ STAT: 1, UIDL: 1, LIST: 1, RETR: 1 });
    const progress = fixture.events['sync:progress'].filter((p) => p.phase === 'download').at(-1)!;
    expect(progress).toMatchObject({ done: 1, total: 1 });
    expect(progress.bytesDone).toBe(progress.bytesTotal);
    expect((await added.db.messages.toArray()).map((m) => m.subject).sort()).toEqual(['Arrived later', 'Message 1', 'Message 2', 'Message 3']);

    // A message deleted by another client: noticed from UIDL alone.
    const other = await otherImapClient(servers, user);
    await other.mailboxOpen('INBOX');
    await other.messageDelete({ header: { subject: 'Message 2' } });
    await other.logout();
    expect(await check()).toEqual({ STAT: 1, UIDL: 1, LIST: 0, RETR: 0 });
    expect((await added.db.popState.toArray()).filter((s) => s.serverDeletedBy === 'elsewhere')).toHaveLength(1);
  });
});
