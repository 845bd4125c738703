/** A sequence set (RFC 3501 §9 sequence-set) as inclusive ranges, "*" already resolved. */
export type SequenceRanges = Array<readonly [number, number]>;

/** RFC 3501 §9: nz-number is a 32-bit unsigned number, so no sequence number or UID exceeds it. */
const MAX_NUMBER = 4_294_967_295;
const SET = /^(?:\d+|\*)(?::(?:\d+|\*))?(?:,(?:\d+|\*)(?::(?:\d+|\*))?)*$/;

/**
 * Parses "1:4,7,9:*"; `largest` is what "*" means (the highest sequence number or UID in use).
 * Returns null when the text is not a sequence set, or holds a zero or a number above 4294967295.
 */
export function parseSequenceSet(text: string, largest: number): SequenceRanges | null {
  if (!SET.test(text)) return null;
  const ranges: SequenceRanges = [];
  for (const part of text.split(',')) {
    if (part.split(':').some((value) => value !== '*' && (Number(value) === 0 || Number(value) > MAX_NUMBER))) return null;
    // With an empty mailbox "*" is 0, and the range matches nothing.
    const [from = 0, to = from] = part.split(':').map((value) => (value === '*' ? largest : Number(value)));
    // RFC 3501 §9: "4:2" is "2:4", and "559:*" includes the last UID even when it is below 559.
    ranges.push([Math.min(from, to), Math.max(from, to)]);
  }
  return ranges;
}

/** Whether a number is in one of the ranges. */
export function inRanges(ranges: SequenceRanges, value: number): boolean {
  return ranges.some(([from, to]) => value >= from && value <= to);
}

/** Compact form of ascending numbers: [1,2,3,5] → "1:3,5" (also for VANISHED and COPYUID). */
export function formatSequenceSet(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const parts: string[] = [];
  let index = 0;
  while (index < sorted.length) {
    const start = sorted[index]!;
    let end = start;
    while (index + 1 < sorted.length && sorted[index + 1]! <= end + 1) {
      index += 1;
      end = sorted[index]!;
    }
    parts.push(start === end ? String(start) : `${start}:${end}`);
    index += 1;
  }
  return parts.join(',');
}

/** COPYUID keeps the pairing of source and destination UIDs, so it must not sort (RFC 4315 §3). */
export function formatUidList(values: readonly number[]): string {
  const parts: string[] = [];
  let index = 0;
  while (index < values.length) {
    const start = values[index]!;
    let end = start;
    while (index + 1 < values.length && values[index + 1] === end + 1) {
      index += 1;
      end = values[index]!;
    }
    parts.push(start === end ? String(start) : `${start}:${end}`);
    index += 1;
  }
  return parts.join(',');
}
