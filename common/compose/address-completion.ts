import { foldText } from '../search/tokenize';
import type { MailAddress } from '../model/mail';
import type { ContactBook, ContactRecord, RecipientGroupRecord } from './contacts';

/**
 * What the composer offers while an address is typed, from the contacts store (contacts.ts), and
 * the warning before sending to an address that looks like a slip of a frequent one.
 */

export type Completion = { kind: 'contact'; contact: ContactRecord } | { kind: 'group'; group: RecipientGroupRecord };

const DAY = 86_400_000;

/**
 * How likely the user wants this contact: people they write to far above people who write to
 * them (a newsletter sends hundreds), both fading over months of silence.
 */
export function contactScore(c: Pick<ContactRecord, 'sent' | 'received' | 'last'>, now: number): number {
  const ageDays = Math.max(0, now - c.last) / DAY;
  return (10 * c.sent + 2 * Math.log2(1 + c.received)) / (1 + ageDays / 60);
}

/** Words a typed text may start: the name's words, the address, its local part's words and its domain. */
function wordsOf(name: string, address: string): string[] {
  const folded = foldText(address);
  const [local = '', domain = ''] = folded.split('@');
  const foldedName = foldText(name);
  return [...foldedName.split(/[\s,."()]+/), folded, ...local.split(/[._+-]+/), domain, foldedName.trim()].filter((w) => w.length > 0);
}

/** Whether every word typed starts one of the words ("ann sm" finds Ann Smith). */
function matches(typed: readonly string[], words: readonly string[]): boolean {
  return typed.every((t) => words.some((w) => w.startsWith(t)));
}

function typedWords(text: string): string[] {
  // "Ann <ann@" while typing: the brackets and quotes are not part of what is looked for.
  return foldText(text).replace(/[<>"]/g, ' ').split(/\s+/).filter((w) => w.length > 0);
}

/**
 * The store with each name and address folded into its words once, when the composer reads it:
 * folding on every key press took 40–65 ms for 20,000 contacts (Node, this machine); folded
 * once (136 ms, when the composer opens), 1–6 ms, the most for one letter, which most match.
 */
export interface PreparedBook {
  people: ReadonlyArray<{ contact: ContactRecord; words: string[] }>;
  groups: ReadonlyArray<{ group: RecipientGroupRecord; words: string[][] }>;
}

export function prepareBook(book: ContactBook): PreparedBook {
  return {
    people: book.contacts.map((contact) => ({ contact, words: wordsOf(contact.name, contact.address) })),
    groups: book.groups.map((group) => ({ group, words: group.members.map((m) => wordsOf(m.name, m.address)) })),
  };
}

/** Groups are offered only when the user wrote to them more than once, or lately. */
const GROUP_FRESH_DAYS = 90;

/**
 * Completions for the text of the entry being typed, best first: contacts, then at most two
 * groups containing one of them. Addresses already in the message are left out (a group only
 * when all its members are).
 */
export function completionsFor(typed: string, book: PreparedBook, options: { now: number; already: ReadonlySet<string>; limit?: number }): Completion[] {
  const words = typedWords(typed);
  if (words.length === 0) return [];
  const { now, already, limit = 8 } = options;
  // The best few kept as they are found: one letter matches most of a large store, and sorting
  // every match (20,000) on each key press cost more than finding them.
  const best: Array<{ c: ContactRecord; score: number }> = [];
  const before = (a: { c: ContactRecord; score: number }, b: { c: ContactRecord; score: number }): boolean => a.score > b.score || (a.score === b.score && a.c.address < b.c.address);
  for (const { contact, words: known } of book.people) {
    if (already.has(contact.address) || !matches(words, known)) continue;
    const found = { c: contact, score: contactScore(contact, now) };
    if (best.length === limit && !before(found, best[limit - 1]!)) continue;
    let at = best.length;
    while (at > 0 && before(found, best[at - 1]!)) at--;
    best.splice(at, 0, found);
    if (best.length > limit) best.pop();
  }
  const people = best.map(({ c }): Completion => ({ kind: 'contact', contact: c }));
  const together = book.groups
    .filter(({ group: g, words: known }) => (g.count > 1 || now - g.last < GROUP_FRESH_DAYS * DAY) && known.some((w) => matches(words, w)) && g.members.some((m) => !already.has(m.address.toLowerCase())))
    .map(({ group: g }) => ({ g, score: contactScore({ sent: g.count, received: 0, last: g.last }, now) }))
    .sort((a, b) => b.score - a.score || a.g.key.localeCompare(b.g.key))
    .slice(0, 2)
    .map(({ g }): Completion => ({ kind: 'group', group: g }));
  return [...people, ...together];
}

/** The members of a group not already in the message. */
export function groupMembersToAdd(group: RecipientGroupRecord, already: ReadonlySet<string>): MailAddress[] {
  return group.members.filter((m) => !already.has(m.address.toLowerCase()));
}

/** Edits (insert, delete, replace, swap two neighbours) from a to b, or more than `most` when it is. */
export function editDistance(a: string, b: string, most: number): number {
  if (Math.abs(a.length - b.length) > most) return most + 1;
  // Optimal string alignment: Levenshtein with the swap of two neighbours as one edit ("exmaple").
  let beforeLast: number[] = [];
  let last = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(last[j]! + 1, row[j - 1]! + 1, last[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, beforeLast[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > most) return most + 1;
    beforeLast = last;
    last = row;
  }
  return last[b.length]!;
}

/** A contact counts as well known from this many messages (one sent weighs as two received). */
const WELL_KNOWN = 3;

/**
 * The well-known contact an address looks like a slip of, or null: the same local part at a
 * domain one or two edits away (`gmial.com`, `exmaple.org`), or the same domain with a local part
 * one edit away (only for local parts of five letters or more: `anna`/`anne` are two people).
 * Nothing for an address the store knows already: the user wrote to it or heard from it.
 */
export function likelySlipOf(address: string, contacts: readonly ContactRecord[], now: number): ContactRecord | null {
  const typed = address.toLowerCase();
  if (contacts.some((c) => c.address === typed)) return null;
  const [local, domain] = typed.split('@');
  if (!local || !domain) return null;
  let best: { c: ContactRecord; score: number } | null = null;
  for (const c of contacts) {
    if (2 * c.sent + c.received < WELL_KNOWN) continue;
    const [knownLocal = '', knownDomain = ''] = c.address.split('@');
    const slip = (knownLocal === local && editDistance(domain, knownDomain, 2) <= 2) || (knownDomain === domain && local.length >= 5 && editDistance(local, knownLocal, 1) <= 1);
    if (!slip) continue;
    const score = contactScore(c, now);
    if (!best || score > best.score) best = { c, score };
  }
  return best?.c ?? null;
}
