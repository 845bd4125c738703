import { messageIdList } from '../model/message-id';
import { MAX_REFERENCES } from './jwz';

/** Longer than any id a mailer writes (RFC 5322 §2.1.1 limits a line to 998 characters). */
const MAX_ID_LENGTH = 998;

/**
 * A References header's value (unfolded) as the ids a record keeps: each in the canonical form of
 * common/model/message-id.ts, at most the last MAX_REFERENCES (the nearest ancestors, which are
 * all threading reads), none longer than a header line. A 10,000-id header costs one pass.
 */
export function boundedReferences(value: string): string[] {
  // The tail that can hold the last ids whole; an id cut at its start has no "<" and is not read.
  return messageIdList(value.slice(-MAX_REFERENCES * (MAX_ID_LENGTH + 3)))
    .slice(-MAX_REFERENCES)
    .filter((id) => id.length <= MAX_ID_LENGTH);
}
