import { randomUUID } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import addressparser from 'nodemailer/lib/addressparser';
import type { OutgoingAttachment } from '../../../common/contract';

export interface ComposedMessage {
  messageId: string;
  /** What SMTP carries: without a Bcc header. */
  raw: Uint8Array;
  /** What Sent keeps: the same message with its Bcc header. */
  rawWithBcc: Uint8Array;
  envelope: { from: string; to: string[] };
}

export interface MessageToCompose {
  from: { name: string; address: string };
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  text: string;
  /** The rich version of `text`: both go, as multipart/alternative; images it shows by `cid:` as multipart/related. */
  html?: string | null;
  inReplyTo: string | null;
  references: string[];
  attachments: OutgoingAttachment[];
  /** A Reply-To address (RFC 5322 §3.6.2); empty or absent: none. */
  replyTo?: string;
  /** The Message-ID to write (a draft's, the same in each saved version); absent: a new one. */
  messageId?: string;
  date?: Date;
}

/** The addresses of a typed list (`"Ann" <a@x>, b@y`), flattened out of any groups. */
export function parseAddressList(list: string): string[] {
  const out: string[] = [];
  const walk = (entries: ReturnType<typeof addressparser>): void => {
    for (const entry of entries) {
      if ('group' in entry && Array.isArray(entry.group)) walk(entry.group);
      else if ('address' in entry && entry.address) out.push(entry.address);
    }
  };
  walk(addressparser(list));
  return out;
}

/** Builds the exact bytes that are sent and appended to Sent or Drafts. */
export async function composeMessage(input: MessageToCompose): Promise<ComposedMessage> {
  const domain = input.from.address.split('@')[1] || 'porthole.invalid';
  const messageId = input.messageId ?? `<${randomUUID()}@${domain}>`;
  const date = input.date ?? new Date();
  const options = {
    from: { name: input.from.name, address: input.from.address },
    to: input.to || undefined,
    cc: input.cc || undefined,
    bcc: input.bcc || undefined,
    replyTo: input.replyTo || undefined,
    subject: input.subject,
    // An empty text with attachments would make the single attachment the whole message (a
    // forwarded message would arrive as that message itself): the text part is always there.
    text: input.text || (input.attachments.length ? '\r\n' : ''),
    ...(input.html ? { html: input.html } : {}),
    messageId,
    date,
    inReplyTo: input.inReplyTo ?? undefined,
    references: input.references.length ? input.references.join(' ') : undefined,
    // An image with a Content-ID goes inline: nodemailer puts it beside the HTML in multipart/related.
    attachments: input.attachments.map((a) => (a.contentId && input.html ? { filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content), cid: a.contentId, contentDisposition: 'inline' as const } : { filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content), contentDisposition: 'attachment' as const })),
    disableFileAccess: true,
    disableUrlAccess: true,
  };
  const raw = await new MailComposer(options).compile().build();
  const withBcc = new MailComposer(options).compile();
  withBcc.keepBcc = true;
  const rawWithBcc = await withBcc.build();
  const to = [...parseAddressList(input.to), ...parseAddressList(input.cc), ...parseAddressList(input.bcc)];
  return { messageId, raw, rawWithBcc, envelope: { from: input.from.address, to } };
}
