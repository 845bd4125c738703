import { useEffect, useState } from 'react';
import type { TranscriptEntry } from '../../../common/model/transcript';
import type { WireError } from '../../../common/result';
import { getApi } from '../../bridge/api';

/** As many lines as main keeps per account. */
const MAX_LINES = 5_000;

function merge(known: TranscriptEntry[], more: TranscriptEntry[]): TranscriptEntry[] {
  const last = known.at(-1)?.seq ?? 0;
  const fresh = more.filter((e) => e.seq > last);
  if (fresh.length === 0) return known;
  const merged = [...known, ...fresh];
  return merged.length > MAX_LINES ? merged.slice(merged.length - MAX_LINES) : merged;
}

/**
 * An account's protocol transcript: what main kept so far, then each new line as it comes.
 * Lines that arrive while the first answer is on its way are kept and merged by sequence number.
 * Mount it with `key={accountId}` so another account starts empty.
 */
export function useTranscript(accountId: string): { entries: TranscriptEntry[] | null; error: WireError | null } {
  const [entries, setEntries] = useState<TranscriptEntry[] | null>(null);
  const [error, setError] = useState<WireError | null>(null);
  useEffect(() => {
    const api = getApi();
    let early: TranscriptEntry[] | null = [];
    const off = api.on('transcript:lines', ({ accountId: id, entries: lines }) => {
      if (id !== accountId) return;
      if (early) early.push(...lines);
      else setEntries((list) => merge(list ?? [], lines));
    });
    void api.commands['transcript:get']({ accountId }).then((result) => {
      const buffered = early ?? [];
      early = null;
      if (!result.ok) {
        setError(result.error);
        setEntries(buffered);
        return;
      }
      setEntries(merge(result.value, buffered));
    });
    return off;
  }, [accountId]);
  return { entries, error };
}
