import type { MailStore } from '../store/mail-store';
import { hasFlag } from '../store/flags';
import { popBytes } from './pop-bytes';

/** One message of the maildrop as this session numbered it. */
export interface DropMessage {
  readonly number: number;
  readonly uid: number;
  readonly uidl: string;
  /** Octets as POP3 sends them. */
  readonly size: number;
  deleted: boolean;
  retrieved: boolean;
}

export interface UpdateResult {
  deleted: number;
}

/**
 * A POP3 session's view of the user's INBOX (RFC 1939 §5): numbered once, at login, and fixed
 * for the session. DELE only marks; the marks are carried out by `update()` at QUIT, never
 * when the session just ends (RFC 1939 §6). Mail that arrives meanwhile waits for the next session.
 */
export class Maildrop {
  private constructor(
    private readonly store: MailStore,
    private readonly user: string,
    private readonly folderId: string,
    readonly messages: readonly DropMessage[],
  ) {}

  static async open(store: MailStore, user: string): Promise<Maildrop> {
    const inbox = store.folder(user, 'INBOX');
    if (!inbox) throw new Error('The user has no INBOX');
    const messages: DropMessage[] = [];
    for (const record of inbox.messages) {
      const size = popBytes(await store.readRaw(user, record)).length;
      messages.push({ number: messages.length + 1, uid: record.uid, uidl: record.popUidl ?? String(record.uid), size, deleted: false, retrieved: false });
    }
    return new Maildrop(store, user, inbox.id, messages);
  }

  /** The message with this number, unless it is marked deleted. */
  find(number: number): DropMessage | undefined {
    const message = this.messages[number - 1];
    return message && !message.deleted ? message : undefined;
  }

  get live(): DropMessage[] {
    return this.messages.filter((message) => !message.deleted);
  }

  /** The bytes to send, or null when another session (IMAP) expunged the message meanwhile. */
  async content(message: DropMessage): Promise<Buffer | null> {
    const record = this.store.message(this.user, this.folderId, message.uid);
    return record ? popBytes(await this.store.readRaw(this.user, record)) : null;
  }

  /** RFC 1939 §6 UPDATE: deletes the marked messages; with `markSeen`, RETR'd ones get \Seen. */
  async update(markSeen: boolean): Promise<UpdateResult> {
    const doomed = new Set(this.messages.filter((message) => message.deleted).map((message) => message.uid));
    if (markSeen) {
      const unseen = this.messages.filter((message) => {
        const record = message.retrieved && !message.deleted ? this.store.message(this.user, this.folderId, message.uid) : undefined;
        return record !== undefined && !hasFlag(record.flags, '\\Seen');
      });
      if (unseen.length > 0) await this.store.setFlags(this.user, this.folderId, new Set(unseen.map((message) => message.uid)), { operation: 'add', flags: ['\\Seen'] }, 'pop3');
    }
    const removed = doomed.size > 0 ? await this.store.expunge(this.user, this.folderId, doomed, 'pop3') : [];
    return { deleted: removed.length };
  }
}
