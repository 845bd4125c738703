import type { ImapFlow, ListResponse, MailboxObject } from 'imapflow';
import type { FolderRole } from '../../common/model/mail';
import type { ImapServerView, ServerFolderStatus, ServerImapMessage } from '../../common/model/server-view';
import { classifyBrokenConnection, classifyConnectionError } from '../protocols/connection-errors';
import { connectImap, connectionFailure, type ImapLogin } from '../protocols/imap/imap-connection';
import { isProtocolError, ProtocolError } from '../protocols/protocol-error';

const MAX_ROWS = 500;
const REFRESH_DEBOUNCE_MS = 100;
/** Folder lists and other folders' counts change without IDLE telling: looked at again this often. */
const PERIODIC_REFRESH_MS = 15_000;

const ROLES: Record<string, FolderRole> = { '\\Sent': 'sent', '\\Drafts': 'drafts', '\\Trash': 'trash', '\\Junk': 'junk', '\\Archive': 'archive', '\\All': 'all', '\\Flagged': 'flagged' };

function folderStatus(entry: ListResponse): ServerFolderStatus {
  return {
    path: entry.path,
    role: entry.path.toUpperCase() === 'INBOX' ? 'inbox' : entry.specialUse ? (ROLES[entry.specialUse] ?? null) : null,
    total: entry.status?.messages ?? null,
    unseen: entry.status?.unseen ?? null,
    uidNext: entry.status?.uidNext ?? null,
    uidValidity: entry.status?.uidValidity !== undefined ? Number(entry.status.uidValidity) : null,
    highestModseq: entry.status?.highestModseq !== undefined ? String(entry.status.highestModseq) : null,
  };
}

/**
 * The server panel's own connection (never a sync connection): EXAMINE only, so it can change
 * nothing, and IDLE on the watched folder so the panel follows the server live.
 */
export class ImapObserver {
  private client: ImapFlow | null = null;
  private connecting: Promise<ImapFlow> | null = null;
  private path = 'INBOX';
  private timer: NodeJS.Timeout | null = null;
  private refreshing: Promise<void> | null = null;
  private periodic: NodeJS.Timeout | null = null;
  private again = false;
  private stopped = false;

  /** The latest connection, kept after it closed: why it ended is the error to show. */
  private lastClient: ImapFlow | null = null;

  constructor(
    private readonly login: ImapLogin,
    private readonly onView: (view: ImapServerView) => void,
    private readonly onError: (message: string) => void,
    /** `stalledAfterMs`: no byte for this long during a command is a stalled server (tests turn it down). */
    private readonly options: { stalledAfterMs?: number } = {},
  ) {}

  async watch(path: string): Promise<void> {
    this.path = path;
    await this.connection();
    await this.refresh();
    this.periodic ??= setInterval(() => this.scheduleRefresh(), PERIODIC_REFRESH_MS);
  }

  private connection(): Promise<ImapFlow> {
    if (this.client?.usable) return Promise.resolve(this.client);
    this.connecting ??= connectImap(this.login, { autoIdleDelay: 50, ...(this.options.stalledAfterMs ? { socketTimeout: this.options.stalledAfterMs } : {}) })
      .then((client) => {
        this.client = client;
        this.lastClient = client;
        const changed = (): void => this.scheduleRefresh();
        client.on('exists', changed);
        client.on('expunge', changed);
        client.on('flags', changed);
        client.on('close', () => {
          if (this.client === client) this.client = null;
        });
        return client;
      })
      .finally(() => {
        this.connecting = null;
      });
    return this.connecting;
  }

  private scheduleRefresh(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.refresh().catch((error: unknown) => this.onError(error instanceof Error ? error.message : String(error)));
    }, REFRESH_DEBOUNCE_MS);
  }

  /** One snapshot; overlapping calls collapse into one more run after the current one. */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = this.snapshot()
      .catch((error: unknown) => {
        throw this.plainError(error);
      })
      .finally(() => {
        this.refreshing = null;
        if (this.again) {
          this.again = false;
          this.scheduleRefresh();
        }
      });
    return this.refreshing;
  }

  /** What went wrong, in the user's words: a stalled or oversized answer ends the connection with its reason. */
  private plainError(error: unknown): ProtocolError {
    if (isProtocolError(error)) return error;
    const failure = this.lastClient ? connectionFailure(this.lastClient) : undefined;
    return new ProtocolError(failure !== undefined ? classifyBrokenConnection(failure, 'imap') : classifyConnectionError(error, 'imap'));
  }

  private async snapshot(): Promise<void> {
    const client = await this.connection();
    const folders = (await client.list({ statusQuery: { messages: true, unseen: true, uidNext: true, uidValidity: true, highestModseq: true } })).map(folderStatus);
    const lock = await client.getMailboxLock(this.path, { readOnly: true });
    try {
      const mailbox: MailboxObject = await client.mailboxOpen(this.path, { readOnly: true });
      const messages: ServerImapMessage[] = [];
      if (mailbox.exists > 0) {
        const from = Math.max(1, mailbox.exists - MAX_ROWS + 1);
        for await (const m of client.fetch(`${from}:*`, { uid: true, flags: true, size: true, envelope: true })) {
          messages.push({ uid: m.uid, flags: [...(m.flags ?? [])], size: m.size ?? 0, subject: m.envelope?.subject ?? '', messageId: m.envelope?.messageId ?? '' });
        }
      }
      messages.sort((a, b) => b.uid - a.uid);
      this.onView({
        kind: 'imap',
        at: Date.now(),
        folders,
        folderPath: this.path,
        uidValidity: Number(mailbox.uidValidity),
        uidNext: mailbox.uidNext,
        highestModseq: mailbox.highestModseq !== undefined ? String(mailbox.highestModseq) : null,
        exists: mailbox.exists,
        messages,
        truncated: mailbox.exists > MAX_ROWS,
      });
    } finally {
      lock.release();
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.periodic) clearInterval(this.periodic);
    const client = this.client;
    this.client = null;
    if (client) void client.logout().catch(() => client.close());
  }
}
