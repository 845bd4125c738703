import addressparser, { type Address } from 'nodemailer/lib/addressparser';
import { headerValue, type HeaderField } from './header';

/** RFC 3501 §7.4.2 address: (name adl mailbox host), adl always NIL. */
export interface EnvelopeAddress {
  name: string | null;
  mailbox: string | null;
  host: string | null;
}

/** RFC 3501 §7.4.2 ENVELOPE: header values as they are written (encoded words not decoded). */
export interface Envelope {
  date: string | null;
  subject: string | null;
  from: EnvelopeAddress[] | null;
  sender: EnvelopeAddress[] | null;
  replyTo: EnvelopeAddress[] | null;
  to: EnvelopeAddress[] | null;
  cc: EnvelopeAddress[] | null;
  bcc: EnvelopeAddress[] | null;
  inReplyTo: string | null;
  messageId: string | null;
}

function mailboxAddress(name: string, address: string): EnvelopeAddress {
  const at = address.lastIndexOf('@');
  // Dovecot's convention for an address without a domain; a NIL host would mean a group.
  if (at < 0) return { name: name || null, mailbox: address || name || null, host: 'MISSING_DOMAIN' };
  return { name: name || null, mailbox: address.slice(0, at), host: address.slice(at + 1) };
}

/** RFC 3501 §7.4.2: a group is a start marker (host NIL), its members, and an end marker. */
function flatten(entries: readonly Address[]): EnvelopeAddress[] {
  return entries.flatMap((entry): EnvelopeAddress[] => {
    if (entry.group !== undefined) {
      return [{ name: null, mailbox: entry.name, host: null }, ...flatten(entry.group), { name: null, mailbox: null, host: null }];
    }
    return [mailboxAddress(entry.name, entry.address)];
  });
}

function addressList(fields: readonly HeaderField[], name: string): EnvelopeAddress[] | null {
  const value = headerValue(fields, name);
  if (!value) return null;
  const list = flatten(addressparser(value));
  return list.length > 0 ? list : null;
}

/** The ENVELOPE of a message (or of a message/rfc822 part) from its header fields. */
export function envelopeOf(fields: readonly HeaderField[]): Envelope {
  const from = addressList(fields, 'from');
  const text = (name: string) => headerValue(fields, name) || null;
  return {
    date: text('date'),
    subject: text('subject'),
    from,
    // RFC 3501 §7.4.2: the server fills in Sender and Reply-To from From when they are absent.
    sender: addressList(fields, 'sender') ?? from,
    replyTo: addressList(fields, 'reply-to') ?? from,
    to: addressList(fields, 'to'),
    cc: addressList(fields, 'cc'),
    bcc: addressList(fields, 'bcc'),
    inReplyTo: text('in-reply-to'),
    messageId: text('message-id'),
  };
}
