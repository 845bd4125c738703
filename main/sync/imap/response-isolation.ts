import type { ErrorCode } from '../../../common/errors';
import type { UnreadableReason } from '../../../common/model/mail';
import type { WireError } from '../../../common/result';
import { isServerMisbehaviour } from '../../protocols/connection-errors';

/** A header FETCH on the wire: which folder and UIDs it asked for. */
export interface FetchOnWire {
  folderId: string;
  /** Empty when the FETCH named a range ("6:*") whose UIDs were not listed first. */
  uids: number[];
  range: string;
}

/** A folder's suspects: UIDs, or a whole range that must be listed (UID SEARCH) before fetching. */
type Suspects = number[] | 'whole range';

/** What a broken connection tells about the header fetch it was running. */
export type BreakVerdict =
  /** No header fetch was on the wire: nothing to isolate. */
  | { kind: 'none' }
  /** The fetch of these UIDs broke it; the next fetch of them is split in halves. */
  | { kind: 'narrowing'; fetch: FetchOnWire }
  /** This one UID's answer broke it: it is recorded as unreadable and never fetched again. */
  | { kind: 'unreadable'; fetch: FetchOnWire; uid: number; reason: UnreadableReason };

/** Why a single message's answer is unreadable, after the way it broke the connection. */
const REASONS: Partial<Record<ErrorCode, UnreadableReason>> = {
  SERVER_STALLED: { kind: 'stalled' },
  RESPONSE_TOO_LARGE: { kind: 'tooLarge' },
  PROTOCOL_ERROR: { kind: 'malformed', detail: null },
  CONNECTION_LOST: { kind: 'connectionLost' },
};

/** A single UID whose fetch broke the connection without blaming the server (a reset): once more. */
const STRIKES_FOR_PLAIN_LOSS = 2;

/**
 * Finds the one message whose FETCH answer breaks the connection (imapflow cannot read it, it
 * never ends, or it stalls), by bisection across reconnects: the UIDs on the wire when the
 * connection broke become the folder's suspect set, the next fetch of them goes in halves, and a
 * single UID that breaks it is unreadable. The good messages around it arrive meanwhile.
 *
 * Invariants: one suspect set per folder, always a subset of the last set that broke; a UID is
 * declared unreadable only by its own single-UID fetch, after a failure that blames the server
 * (stall, oversized or unreadable answer) or after two plain connection losses.
 */
export class ResponseIsolation {
  private onWire: FetchOnWire | null = null;
  private readonly suspects = new Map<string, Suspects>();
  private readonly strikes = new Map<string, number>();
  private readonly unreadable = new Map<string, Map<number, UnreadableReason>>();

  /** `onUnreadable` hears of each message found unreadable (to tell the user). */
  constructor(private readonly onUnreadable: (folderId: string, uid: number, reason: UnreadableReason) => void = () => undefined) {}

  /** The FETCH commands to ask for `uids` in: a suspect set goes in halves, before the rest. */
  plan(folderId: string, uids: number[]): number[][] {
    const suspects = this.suspects.get(folderId) ?? [];
    const suspect = new Set(suspects === 'whole range' ? uids : suspects);
    const inSuspect = uids.filter((uid) => suspect.has(uid));
    const rest = uids.filter((uid) => !suspect.has(uid));
    if (inSuspect.length === 0) return rest.length ? [rest] : [];
    const half = Math.ceil(inSuspect.length / 2);
    return [inSuspect.slice(0, half), inSuspect.slice(half), rest].filter((chunk) => chunk.length > 0);
  }

  /**
   * A range ("6:*") must be listed before it is fetched: the folder has suspects to fetch apart,
   * or unreadable messages that a range could include again.
   */
  mustListRange(folderId: string): boolean {
    return this.suspects.has(folderId) || (this.unreadable.get(folderId)?.size ?? 0) > 0;
  }

  /** The UIDs of the range that broke were listed: they are the suspects now. */
  rangeListed(folderId: string, uids: number[]): void {
    if (this.suspects.get(folderId) !== 'whole range') return;
    if (uids.length) this.suspects.set(folderId, uids);
    else this.suspects.delete(folderId);
  }

  /** UIDs already found unreadable in this folder, with the reason. */
  unreadableIn(folderId: string): ReadonlyMap<number, UnreadableReason> {
    return this.unreadable.get(folderId) ?? new Map<number, UnreadableReason>();
  }

  markUnreadable(folderId: string, uid: number, reason: UnreadableReason): void {
    const known = this.unreadable.get(folderId) ?? new Map<number, UnreadableReason>();
    known.set(uid, reason);
    this.unreadable.set(folderId, known);
    this.onUnreadable(folderId, uid, reason);
    this.cleared(folderId, [uid]);
  }

  /** Runs one FETCH of `uids` (or of `range`), remembering it as the one on the wire until it settles. */
  async onTheWire<T>(folderId: string, uids: number[], fetch: () => Promise<T>, range = ''): Promise<T> {
    const entry = { folderId, uids, range };
    this.onWire = entry;
    try {
      const result = await fetch();
      if (uids.length === 1) this.strikes.delete(`${folderId}#${uids[0]}`);
      this.cleared(folderId, uids);
      return result;
    } finally {
      if (this.onWire === entry) this.onWire = null;
    }
  }

  /** These UIDs came through: they are no longer suspect. */
  private cleared(folderId: string, uids: number[]): void {
    const suspect = this.suspects.get(folderId);
    if (!suspect || suspect === 'whole range') return;
    const done = new Set(uids);
    const left = suspect.filter((uid) => !done.has(uid));
    if (left.length) this.suspects.set(folderId, left);
    else this.suspects.delete(folderId);
  }

  /** The connection broke with `failure`: blames the fetch that was on the wire, if any. */
  connectionBroke(failure: WireError): BreakVerdict {
    const fetch = this.onWire;
    this.onWire = null;
    if (!fetch) return { kind: 'none' };
    if (fetch.uids.length === 1) {
      const uid = fetch.uids[0]!;
      const key = `${fetch.folderId}#${uid}`;
      const strikes = (this.strikes.get(key) ?? 0) + 1;
      this.strikes.set(key, strikes);
      if (isServerMisbehaviour(failure) || strikes >= STRIKES_FOR_PLAIN_LOSS) {
        this.strikes.delete(key);
        const reason = REASONS[failure.code] ?? REASONS.CONNECTION_LOST!;
        this.markUnreadable(fetch.folderId, uid, reason);
        return { kind: 'unreadable', fetch, uid, reason };
      }
    }
    this.suspects.set(fetch.folderId, fetch.uids.length ? fetch.uids : 'whole range');
    return { kind: 'narrowing', fetch };
  }
}
