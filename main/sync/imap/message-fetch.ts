import { FLAG_SEEN, type MessageRecord } from '../../../common/model/mail';
import { LARGE_MESSAGE_BYTES } from '../../../common/model/raw-source';
import { joinInSteps } from '../../mime/parse-in-pieces';
import { parseMessage } from '../../mime/parse-message';
import { isTransientError } from '../../protocols/connection-errors';
import { MAX_LINE_BYTES } from '../../protocols/imap/imap-connection';
import { ProtocolError, refusedError } from '../../protocols/protocol-error';
import type { DeviceCacheAccess } from '../backend';
import type { TaskPriority } from '../task-queue';
import type { ConnectionSupervisor } from './connection-supervisor';
import { tooLargeBody } from './large-message';
import { downloadInRanges, type RangeAnswer } from './ranged-fetch';
import { toWire } from './wire-error';

/**
 * A download in ranges whose connection dropped goes on from the range it was in, after the
 * reconnect, this many times at most, waiting this long each time for the connection to be back.
 */
const RANGE_RESUMES = 3;
const RESUME_WAIT_MS = 30_000;

export interface MessageFetchDeps {
  cache: DeviceCacheAccess;
  now(): number;
  connection: ConnectionSupervisor;
  /** Messages larger than this are fetched in ranges of this size. */
  rangeBytes(): number;
  /** Marks messages read (through the offline queue). */
  changeFlags(messageIds: string[], add: string[], remove: string[]): Promise<void>;
}

/**
 * Bodies and sources from the server, on demand: whole up to a range, larger ones in ranges that
 * resume after a reconnect, only the header section of a message over LARGE_MESSAGE_BYTES.
 */
export class MessageFetch {
  /** Offline downloads in progress, by message id: opening one of them waits for it instead of fetching again. */
  private readonly keeping = new Map<string, Promise<void>>();

  constructor(private readonly deps: MessageFetchDeps) {}

  async openMessage(messageId: string, markSeen: boolean): Promise<void> {
    const message = await this.deps.cache.query({ query: 'message', id: messageId });
    if (!message) throw refusedError('NOT_FOUND', { kind: 'messageNotCached' });
    if (message.problem) throw new ProtocolError({ code: 'PROTOCOL_ERROR', message: message.problem });
    // The offline download may be fetching this very message: its answer serves both.
    await this.keeping.get(messageId);
    const body = await this.deps.cache.query({ query: 'body', messageId });
    if (!body) {
      const parsed =
        message.size > LARGE_MESSAGE_BYTES
          ? await tooLargeBody(messageId, await this.fetchFromServer(message, 'header'), message.size, this.deps.now())
          : await parseMessage(messageId, await this.messageSource(messageId), this.deps.now());
      await this.deps.cache.apply([{ op: 'putBody', body: parsed.body, attachments: parsed.attachments }]);
    }
    if (markSeen && !message.seen) await this.deps.changeFlags([messageId], [FLAG_SEEN], []);
  }

  /**
   * Downloads and keeps the body of a message for offline reading, behind the user's work (one
   * task, or one task a range for a large one); false when it turned out cached meanwhile. The
   * caller leaves out messages over LARGE_MESSAGE_BYTES: those stay on the server, as when opened.
   */
  async keepBody(message: MessageRecord): Promise<boolean> {
    let finished = (): void => undefined;
    const whenFinished = new Promise<void>((resolve) => (finished = resolve));
    const cached = async (): Promise<boolean> => (await this.deps.cache.query({ query: 'bodyIds', ids: [message.id] })).length > 0;
    // Known as in progress only once its turn came: until then, opening the message fetches it
    // at once, ahead of this download, which then finds it cached.
    const cachedOrStarting = async (): Promise<boolean> => {
      if (await cached()) return true;
      this.keeping.set(message.id, whenFinished);
      return false;
    };
    try {
      if (await cached()) return false;
      const source = await this.fetchFromServer(message, 'source', 'background', cachedOrStarting);
      if (!source) return false;
      const parsed = await parseMessage(message.id, source, this.deps.now());
      await this.deps.cache.apply([{ op: 'putBody', body: parsed.body, attachments: parsed.attachments }]);
      return true;
    } finally {
      if (this.keeping.get(message.id) === whenFinished) this.keeping.delete(message.id);
      finished();
    }
  }

  async messageSource(messageId: string): Promise<Uint8Array> {
    const message = await this.deps.cache.query({ query: 'message', id: messageId });
    if (!message) throw refusedError('NOT_FOUND', { kind: 'messageNotCached' });
    if (message.problem) throw new ProtocolError({ code: 'PROTOCOL_ERROR', message: message.problem });
    if (message.size > LARGE_MESSAGE_BYTES) {
      throw refusedError('MESSAGE_TOO_LARGE', { kind: 'messageLargerThanDownloaded', limit: LARGE_MESSAGE_BYTES });
    }
    return this.fetchFromServer(message, 'source');
  }

