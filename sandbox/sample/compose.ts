import MailComposer from 'nodemailer/lib/mail-composer';
import { SANDBOX_DOMAIN } from '../users';

export interface MailAddress {
  name: string;
  address: string;
}

/** What a sample message says; everything else (ids, boundaries) follows from `key`. */
export interface SampleMail {
  /** Unique per sample; makes the Message-ID and the MIME boundaries, so output is stable. */
  key: string;
  from: MailAddress;
  to: MailAddress[];
  cc?: MailAddress[];
  subject: string;
  date: Date;
  text: string;
  html?: string;
  inReplyTo?: string;
  references?: string[];
  attachments?: Array<{ filename: string; contentType: string; content: Buffer | string; cid?: string }>;
}

/** The Message-ID of a sample, for threading replies to it. */
export function sampleMessageId(key: string): string {
  return `<${key}@${SANDBOX_DOMAIN}>`;
}

/**
 * The exact bytes of a sample message, built by nodemailer's MailComposer (so the MIME is what
 * a real client writes). The same input always gives the same bytes.
 */
export async function composeSample(mail: SampleMail): Promise<Buffer> {
  const composer = new MailComposer({
    from: mail.from,
    to: mail.to,
    cc: mail.cc,
    subject: mail.subject,
    date: mail.date,
    messageId: sampleMessageId(mail.key),
    inReplyTo: mail.inReplyTo,
    references: mail.references,
    text: mail.text,
    html: mail.html,
    attachments: mail.attachments,
    baseBoundary: mail.key,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const built = await composer.compile().build();
  // RFC 5322 §2.1: lines end with CRLF, as they do on the wire (the composer writes bare LF).
  return Buffer.from(built.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
}
