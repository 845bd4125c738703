import { createHash } from 'node:crypto';
import type { MailAddress } from '../../../common/model/mail';
import { normalizeMessageId } from '../../../common/model/message-id';

/**
 * Dovecot's default POP3 UIDL is `%08Xu%08Xv`: the IMAP UID and the UIDVALIDITY in hex
 * (doc.dovecot.org pop3_uidl_format), so a POP download can be found again over IMAP.
 */
export function uidFromDovecotUidl(uidl: string, uidValidity: number): number | null {
  const match = /^([0-9a-f]{8})([0-9a-f]{8})$/i.exec(uidl.trim());
  if (!match) return null;
  return parseInt(match[2]!, 16) === uidValidity ? parseInt(match[1]!, 16) : null;
}

/** The last resort of matching: a hash of date + from + subject + size (ARCHITECTURE.md §2, invariant 5). */
export function fingerprintKey(date: number, from: MailAddress[], subject: string, size: number): string {
  const sender = (from[0]?.address ?? '').toLowerCase();
  // Header dates have whole seconds; the cache stores milliseconds.
  return createHash('sha256').update(`${Math.floor(date / 1000)}|${sender}|${subject.trim()}|${size}`).digest('hex');
}

export type MatchedBy = 'uidl' | 'messageId' | 'hash';

export interface MatchCandidate {
  key: string;
  uidl: string | null;
  messageId: string;
  fingerprint: string;
}

export interface ServerCandidate {
  uid: number;
  messageId: string;
  fingerprint: string;
}

/**
 * Pairs local messages with server messages: by UIDL (Dovecot's format) first, then by
 * Message-ID, then by the date/from/subject/size hash; each server message is used once.
 */
export function matchMessages(local: MatchCandidate[], server: ServerCandidate[], uidValidity: number): Map<string, { uid: number; by: MatchedBy }> {
  const out = new Map<string, { uid: number; by: MatchedBy }>();
  const free = new Map(server.map((s) => [s.uid, s]));
  const take = (key: string, uid: number, by: MatchedBy): void => {
    out.set(key, { uid, by });
    free.delete(uid);
  };
  for (const l of local) {
    const uid = l.uidl ? uidFromDovecotUidl(l.uidl, uidValidity) : null;
    if (uid !== null && free.has(uid)) take(l.key, uid, 'uidl');
  }
  // Compared in the canonical form: a record stored before it existed may still carry the
  // ENVELOPE's comments ("<a@b> (added by …)") that the parsed header does not.
  const byMessageId = (): Map<string, ServerCandidate[]> => {
    const index = new Map<string, ServerCandidate[]>();
    for (const s of free.values()) {
      const id = normalizeMessageId(s.messageId);
      if (id) index.set(id, [...(index.get(id) ?? []), s]);
    }
    return index;
  };
  let index = byMessageId();
  for (const l of local) {
    const id = normalizeMessageId(l.messageId);
    if (out.has(l.key) || !id) continue;
    const candidates = (index.get(id) ?? []).filter((c) => free.has(c.uid));
    // Prefer the one whose fingerprint agrees (copies of a list mail share a Message-ID).
    const chosen = candidates.find((c) => c.fingerprint === l.fingerprint) ?? (candidates.length === 1 ? candidates[0] : undefined);
    if (chosen) take(l.key, chosen.uid, 'messageId');
  }
  index = new Map();
  for (const s of free.values()) index.set(s.fingerprint, [...(index.get(s.fingerprint) ?? []), s]);
  for (const l of local) {
    if (out.has(l.key)) continue;
    const chosen = (index.get(l.fingerprint) ?? []).find((c) => free.has(c.uid));
    if (chosen) take(l.key, chosen.uid, 'hash');
  }
  return out;
}
