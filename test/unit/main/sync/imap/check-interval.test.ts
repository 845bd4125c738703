import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_IMAP_SYNC_SETTINGS } from '../../../../../common/model/account';
import { FakeImapServer, fakeMessages } from '../../../../support/fake-imap-server';
import { waitFor } from '../../../../support/wait';
import { startBackendOnFakeServer, type BackendOnFakeServer } from './backend-on-fake-server';

let server: FakeImapServer | null = null;
let device: BackendOnFakeServer | null = null;

afterEach(async () => {
  await device?.stop();
  await server?.stop();
  vi.useRealTimers();
});

/** Commands the server gets from now on. */
function recordCommands(fake: FakeImapServer): string[] {
  const commands: string[] = [];
  fake.on('command', (command: string) => commands.push(command));
  return commands;
}

describe('the IMAP check interval (ImapSyncSettings.checkEveryMinutes)', () => {
  it('syncs the inbox every N minutes when set, and only refreshes folder counts when not (the default)', async () => {
    // Only the intervals are the test's: connections, IDLE and the cache run on real time.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    server = await new FakeImapServer({ messages: fakeMessages(3) }).start();
    const byConnection: Array<{ command: string; connection: number }> = [];
    server.on('command', (command: string, connection: number) => byConnection.push({ command, connection }));
    device = await startBackendOnFakeServer(server);
    const inboxSyncs = (): number => device!.progress.filter((p) => p.folderPath === 'INBOX' && p.phase === 'done').length;
    await waitFor(() => inboxSyncs() > 0, 'the first sync of the inbox');
    // The inbox's watcher asks for one sync once its EXAMINE is answered (folder-watcher.ts); on a
    // busy machine that sync runs after the first instead of merging with it. Its connection's next
    // command (the wait for changes) comes after that request, and a sync asked for then runs after
    // the watcher's: from here on nothing but the timers syncs the inbox.
    await waitFor(() => {
      const examine = byConnection.findIndex((c) => c.command === 'EXAMINE');
      return examine >= 0 && byConnection.slice(examine + 1).some((c) => c.connection === byConnection[examine]!.connection);
    }, 'the inbox watcher in place');
    await device.backend.syncNow();

    // A minute with the default: the folder counts are refreshed (LIST), the inbox is not synced.
    const withoutCheck = recordCommands(server);
    const syncsAtStart = inboxSyncs();
    vi.advanceTimersByTime(60_000);
    await waitFor(() => withoutCheck.includes('LIST'), 'the folder counts refreshed');

    const syncsBefore = inboxSyncs();
    device.backend.applySyncSettings({ ...DEFAULT_IMAP_SYNC_SETTINGS, checkEveryMinutes: 1 });
    // New settings sync the kept folders (the inbox) once at once; the check comes on top.
    await waitFor(() => inboxSyncs() > syncsBefore, 'the sync that follows new settings');
    const syncsApplied = inboxSyncs();
    const withCheck = recordCommands(server);
    vi.advanceTimersByTime(60_000);
    await waitFor(() => inboxSyncs() > syncsApplied, 'the inbox synced by the check');
    expect(withCheck).toContain('UID');
    // The minute without a check synced nothing (its refresh ran before this sync was even asked for).
    expect(syncsBefore).toBe(syncsAtStart);
  });
});