  /**
   * The whole source, or the header section only, of a cached message, from the server. With
   * `cachedMeanwhile`, null when it says the body arrived while the task waited its turn.
   */
  private async fetchFromServer(message: MessageRecord, what: 'source' | 'header'): Promise<Uint8Array>;
  private async fetchFromServer(message: MessageRecord, what: 'source' | 'header', priority: TaskPriority, cachedMeanwhile: () => Promise<boolean>): Promise<Uint8Array | null>;
  private async fetchFromServer(message: MessageRecord, what: 'source' | 'header', priority: TaskPriority = 'user', cachedMeanwhile?: () => Promise<boolean>): Promise<Uint8Array | null> {
    if (message.uid === null) throw refusedError('NOT_FOUND', { kind: 'messageBeingMoved' });
    const uid = message.uid;
    const path = message.folderId.slice('server:'.length);
    const connection = this.deps.connection;
    connection.requireOnline('downloadMessage');
    if (what === 'source' && message.size > this.deps.rangeBytes()) return this.fetchInRanges(message, uid, path, priority);
    return connection.runTask(priority, `fetch message ${uid}`, async () => {
      if (cachedMeanwhile && (await cachedMeanwhile())) return null;
      const client = connection.requireClient();
      const lock = await client.getMailboxLock(path);
      try {
        const fetched = await client.fetchOne(String(uid), what === 'source' ? { uid: true, source: true } : { uid: true, headers: true }, { uid: true });
        const bytes = fetched ? (what === 'source' ? fetched.source : fetched.headers) : undefined;
        if (!bytes) {
          await this.deps.cache.apply([{ op: 'deleteMessages', ids: [message.id] }]);
          throw refusedError('NOT_FOUND', { kind: 'messageDeletedOnServer' });
        }
        // A large literal has a memory block of its own: no copy of what may be tens of
        // megabytes. A small one may be a view into Node's shared pool, which must not leave.
        return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
      } catch (error) {
        // A server that answers with more than it announced (the literal limit) or stalls: say so.
        throw connection.brokenAnswer(client, error);
      } finally {
        lock.release();
      }
    });
  }

  /**
   * A large message's source as a series of partial fetches (ranged-fetch.ts), each its own task
   * under the folder's lock: the user's other commands run between two ranges, and no literal
   * larger than a range is ever joined by imapflow. The pieces are put together a few MB per turn
   * of the event loop; a message that changed or vanished meanwhile is never returned in part.
   */
  private async fetchInRanges(message: MessageRecord, uid: number, path: string, priority: TaskPriority): Promise<Uint8Array> {
    const expected: { uidValidity?: bigint } = {};
    let done = 0;
    const download = await downloadInRanges(
      (start, length) => {
        done = start;
        return this.fetchRangeResuming(path, uid, start, length, expected, priority, () => ({ done, size: message.size }));
      },
      this.deps.rangeBytes(),
      LARGE_MESSAGE_BYTES + MAX_LINE_BYTES,
    );
    if (!download) {
      await this.deps.cache.apply([{ op: 'deleteMessages', ids: [message.id] }]);
      throw refusedError('NOT_FOUND', { kind: 'messageDeletedOnServer' });
    }
    return joinInSteps(download.pieces, download.length);
  }

  /** One range; when the connection drops during it, the same range again once reconnected (RANGE_RESUMES at most). */
  private async fetchRangeResuming(path: string, uid: number, start: number, length: number, expected: { uidValidity?: bigint }, priority: TaskPriority, progress: () => { done: number; size: number }): Promise<RangeAnswer | null> {
    for (let resumes = 0; ; resumes++) {
      try {
        return await this.fetchRange(path, uid, start, length, expected, priority);
      } catch (error) {
        if (!isTransientError(toWire(error)) || resumes >= RANGE_RESUMES || this.deps.connection.stopped) throw error;
        if (!(await this.deps.connection.waitUntilOnline(RESUME_WAIT_MS))) {
          throw refusedError('CONNECTION_LOST', { kind: 'downloadConnectionLost', ...progress() });
        }
      }
    }
  }

  private fetchRange(path: string, uid: number, start: number, length: number, expected: { uidValidity?: bigint }, priority: TaskPriority): Promise<RangeAnswer | null> {
    const connection = this.deps.connection;
    return connection.runTask(priority, `fetch message ${uid} from octet ${start}`, async () => {
      const client = connection.requireClient();
      const lock = await client.getMailboxLock(path);
      try {
        // RFC 3501 §2.3.1.1: a UID names the same message only while UIDVALIDITY stays the same
        // (a reconnect between two ranges may find the folder recreated).
        const uidValidity = client.mailbox ? client.mailbox.uidValidity : undefined;
        expected.uidValidity ??= uidValidity;
        if (uidValidity !== expected.uidValidity) {
          throw refusedError('PROTOCOL_ERROR', { kind: 'folderRecreatedWhileDownloading' });
        }
        // RFC 3501 §6.4.5: BODY.PEEK[]<start.length> (PEEK: opening decides about \Seen, not the fetch).
        const fetched = await client.fetchOne(String(uid), { uid: true, size: true, source: { start, maxLength: length } }, { uid: true });
        if (!fetched) return null;
        const origins = (fetched as { partialOrigins?: Map<string, number> }).partialOrigins;
        // No octets (NIL or ""): past the end of the message.
        return { bytes: fetched.source ?? Buffer.alloc(0), origin: origins?.get(''), size: fetched.size };
      } catch (error) {
        throw connection.brokenAnswer(client, error);
      } finally {
        lock.release();
      }
    });
  }
}
