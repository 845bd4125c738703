import type { MailAddress, MessageRecord } from '../model/mail';

/**
 * The contacts store (issue 16): everyone the user wrote to or received mail from, counted by the
 * cache host as messages are stored (renderer/cache-host/contact-ops.ts), read by the composer for
 * address completion and the typo warning (common/compose/address-completion.ts).
 */

/** One address, with how often and how lately the user wrote to it or heard from it. */
export interface ContactRecord {
  /** The address in lower case (the key): `Ann@X.org` and `ann@x.org` are one contact. */
  address: string;
  /** The newest display name seen with the address; '' when it never came with one. */
  name: string;
  /** Messages the user sent to it (To or Cc of a message in Sent). */
  sent: number;
  /** Messages received from it (From of a message in any folder but Sent and Drafts). */
  received: number;
  /** The newest of those messages' dates, ms since the epoch. */
  last: number;
}

/** Two or more people the user wrote to in one message: offered whole when one of them is typed. */
export interface RecipientGroupRecord {
  /** The members' addresses, lower case, sorted, joined by ", " (the key). */
  key: string;
  members: MailAddress[];
  /** Messages sent to exactly these people. */
  count: number;
  last: number;
}

/** The whole store as the composer reads it. */
export interface ContactBook {
  contacts: ContactRecord[];
  groups: RecipientGroupRecord[];
}

/** A message as the store counts it: the user's own (in Sent) or someone else's. */
export interface CountedMessage {
  message: Pick<MessageRecord, 'from' | 'to' | 'cc' | 'date'>;
  sentByUser: boolean;
}

/** A group of recipients bigger than this is a mailing, not people one writes to together. */
const LARGEST_GROUP = 12;

function lower(address: string): string {
  return address.trim().toLowerCase();
}

/** Whether a header's address can be written to: a group's name alone (RFC 5322 §3.4) or a bounce's `<>` cannot. */
function isAddress(a: MailAddress): boolean {
  return /^[^@\s]+@[^@\s]+$/.test(a.address.trim());
}

function withContact(into: Map<string, ContactRecord>, a: MailAddress, date: number, sent: boolean): void {
  const address = lower(a.address);
  const name = a.name.trim();
  const known = into.get(address);
  const record = known ?? { address, name: '', sent: 0, received: 0, last: 0 };
  if (sent) record.sent += 1;
  else record.received += 1;
  // The newest name wins: people change how they sign their mail; an older message keeps none.
  if (name && (date >= record.last || !record.name)) record.name = name;
  record.last = Math.max(record.last, date);
  into.set(address, record);
}

/**
 * What a batch of newly stored messages adds to the store: one record per address and group, with
 * the batch's counts (to be added to the stored ones, `mergedContact`). A date in the future (a
 * sender's clock) counts as now, so it cannot keep a contact on top for years.
 */
export function countContacts(messages: Iterable<CountedMessage>, now: number): { contacts: ContactRecord[]; groups: RecipientGroupRecord[] } {
  const contacts = new Map<string, ContactRecord>();
  const groups = new Map<string, RecipientGroupRecord>();
  for (const { message, sentByUser } of messages) {
    const date = Math.min(message.date, now);
    if (!sentByUser) {
      for (const a of message.from.filter(isAddress)) withContact(contacts, a, date, false);
      continue;
    }
    const recipients = new Map<string, MailAddress>();
    for (const a of [...message.to, ...message.cc].filter(isAddress)) if (!recipients.has(lower(a.address))) recipients.set(lower(a.address), a);
    for (const a of recipients.values()) withContact(contacts, a, date, true);
    if (recipients.size < 2 || recipients.size > LARGEST_GROUP) continue;
    const key = [...recipients.keys()].sort().join(', ');
    const group = groups.get(key) ?? { key, members: [...recipients.values()].map((a) => ({ name: a.name.trim(), address: a.address.trim() })), count: 0, last: 0 };
    group.count += 1;
    group.last = Math.max(group.last, date);
    groups.set(key, group);
  }
  return { contacts: [...contacts.values()], groups: [...groups.values()] };
}

/** A stored contact with a batch's counts added. */
export function mergedContact(stored: ContactRecord | undefined, added: ContactRecord): ContactRecord {
  if (!stored) return added;
  const newer = added.last >= stored.last;
  return {
    address: stored.address,
    name: (newer && added.name) || stored.name || added.name,
    sent: stored.sent + added.sent,
    received: stored.received + added.received,
    last: Math.max(stored.last, added.last),
  };
}

/** A stored group with a batch's counts added. */
export function mergedGroup(stored: RecipientGroupRecord | undefined, added: RecipientGroupRecord): RecipientGroupRecord {
  if (!stored) return added;
  return { key: stored.key, members: added.last >= stored.last ? added.members : stored.members, count: stored.count + added.count, last: Math.max(stored.last, added.last) };
}
