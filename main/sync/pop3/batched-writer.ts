import type { CacheOp } from '../../../common/cache-protocol';
import { isProtocolError } from '../../protocols/protocol-error';
import type { DeviceCacheAccess } from '../backend';

/**
 * A check's cache writes grouped in transactions of up to this many messages, or this many
 * bytes; the first transactions are smaller (1, 2, 4, …), so the first messages show at once.
 */
const WRITE_BATCH_MESSAGES = 100;
const WRITE_BATCH_BYTES = 4 * 1024 * 1024;

/** One message's writes: committed together, or refused together. */
export interface MessageWrite {
  ops: CacheOp[];
  bytes: number;
  /** The cache refused these writes even alone (e.g. its quota): record it, or throw to stop the check. */
  refused(reason: string): Promise<void>;
}

/**
 * The check's downloads, written in batches while the next messages download: each message is in
 * the same transaction as the record that it was downloaded, and at most one batch is in flight.
 *
 * Policy: a refused batch is tried again message by message, so one message the cache will not
 * take costs only that message (its `refused` is called); the others commit. A cache that did not
 * answer (timeout) or is gone (its host keeps crashing) says nothing about the messages: that
 * stops the check like a dropped connection, and the next check tries them again. `drain()`
 * resolves once everything queued committed or was refused, and rejects if a `refused` threw or
 * the cache was out.
 */
export class BatchedWriter {
  private writes: MessageWrite[] = [];
  private bytes = 0;
  private inFlight: Promise<void> = Promise.resolve();
  private sent = 0;

  constructor(private readonly cache: DeviceCacheAccess) {}

  async add(write: MessageWrite): Promise<void> {
    this.writes.push(write);
    this.bytes += write.bytes;
    const limit = Math.min(WRITE_BATCH_MESSAGES, 2 ** this.sent);
    if (this.writes.length >= limit || this.bytes >= WRITE_BATCH_BYTES) await this.send();
  }

  private async send(): Promise<void> {
    await this.inFlight;
    const writes = this.writes;
    this.writes = [];
    this.bytes = 0;
    if (writes.length === 0) return;
    this.sent += 1;
    this.inFlight = this.commit(writes);
    // Awaited by the next send() or drain(); never an unhandled rejection meanwhile.
    this.inFlight.catch(() => undefined);
  }

  private async commit(writes: MessageWrite[]): Promise<void> {
    try {
      await this.cache.apply(writes.flatMap((w) => w.ops));
      return;
    } catch (error) {
      if (isCacheOutage(error)) throw error;
      if (writes.length === 1) return writes[0]!.refused(reasonOf(error));
    }
    for (const write of writes) {
      try {
        await this.cache.apply(write.ops);
      } catch (error) {
        if (isCacheOutage(error)) throw error;
        await write.refused(reasonOf(error));
      }
    }
  }

  async drain(): Promise<void> {
    await this.send();
    await this.inFlight;
  }
}

/** The cache did not refuse the writes: it did not answer, or its host is down. */
function isCacheOutage(error: unknown): boolean {
  return isProtocolError(error) && (error.wire.code === 'CACHE_TIMEOUT' || error.wire.code === 'CACHE_UNAVAILABLE');
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
