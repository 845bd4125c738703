import { defineMessage, defineMessages, type IntlShape, type MessageDescriptor } from 'react-intl';

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

export const STATUS_WORDS: Record<CompareStatus, MessageDescriptor> = defineMessages({
  same: { id: 'serverView.compare.status.same', defaultMessage: 'Same' },
  differs: { id: 'serverView.compare.status.differs', defaultMessage: 'Differs' },
  pending: { id: 'serverView.compare.status.pending', defaultMessage: 'On its way' },
  'local-only': { id: 'serverView.compare.status.localOnly', defaultMessage: 'Only here' },
  'server-only': { id: 'serverView.compare.status.serverOnly', defaultMessage: 'Only on the server' },
});

/** A message without a subject, wherever the server panel lists one. */
export const NO_SUBJECT = defineMessage({ id: 'serverView.table.noSubject', defaultMessage: '(no subject)' });

export function subjectOf(subject: string, intl: IntlShape): string {
  return subject || intl.formatMessage(NO_SUBJECT);
}

/** A message's state here in words: "read", "unread, flagged". */
export function stateWords(seen: boolean | 0 | 1, flagged: boolean | 0 | 1, intl: IntlShape): string {
  return intl.formatMessage(
    { id: 'serverView.compare.state', defaultMessage: '{seen, select, yes {read} other {unread}}{flagged, select, yes {, flagged} other {}}' },
    { seen: seen ? 'yes' : 'no', flagged: flagged ? 'yes' : 'no' },
  );
}
