/** UIDs as an IMAP sequence set, ranges compressed: [1,2,3,7] → "1:3,7" (RFC 3501 §9 sequence-set). */
export function toSequenceSet(uids: Iterable<number>): string {
  const sorted = [...new Set(uids)].sort((a, b) => a - b);
  const parts: string[] = [];
  let start = sorted[0];
  let previous = sorted[0];
  for (let i = 1; i <= sorted.length; i++) {
    const uid = sorted[i];
    if (uid !== undefined && previous !== undefined && uid === previous + 1) {
      previous = uid;
      continue;
    }
    if (start !== undefined && previous !== undefined) parts.push(start === previous ? `${start}` : `${start}:${previous}`);
    start = uid;
    previous = uid;
  }
  return parts.join(',');
}

/** Expands a sequence set without `*` ("1:3,7" → [1,2,3,7]). */
export function fromSequenceSet(set: string): number[] {
  const out: number[] = [];
  for (const part of set.split(',')) {
    if (!part) continue;
    const [a, b] = part.split(':');
    const from = Number(a);
    const to = b === undefined ? from : Number(b);
    if (!Number.isInteger(from) || !Number.isInteger(to)) continue;
    for (let uid = Math.min(from, to); uid <= Math.max(from, to); uid++) out.push(uid);
  }
  return out;
}
