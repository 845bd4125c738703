import type { TranscriptConnection, TranscriptEntry } from '../../common/model/transcript';
import { redactTranscriptText } from './redact';

const MAX_ENTRIES = 5_000;
/**
 * New lines go out in batches this often: a header sync writes tens of thousands of lines, and
 * one event per line kept the windows busier than the sync itself.
 */
const FLUSH_MS = 50;

export type TranscriptSink = (line: Omit<TranscriptEntry, 'seq' | 'at' | 'connection'>) => void;

/**
 * The protocol transcript of each account, in memory (the last 5,000 lines). Every line is
 * redacted here, before anyone can see it: the only way in is `sink()`, which masks secrets.
 */
export class TranscriptStore {
  private readonly entries = new Map<string, TranscriptEntry[]>();
  private readonly secrets = new Map<string, string[]>();
  private seq = 0;
  private readonly unsent = new Map<string, TranscriptEntry[]>();
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly now: () => number,
    private readonly onLines: (accountId: string, entries: TranscriptEntry[]) => void,
  ) {}

  /** The passwords of an account, masked wherever they would appear. */
  setSecrets(accountId: string, secrets: string[]): void {
    this.secrets.set(
      accountId,
      secrets.filter((s) => s.length > 0),
    );
  }

  sink(accountId: string, connection: TranscriptConnection): TranscriptSink {
    let afterContinuation = false;
    return (line) => {
      // A multi-line answer (SMTP EHLO) becomes one entry per line.
      for (const text of line.text.split(/\r?\n/)) {
        // RFC 4954/3501: after a "+" continuation, the client's line is a SASL response.
        const saslResponse = afterContinuation && line.direction === 'client';
        afterContinuation = line.direction === 'server' && /^\+( |$)|^334 /.test(text);
        const shown = saslResponse ? '********' : redactTranscriptText(text, this.secrets.get(accountId) ?? []);
        const entry: TranscriptEntry = { ...line, seq: ++this.seq, at: this.now(), connection, text: shown };
        const list = this.entries.get(accountId) ?? [];
        list.push(entry);
        if (list.length > MAX_ENTRIES) list.splice(0, list.length - MAX_ENTRIES);
        this.entries.set(accountId, list);
        this.queue(accountId, entry);
      }
    };
  }

  private queue(accountId: string, entry: TranscriptEntry): void {
    const batch = this.unsent.get(accountId) ?? [];
    batch.push(entry);
    this.unsent.set(accountId, batch);
    this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  /** Sends the lines not sent yet (also at once, for a caller that must not wait for the timer). */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const batches = [...this.unsent];
    this.unsent.clear();
    for (const [accountId, entries] of batches) this.onLines(accountId, entries);
  }

  get(accountId: string): TranscriptEntry[] {
    return [...(this.entries.get(accountId) ?? [])];
  }

  forget(accountId: string): void {
    this.unsent.delete(accountId);
    this.entries.delete(accountId);
    this.secrets.delete(accountId);
  }
}
