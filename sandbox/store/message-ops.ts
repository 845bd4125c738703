import { changedFlags, flagSet, hasFlag, sameFlags, type FlagOperation } from './flags';
import { dovecotUidl } from './uidl';
import type { ChangeOrigin, FolderRecord, MessageRecord, StoreEvent } from './types';

/**
 * The message mutations, on the in-memory folders only. Each returns the events it caused;
 * MailStore emits them and makes the change durable. Every change takes a new mod-sequence
 * from its folder (RFC 7162 §3.1.1), so HIGHESTMODSEQ only grows.
 */

export interface NewMessage {
  blobId: string;
  size: number;
  flags: readonly string[];
  internalDate: number;
}

/** RFC 3501 §2.3.1.1: the next UID, strictly ascending; the UIDL is set only in INBOX. */
export function addMessage(folder: FolderRecord, message: NewMessage, origin: ChangeOrigin): { record: MessageRecord; event: StoreEvent } {
  const uid = folder.uidNext;
  folder.uidNext += 1;
  folder.highestModseq += 1;
  const record: MessageRecord = {
    uid,
    modseq: folder.highestModseq,
    flags: flagSet(message.flags),
    internalDate: message.internalDate,
    size: message.size,
    blobId: message.blobId,
    popUidl: folder.name === 'INBOX' ? dovecotUidl(uid, folder.uidValidity) : null,
  };
  folder.messages.push(record);
  return { record, event: { kind: 'exists', folderId: folder.id, uid, origin } };
}

export interface FlagChange {
  operation: FlagOperation;
  flags: readonly string[];
  /** RFC 7162 §3.1.3 UNCHANGEDSINCE: leave messages changed after this mod-sequence alone. */
  unchangedSince?: number;
}

export interface FlagResult {
  /** The messages the change applied to (changed or already so), in UID order. */
  stored: MessageRecord[];
  /** UIDs that failed the UNCHANGEDSINCE test (RFC 7162 §3.1.3 MODIFIED). */
  modified: number[];
  events: StoreEvent[];
}

/** STORE on the given UIDs; messages changed after `unchangedSince` are left alone and reported. */
export function updateFlags(folder: FolderRecord, uids: ReadonlySet<number>, change: FlagChange, origin: ChangeOrigin): FlagResult {
  const result: FlagResult = { stored: [], modified: [], events: [] };
  for (const message of folder.messages) {
    if (!uids.has(message.uid)) continue;
    if (change.unchangedSince !== undefined && message.modseq > change.unchangedSince) {
      result.modified.push(message.uid);
      continue;
    }
    const flags = changedFlags(message.flags, change.operation, change.flags);
    // RFC 7162 §3.1.3: a store that changes nothing does not take a new mod-sequence.
    if (!sameFlags(flags, message.flags)) {
      folder.highestModseq += 1;
      message.modseq = folder.highestModseq;
      message.flags = flags;
      result.events.push({ kind: 'flags', folderId: folder.id, uid: message.uid, flags, modseq: message.modseq, origin });
    }
    result.stored.push(message);
  }
  return result;
}

/**
 * Removes the given messages (or, with null, every message flagged \Deleted) and logs them with
 * one new mod-sequence for QRESYNC. Returns the UIDs removed, ascending.
 */
export function removeMessages(folder: FolderRecord, uids: ReadonlySet<number> | null, origin: ChangeOrigin): { uids: number[]; event: StoreEvent | null } {
  const doomed = (message: MessageRecord) => (uids === null ? hasFlag(message.flags, '\\Deleted') : uids.has(message.uid));
  const removed = folder.messages.filter(doomed).map((message) => message.uid);
  if (removed.length === 0) return { uids: [], event: null };
  folder.messages = folder.messages.filter((message) => !doomed(message));
  folder.highestModseq += 1;
  const modseq = folder.highestModseq;
  for (const uid of removed) folder.expunged.push({ uid, modseq });
  return { uids: removed, event: { kind: 'expunge', folderId: folder.id, uids: removed, modseq, origin } };
}

export interface CopyResult {
  /** RFC 4315 COPYUID: the destination's UIDVALIDITY and the UIDs, in matching order. */
  uidValidity: number;
  sourceUids: number[];
  destinationUids: number[];
  events: StoreEvent[];
}

/** RFC 3501 §6.4.7: copies keep their flags and internal date; they get new UIDs. */
export function copyMessages(source: FolderRecord, uids: ReadonlySet<number>, destination: FolderRecord, origin: ChangeOrigin): CopyResult {
  const result: CopyResult = { uidValidity: destination.uidValidity, sourceUids: [], destinationUids: [], events: [] };
  const originals = source.messages.filter((message) => uids.has(message.uid));
  for (const original of originals) {
    const { record, event } = addMessage(destination, original, origin);
    result.sourceUids.push(original.uid);
    result.destinationUids.push(record.uid);
    result.events.push(event);
  }
  return result;
}

/** The message with this UID, by binary search (messages are in UID order). */
export function findMessage(folder: FolderRecord, uid: number): MessageRecord | undefined {
  let low = 0;
  let high = folder.messages.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const message = folder.messages[middle]!;
    if (message.uid === uid) return message;
    if (message.uid < uid) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}
