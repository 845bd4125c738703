import type { MessageRecord } from '../../../common/model/mail';

const isAddress = (value: unknown): boolean => typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string' && typeof (value as { address?: unknown }).address === 'string';

/**
 * Whether a cached record has what a list row reads, of the right types. A corrupt or hostile
 * record (`subject: {x: 1}`, `from: 42`) is not rendered: its row says it cannot be shown, and
 * the rows around it show as usual.
 */
export function isShowableRecord(record: unknown): record is MessageRecord {
  if (typeof record !== 'object' || record === null) return false;
  const r = record as Record<string, unknown>;
  return (
    typeof r.subject === 'string' &&
    typeof r.snippet === 'string' &&
    typeof r.date === 'number' &&
    Array.isArray(r.from) &&
    r.from.every(isAddress) &&
    (r.problem === undefined || r.problem === null || typeof r.problem === 'string')
  );
}
