import type { ImapFlow } from 'imapflow';
import { connectImap, type ImapLogin } from '../../protocols/imap/imap-connection';

/**
 * A connection that only IDLEs on one folder (RFC 2177) and reports that something changed
 * there; the command connection then does the (cheap, CONDSTORE) sync. Kept separate so a
 * long sync or a body download never delays push notifications.
 */
export class FolderWatcher {
  private client: ImapFlow | null = null;
  private stopped = false;

  constructor(
    readonly path: string,
    private readonly login: ImapLogin,
    private readonly onChange: (path: string) => void,
    private readonly onLost: (watcher: FolderWatcher) => void,
  ) {}

  async start(): Promise<void> {
    // A short delay before IDLE: this connection runs no other commands.
    const client = await connectImap({ ...this.login, transcriptFetchResponses: true }, { autoIdleDelay: 50, maxIdleTime: 5 * 60_000 });
    if (this.stopped) {
      client.close();
      return;
    }
    this.client = client;
    const changed = (): void => this.onChange(this.path);
    client.on('exists', changed);
    client.on('expunge', changed);
    client.on('flags', changed);
    client.on('close', () => {
      if (!this.stopped) this.onLost(this);
    });
    const lock = await client.getMailboxLock(this.path, { readOnly: true });
    lock.release();
    // Changes made before this EXAMINE are not reported by IDLE: one sync closes that gap.
    this.onChange(this.path);
  }

  stop(): void {
    this.stopped = true;
    const client = this.client;
    this.client = null;
    if (client) void client.logout().catch(() => client.close());
  }
}
