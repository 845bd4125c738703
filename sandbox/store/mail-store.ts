import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { BlobStore } from './blob-store';
import { removeTemporaryFiles } from '../../node-lib/durable-file';
import { createFolder, deleteFolder, findFolder, hasChildren, renameFolder } from './folder-ops';
import { normalizeFolderName, validFolderName } from './folder-names';
import { addMessage, copyMessages, findMessage, removeMessages, updateFlags, type CopyResult, type FlagChange, type FlagResult } from './message-ops';
import { seededMailbox } from './seed';
import { readUserIndex, writeUserIndex } from './user-index';
import { StoreError, type ChangeOrigin, type FolderRecord, type MessageRecord, type SeedFolder, type StoreEvent, type UidlFormat, type UserMailbox } from './types';

export interface MailStoreOptions {
  /** Where the store keeps its files: `<dir>/<user>/index.json` and `<dir>/<user>/blobs/`. */
  dir: string;
  users: readonly string[];
  /** The sample mailbox of every user, for the first start and for reset(). */
  sample: () => Promise<ReadonlyMap<string, readonly SeedFolder[]>>;
  /** Read at each reset: the POP UIDL personality. */
  uidlFormat: () => UidlFormat;
}

export interface AppendOptions {
  flags?: readonly string[];
  internalDate?: Date;
}

export type StoreListener = (event: StoreEvent) => void;

interface UserState {
  mailbox: UserMailbox;
  readonly blobs: BlobStore;
  readonly indexPath: string;
  readonly listeners: Set<StoreListener>;
  /** The index write that has not started yet; later changes join it. */
  queuedWrite: Promise<void> | null;
  /** The chain of index writes, so they happen one after another. */
  lastWrite: Promise<void>;
}

/**
 * The one mail store behind IMAP, POP3 and SMTP: per user, folders with messages.
 *
 * Invariants:
 * - In each folder UIDs are strictly ascending and below UIDNEXT; UIDNEXT and HIGHESTMODSEQ
 *   never decrease while the UIDVALIDITY stays the same (RFC 3501 §2.3.1.1, RFC 7162 §3.1).
 *   A folder created again, or rebuilt by reset(), gets a larger UIDVALIDITY.
 * - Every message in INBOX has a UIDL unique in INBOX (RFC 1939 §7); no other folder's do.
 * - A mutation changes memory and emits its events synchronously, before its first await, so
 *   sessions see changes in the order they were made; the promise it returns settles once the
 *   change is on disk. Callers answer their client only after that.
 * - Message bytes are written (durably) before an index refers to them, and an index is
 *   replaced atomically: a crash at any point loses no message that was acknowledged.
 * - Reads return live records: callers must not change them, and must look a folder's
 *   messages up again after any await (a mutation may replace the array).
 */
export class MailStore {
  private constructor(
    private readonly users: Map<string, UserState>,
    private readonly options: MailStoreOptions,
  ) {}

  /** Loads every user's mailbox from `dir`, seeding the sample for users that have none. */
  static async open(options: MailStoreOptions): Promise<MailStore> {
    const users = new Map<string, UserState>();
    let sample: ReadonlyMap<string, readonly SeedFolder[]> | null = null;
    for (const user of options.users) {
      const userDir = join(options.dir, user);
      const blobs = new BlobStore(join(userDir, 'blobs'));
      await mkdir(join(userDir, 'blobs'), { recursive: true });
      const indexPath = join(userDir, 'index.json');
      await removeTemporaryFiles(userDir);
      let mailbox = await readUserIndex(indexPath);
      if (mailbox) {
        const referenced = referencedBlobs(mailbox);
        await blobs.verify(referenced);
        await blobs.collect(referenced);
      } else {
        sample ??= await options.sample();
        mailbox = await seededMailbox(undefined, sample.get(user) ?? [], blobs, options.uidlFormat());
        await writeUserIndex(indexPath, mailbox);
      }
      users.set(user, { mailbox, blobs, indexPath, listeners: new Set(), queuedWrite: null, lastWrite: Promise.resolve() });
    }
    return new MailStore(users, options);
  }

  // ---- reads ----

  hasUser(user: string): boolean {
    return this.users.has(user);
  }

