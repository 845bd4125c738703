import type { StoreEvent } from '../store/types';
import { formatSequenceSet } from './sequence-set';
import type { Wire } from './response';

export interface DrainOptions {
  /** RFC 3501 §7.4.1: no EXPUNGE while answering FETCH, STORE or SEARCH; they wait. */
  expunges: boolean;
  /** RFC 7162 §3.2.10: with QRESYNC enabled, VANISHED replaces EXPUNGE. */
  qresync: boolean;
  /** RFC 7162 §3.1.4: with CONDSTORE in use, flag changes carry their MODSEQ. */
  condstore: boolean;
}

/**
 * The selected mailbox as one session's client knows it: the UIDs in sequence-number order.
 * Changes by others queue here and reach the client only when `drain` reports them, so sequence
 * numbers always mean what the client thinks they mean (RFC 3501 §7.4.1, §5.5).
 */
export class MailboxView {
  private uidList: number[];
  private pending: StoreEvent[] = [];
  /** The mailbox was deleted by another session. */
  gone = false;

  constructor(
    readonly folderId: string,
    readonly readOnly: boolean,
    uids: readonly number[],
  ) {
    this.uidList = [...uids];
  }

  get exists(): number {
    return this.uidList.length;
  }

  get uids(): readonly number[] {
    return this.uidList;
  }

  /** The highest UID the client knows, for "*" in UID sets. */
  get largestUid(): number {
    return this.uidList[this.uidList.length - 1] ?? 0;
  }

  uidAt(sequence: number): number | undefined {
    return this.uidList[sequence - 1];
  }

  /** The sequence number of a UID, or 0 when the client does not know it. */
  sequenceOf(uid: number): number {
    let low = 0;
    let high = this.uidList.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const candidate = this.uidList[middle]!;
      if (candidate === uid) return middle + 1;
      if (candidate < uid) low = middle + 1;
      else high = middle - 1;
    }
    return 0;
  }

  /** A change in this mailbox made by someone; it waits for the next drain. */
  enqueue(event: StoreEvent): void {
    if (event.kind === 'folder-deleted') this.gone = true;
    if (event.kind === 'exists' || event.kind === 'expunge' || event.kind === 'flags') this.pending.push(event);
  }

  /** The session's own expunge, already answered by its command: the UIDs leave the view now. */
  remove(uids: readonly number[]): number[] {
    const removed = new Set(uids);
    const sequences = this.uidList.flatMap((uid, index) => (removed.has(uid) ? [index + 1] : []));
    this.uidList = this.uidList.filter((uid) => !removed.has(uid));
    return sequences;
  }

  /** Applies the queued changes to the view and returns the untagged responses that tell them. */
  drain(options: DrainOptions): Wire[][] {
    const responses: Wire[][] = [];
    const held: StoreEvent[] = [];
    let announced = this.uidList.length;
    const announceExists = () => {
      if (announced !== this.uidList.length) responses.push([this.uidList.length, 'EXISTS']);
      announced = this.uidList.length;
    };
    for (const event of this.pending) {
      if (event.kind === 'exists') {
        if (event.uid > this.largestUid) this.uidList.push(event.uid);
      } else if (event.kind === 'expunge') {
        if (!options.expunges) {
          held.push(event);
          continue;
        }
        announceExists();
        const known = event.uids.filter((uid) => this.sequenceOf(uid) > 0);
        if (options.qresync) {
          if (known.length > 0) responses.push(['VANISHED', formatSequenceSet(known)]);
          this.remove(known);
        } else {
          // Each EXPUNGE renumbers the ones after it (RFC 3501 §7.4.1), so they go highest first.
          for (const uid of [...known].reverse()) responses.push([this.sequenceOf(uid), 'EXPUNGE']);
          this.remove(known);
        }
        announced = this.uidList.length;
      } else if (event.kind === 'flags') {
        const sequence = this.sequenceOf(event.uid);
        if (sequence === 0) continue;
        announceExists();
        const items: Wire[] = ['UID', event.uid, 'FLAGS', event.flags];
        if (options.condstore) items.push('MODSEQ', [event.modseq]);
        responses.push([sequence, 'FETCH', items]);
      }
    }
    announceExists();
    this.pending = held;
    return responses;
  }
}
