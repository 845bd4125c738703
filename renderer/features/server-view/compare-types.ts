/** One side of a compare row: what it is, and the facts that matter for the comparison. */
export interface CompareSide {
  subject: string;
  detail: string;
}

/**
 * `same`: nothing to explain; `differs`: both sides have it, in different states; `pending`: a
 * change made here is on its way; `local-only` / `server-only`: one side has it.
 */
export type CompareStatus = 'same' | 'differs' | 'pending' | 'local-only' | 'server-only';

/** One row of "here vs the server": a message (or folder) on either side, and why they differ. */
export interface CompareRow {
  key: string;
  local: CompareSide | null;
  server: CompareSide | null;
  status: CompareStatus;
  explanation: string;
}

export const STATUS_WORDS: Record<CompareStatus, string> = {
  same: 'Same',
  differs: 'Differs',
  pending: 'On its way',
  'local-only': 'Only here',
  'server-only': 'Only on the server',
};

export function subjectOf(subject: string): string {
  return subject || '(no subject)';
}