  /** Every folder of the user, in creation order (INBOX first). */
  folders(user: string): readonly Readonly<FolderRecord>[] {
    return this.state(user).mailbox.folders;
  }

  folder(user: string, name: string): Readonly<FolderRecord> | undefined {
    return findFolder(this.state(user).mailbox, name);
  }

  folderById(user: string, folderId: string): Readonly<FolderRecord> | undefined {
    return this.state(user).mailbox.folders.find((folder) => folder.id === folderId);
  }

  message(user: string, folderId: string, uid: number): Readonly<MessageRecord> | undefined {
    const folder = this.folderById(user, folderId);
    return folder ? findMessage(folder, uid) : undefined;
  }

  hasChildren(user: string, name: string): boolean {
    return hasChildren(this.state(user).mailbox, name);
  }

  subscriptions(user: string): readonly string[] {
    return this.state(user).mailbox.subscriptions;
  }

  /** The exact stored bytes of a message. */
  readRaw(user: string, message: Readonly<MessageRecord>): Promise<Buffer> {
    return this.state(user).blobs.get(message.blobId);
  }

  /** Calls `listener` with every change to the user's mailbox until the returned function is called. */
  subscribe(user: string, listener: StoreListener): () => void {
    const listeners = this.state(user).listeners;
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  // ---- mutations ----

  /** RFC 3501 §6.3.11 APPEND (and delivery): returns the new message's UIDVALIDITY and UID. */
  async append(user: string, folderName: string, raw: Buffer, options: AppendOptions, origin: ChangeOrigin): Promise<{ uidValidity: number; uid: number }> {
    const state = this.state(user);
    const blobId = await state.blobs.put(raw);
    // Looked up after the write: the folder may have gone meanwhile.
    const folder = this.requireFolder(state, folderName);
    const internalDate = (options.internalDate ?? new Date()).getTime();
    const { record, event } = addMessage(folder, { blobId, size: raw.length, flags: options.flags ?? [], internalDate }, origin);
    this.emit(state, [event]);
    await this.persist(state);
    return { uidValidity: folder.uidValidity, uid: record.uid };
  }

  /** Delivery of new mail (SMTP, the demo timer) into INBOX. */
  deliver(user: string, raw: Buffer, origin: ChangeOrigin): Promise<{ uidValidity: number; uid: number }> {
    return this.append(user, 'INBOX', raw, {}, origin);
  }

  /** RFC 3501 §6.4.6 STORE (with RFC 7162 UNCHANGEDSINCE); POP's \Seen marks. */
  async setFlags(user: string, folderId: string, uids: ReadonlySet<number>, change: FlagChange, origin: ChangeOrigin): Promise<FlagResult> {
    const state = this.state(user);
    const result = updateFlags(this.requireFolderById(state, folderId), uids, change, origin);
    this.emit(state, result.events);
    if (result.events.length > 0) await this.persist(state);
    return result;
  }

  /** EXPUNGE, UID EXPUNGE (given UIDs, still only \Deleted ones) and POP's DELE at QUIT (given UIDs). */
  async expunge(user: string, folderId: string, uids: ReadonlySet<number> | null, origin: ChangeOrigin): Promise<number[]> {
    const state = this.state(user);
    const { uids: removed, event } = removeMessages(this.requireFolderById(state, folderId), uids, origin);
    if (!event) return [];
    this.emit(state, [event]);
    await this.persist(state);
    return removed;
  }

  /** RFC 3501 §6.4.7 COPY with RFC 4315 COPYUID data. */
  async copy(user: string, folderId: string, uids: ReadonlySet<number>, destinationName: string, origin: ChangeOrigin): Promise<Omit<CopyResult, 'events'>> {
    const state = this.state(user);
    const result = copyMessages(this.requireFolderById(state, folderId), uids, this.requireFolder(state, destinationName), origin);
    this.emit(state, result.events);
    if (result.events.length > 0) await this.persist(state);
    return { uidValidity: result.uidValidity, sourceUids: result.sourceUids, destinationUids: result.destinationUids };
  }

  /** RFC 6851 MOVE: a copy and an expunge of the originals, in one step. */
  async move(user: string, folderId: string, uids: ReadonlySet<number>, destinationName: string, origin: ChangeOrigin): Promise<Omit<CopyResult, 'events'>> {
    const state = this.state(user);
    const source = this.requireFolderById(state, folderId);
    const destination = this.requireFolder(state, destinationName);
    if (destination === source) throw new StoreError('CANNOT', 'Source and destination are the same mailbox');
    const copied = copyMessages(source, uids, destination, origin);
    const removed = removeMessages(source, new Set(copied.sourceUids), origin);
    this.emit(state, removed.event ? [...copied.events, removed.event] : copied.events);
    if (copied.events.length > 0) await this.persist(state);
    return { uidValidity: copied.uidValidity, sourceUids: copied.sourceUids, destinationUids: copied.destinationUids };
  }

  async createFolder(user: string, name: string): Promise<void> {
    const state = this.state(user);
    createFolder(state.mailbox, name);
    await this.persist(state);
  }

  async renameFolder(user: string, from: string, to: string, origin: ChangeOrigin): Promise<void> {
    const state = this.state(user);
    this.emit(state, renameFolder(state.mailbox, from, to, origin));
    await this.persist(state);
  }

  async deleteFolder(user: string, name: string, origin: ChangeOrigin): Promise<void> {
    const state = this.state(user);
    this.emit(state, deleteFolder(state.mailbox, name, origin));
    await this.persist(state);
  }

  /** RFC 3501 §6.3.6-7: a subscription is a name; it need not exist (yet). */
  async setSubscribed(user: string, name: string, subscribed: boolean): Promise<void> {
    const state = this.state(user);
    const normalized = subscribed ? validFolderName(name) : normalizeFolderName(name);
    const others = state.mailbox.subscriptions.filter((existing) => existing !== normalized);
    state.mailbox.subscriptions = subscribed ? [...others, normalized] : others;
    await this.persist(state);
  }

  /** Replaces every user's mailbox with the sample; sessions get a 'reset' event. */
  async reset(origin: ChangeOrigin): Promise<void> {
    const sample = await this.options.sample();
    const uidlFormat = this.options.uidlFormat();
    const fresh = new Map<UserState, UserMailbox>();
    for (const [user, state] of this.users) fresh.set(state, await seededMailbox(state.mailbox, sample.get(user) ?? [], state.blobs, uidlFormat));
    for (const [state, mailbox] of fresh) {
      state.mailbox = mailbox;
      this.emit(state, [{ kind: 'reset', origin }]);
    }
    await Promise.all([...fresh.keys()].map((state) => this.persist(state)));
  }

  /** Settles once every change made so far is on disk. */
  async flush(): Promise<void> {
    await Promise.all([...this.users.values()].map((state) => state.queuedWrite ?? state.lastWrite));
  }

  // ---- internals ----

  private state(user: string): UserState {
    const state = this.users.get(user);
    if (!state) throw new StoreError('UNKNOWN-USER', `No such user: ${user}`);
    return state;
  }

  private requireFolder(state: UserState, name: string): FolderRecord {
    const folder = findFolder(state.mailbox, name);
    if (!folder) throw new StoreError('NONEXISTENT', `No such mailbox: ${name}`);
    return folder;
  }

  private requireFolderById(state: UserState, folderId: string): FolderRecord {
    const folder = state.mailbox.folders.find((candidate) => candidate.id === folderId);
    if (!folder) throw new StoreError('NONEXISTENT', 'The mailbox no longer exists');
    return folder;
  }

  private emit(state: UserState, events: readonly StoreEvent[]): void {
    for (const event of events) {
      for (const listener of [...state.listeners]) {
        try {
          listener(event);
        } catch {
          // A session's trouble is its own: the change is made and others still hear of it.
        }
      }
    }
  }

  /** Writes the user's index after the current write; changes made meanwhile share one write. */
  private persist(state: UserState): Promise<void> {
    if (state.queuedWrite) return state.queuedWrite;
    const write = state.lastWrite.then(() => {
      state.queuedWrite = null;
      return writeUserIndex(state.indexPath, state.mailbox);
    });
    state.queuedWrite = write;
    state.lastWrite = write.catch(() => undefined);
    return write;
  }
}

function referencedBlobs(mailbox: UserMailbox): Set<string> {
  return new Set(mailbox.folders.flatMap((folder) => folder.messages.map((message) => message.blobId)));
}
