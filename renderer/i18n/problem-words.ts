import type { IntlShape } from 'react-intl';
import type { MessageProblemWords, MessageRecord, PopStoreReason, UnreadableReason } from '../../common/model/mail';
import { sizeText } from './sizes';

/** Why a POP message could not be stored; the detail is the cache's or the parser's own words. */
export function popStoreReasonText(reason: PopStoreReason, intl: IntlShape): string {
  return reason.kind === 'cacheRefused'
    ? intl.formatMessage({ id: 'problems.popStore.cacheRefused', defaultMessage: 'the local cache refused it ({detail})' }, { detail: reason.detail })
    : intl.formatMessage({ id: 'problems.popStore.unprocessable', defaultMessage: 'it could not be processed ({detail})' }, { detail: reason.detail });
}

/** Why an IMAP server's answer for a message could not be read; a parser's detail is its own words. */
export function unreadableReasonText(reason: UnreadableReason, intl: IntlShape): string {
  switch (reason.kind) {
    case 'stalled':
      return intl.formatMessage({ id: 'problems.unreadable.stalled', defaultMessage: 'the server stopped answering in the middle of it' });
    case 'tooLarge':
      return intl.formatMessage({ id: 'problems.unreadable.tooLarge', defaultMessage: 'it was far larger than any mail server sends' });
    case 'malformed':
      return reason.detail === null
        ? intl.formatMessage({ id: 'problems.unreadable.malformed', defaultMessage: 'the response was malformed' })
        : intl.formatMessage({ id: 'problems.unreadable.malformedBecause', defaultMessage: 'its FETCH response is malformed ({detail})' }, { detail: reason.detail });
    case 'connectionLost':
      return intl.formatMessage({ id: 'problems.unreadable.connectionLost', defaultMessage: 'the server closed the connection in the middle of it' });
    case 'notSent':
      return intl.formatMessage({ id: 'problems.unreadable.notSent', defaultMessage: 'the server did not send it' });
    default: {
      const never: never = reason;
      return never;
    }
  }
}

/** The sentence of a POP message that could not be stored: the notice and the message's row say it. */
export function popNotStoredText(words: Extract<MessageProblemWords, { kind: 'popNotStored' }>, intl: IntlShape): string {
  return intl.formatMessage(
    {
      id: 'notices.popNotStored',
      defaultMessage: 'Message {number} on the server ({size}, UIDL {uidl}) could not be stored here: {reason}. It stays on the server and is not downloaded again.',
    },
    {
      number: String(words.number),
      size: sizeText(words.size, intl),
      uidl: words.uidl ?? intl.formatMessage({ id: 'notices.popNotStored.noUidl', defaultMessage: 'none' }),
      reason: popStoreReasonText(words.reason, intl),
    },
  );
}

const isText = (value: unknown): value is string => typeof value === 'string';
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

const UNREADABLE_KINDS: ReadonlySet<unknown> = new Set(['stalled', 'tooLarge', 'malformed', 'connectionLost', 'notSent']);

function isUnreadableReason(value: unknown): value is UnreadableReason {
  if (typeof value !== 'object' || value === null) return false;
  const reason = value as Record<string, unknown>;
  return UNREADABLE_KINDS.has(reason.kind) && (reason.kind !== 'malformed' || reason.detail === null || isText(reason.detail));
}

/** The stored words, if they are what this version writes (a record is data from the cache: checked before use). */
function validWords(value: unknown): MessageProblemWords | null {
  if (typeof value !== 'object' || value === null) return null;
  const words = value as Record<string, unknown>;
  if (words.kind === 'unreadable') return isCount(words.uid) && isUnreadableReason(words.reason) ? (words as MessageProblemWords) : null;
  if (words.kind !== 'popNotStored' || !isCount(words.number) || !isCount(words.size) || !(words.uidl === null || isText(words.uidl))) return null;
  const reason = words.reason as Record<string, unknown> | null;
  return typeof reason === 'object' && reason !== null && (reason.kind === 'cacheRefused' || reason.kind === 'unprocessable') && isText(reason.detail) ? (words as MessageProblemWords) : null;
}

/**
 * Why a message cannot be shown, in the window's language: from its words where it has them, and
 * main's English `problem` otherwise (a record stored before they existed). Null for a readable message.
 */
export function problemText(message: Pick<MessageRecord, 'problem' | 'problemWords'>, intl: IntlShape): string | null {
  if (!message.problem) return null;
  const words = validWords(message.problemWords);
  if (!words) return message.problem;
  if (words.kind === 'popNotStored') return popNotStoredText(words, intl);
  return intl.formatMessage({ id: 'problems.unreadable', defaultMessage: 'UID {uid}: the server’s answer for this message could not be read: {reason}.' }, { uid: String(words.uid), reason: unreadableReasonText(words.reason, intl) });
}
