import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { OutboxItem } from '../../common/commands/mail-commands';
import type { NoticeWords, OutgoingMessage } from '../../common/contract';
import { decodeWire, encodeWire } from '../../common/wire';
import { writeFileDurable } from '../../node-lib/durable-file';
import { refusedError } from '../protocols/protocol-error';

/**
 * Undo send: a message the user sent waits here for a few seconds (their choice), in
 * `outbox.json`, before it goes to the server. Until then it can be taken back whole. Kept on disk
 * from the moment Send is pressed, so a message in its wait survives the app's end: at the next
 * start it is sent if its time has come. A message whose upload had begun when the app ended is
 * never sent again (the server may have it): it is kept as a draft, and the user told.
 */

interface OutboxEntry {
  id: string;
  message: OutgoingMessage;
  /** Its Message-ID, the same when it is sent as when Send was pressed. */
  messageId: string;
  sendAt: number;
  /** `uploading` is written before the message goes to the server, so a restart knows it may have gone. */
  state: 'waiting' | 'uploading';
}

export interface OutboxDeps {
  profileDir: string;
  now: () => number;
  /** Uploads it (SMTP, then the copy in Sent, then its drafts removed). */
  send: (message: OutgoingMessage, messageId: string) => Promise<void>;
  /** Keeps it as a draft (its composer's draft, replaced): a failed or doubtful send loses nothing. */
  keepAsDraft: (message: OutgoingMessage) => Promise<void>;
  /** What is waiting changed: the windows show it (`outbox:changed`). */
  changed: (items: OutboxItem[]) => void;
  /** Tells the user what became of a message they can no longer see (sent, failed, kept). */
  told: (message: OutgoingMessage, level: 'info' | 'warning' | 'error', words: NoticeWords) => void;
}

/** The subject a notice names ('' when it has none: the UI says "the message without a subject"). */
function subjectOf(message: OutgoingMessage): string {
  return message.subject.trim();
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class Outbox {
  private readonly path: string;
  private entries: OutboxEntry[] = [];
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private saving: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly deps: OutboxDeps) {
    this.path = join(deps.profileDir, 'outbox.json');
  }

  /** What is waiting, for a window that opens now. */
  items(): OutboxItem[] {
    return this.entries.map((e) => ({ id: e.id, accountId: e.message.accountId, deviceId: e.message.deviceId, subject: e.message.subject, to: e.message.to, sendAt: e.sendAt, state: e.state }));
  }

  /** Puts a message in its wait; resolves once it is on disk. */
  async add(message: OutgoingMessage, messageId: string, delayMs: number): Promise<OutboxItem> {
    const entry: OutboxEntry = { id: randomUUID(), message, messageId, sendAt: this.deps.now() + delayMs, state: 'waiting' };
    this.entries.push(entry);
    await this.save();
    this.schedule(entry);
    return this.items().find((i) => i.id === entry.id)!;
  }

  /** Takes a waiting message back, whole (the composer opens with it); NOT_FOUND once it went. */
  async takeBack(id: string): Promise<OutgoingMessage> {
    const entry = this.entries.find((e) => e.id === id);
    if (!entry || entry.state !== 'waiting') throw refusedError('NOT_FOUND', { kind: 'tooLateToUndo' });
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    this.entries = this.entries.filter((e) => e !== entry);
    await this.save();
    return entry.message;
  }

  /**
   * Reads what the last run left (after the accounts' devices started): waiting messages are sent
   * when their time comes (at once if it has passed); one whose upload had begun is kept as a
   * draft instead, since the server may have it already.
   */
  async resume(): Promise<void> {
    this.entries = await this.read();
    for (const entry of this.entries.filter((e) => e.state === 'uploading')) {
      this.entries = this.entries.filter((e) => e !== entry);
      await this.keep(entry, 'warning', { kind: 'stoppedWhileSending', subject: subjectOf(entry.message) });
    }
    await this.save();
    for (const entry of this.entries) this.schedule(entry);
  }

  /** What the file holds; a file that cannot be read is set aside whole (renamed), never overwritten. */
  private async read(): Promise<OutboxEntry[]> {
    const text = await readFile(this.path, 'utf8').catch(() => null);
    if (text === null) return [];
    try {
      const list = decodeWire(text);
      if (Array.isArray(list)) return list as OutboxEntry[];
    } catch {
      // Set aside below.
    }
    const aside = `${this.path}.unreadable-${this.deps.now()}`;
    await rename(this.path, aside).catch(() => undefined);
    console.error(`Porthole: the outbox could not be read; it was kept as ${aside}.`);
    return [];
  }

  /** Sends nothing more; resolves once the last write is on disk. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await this.saving.catch(() => undefined);
  }

  private schedule(entry: OutboxEntry): void {
    if (this.stopped) return;
    const timer = setTimeout(() => void this.upload(entry), Math.max(0, entry.sendAt - this.deps.now()));
    this.timers.set(entry.id, timer);
  }

  private async upload(entry: OutboxEntry): Promise<void> {
    this.timers.delete(entry.id);
    if (!this.entries.includes(entry) || this.stopped) return;
    try {
      entry.state = 'uploading';
      await this.save();
      let failure: unknown = null;
      try {
        await this.deps.send(entry.message, entry.messageId);
      } catch (error) {
        failure = error;
      }
      this.entries = this.entries.filter((e) => e !== entry);
      await this.save();
      if (failure === null) this.deps.told(entry.message, 'info', { kind: 'sent', subject: subjectOf(entry.message) });
      else await this.keep(entry, 'error', { kind: 'notSent', subject: subjectOf(entry.message), reason: errorText(failure) });
    } catch (error) {
      // The profile could not be written: the message is where the last write left it.
      console.error('Porthole: the outbox could not be saved:', errorText(error));
    }
  }

  private async keep(entry: OutboxEntry, level: 'warning' | 'error', words: NoticeWords): Promise<void> {
    try {
      await this.deps.keepAsDraft(entry.message);
      this.deps.told(entry.message, level, words);
    } catch (error) {
      // Not even a draft could be saved (the account is gone): the text is said in full instead.
      this.deps.told(entry.message, 'error', { kind: 'notSentNotKept', subject: subjectOf(entry.message), reason: errorText(error), to: entry.message.to, text: entry.message.text });
    }
  }

  /**
   * One write at a time, each of the latest list. The windows hear of each once it is on disk: a
   * "Sending…" shown means the message survives the app's end from then on.
   */
  private save(): Promise<void> {
    const snapshot = encodeWire(this.entries);
    const items = this.items();
    const write = this.saving.catch(() => undefined).then(() => writeFileDurable(this.path, snapshot));
    this.saving = write;
    return write.then(() => this.deps.changed(items));
  }
}
