import type { BodyRecord, MailAddress, MessageRecord } from '../model/mail';
import type { OutgoingAttachment, OutgoingMessage } from '../commands/mail-commands';
import { tooManyElements } from '../html-weight';
import { bytesToBase64 } from '../wire';
import { messageIdList, normalizeMessageId } from '../model/message-id';
import { ENGLISH_QUOTE_WORDS, type QuoteWords } from './quote-words';

export type ComposeKind = 'new' | 'reply' | 'replyAll' | 'forward' | 'draft';

/** What the composer starts with. Address fields are the typed text of each field. */
export interface ComposeDraft {
  kind: ComposeKind;
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  text: string;
  inReplyTo: string | null;
  references: string[];
  forwardAttachmentsOf: string | null;
  /** With forwardAttachmentsOf: the whole original goes as an attached message instead of quoted. */
  forwardAsAttachment?: boolean;
  replacesDraftId: string | null;
  /** The identity it is written from (common/model/identity.ts); absent: the account's own address. */
  identityId?: string;
  /** A saved draft's Message-ID: the composer's own saves replace its versions (absent: a new one is made). */
  draftKey?: string;
  /** Files it starts with: a message taken back from the outbox has its own. */
  attachments?: OutgoingAttachment[];
  /** Written in rich text: its HTML (`text` is then its text part). Absent: plain text. */
  html?: string;
  /**
   * A reply's or forward's original as written in HTML (untrusted, as received): in rich text the
   * composer shows it, cleaned, where `text` has it quoted as text (`text` holds `quotedText`).
   */
  quoted?: { text: string; html: string; asQuote: boolean };
}

export function emptyDraft(): ComposeDraft {
  return { kind: 'new', to: '', cc: '', bcc: '', subject: '', text: '', inReplyTo: null, references: [], forwardAttachmentsOf: null, replacesDraftId: null };
}

/** What the list, the reader and replies show for a message whose sender is empty (a bounce's `From: "" <>`). */
export const NO_SENDER = '(no sender)';

/**
 * Bidi controls (embeddings, overrides, isolates, marks): invisible, and able to reorder whatever
 * follows them — `"security@bank.example\u202E" <x@evil.test>` would read
 * "security@bank.example<tset.live@x>".
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Text from a message header with its bidi controls removed, so it cannot reorder the text around it. */
export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/**
 * One address as typed in a header field; a name without an address (a group, `root`) is the name
 * alone. Bidi controls are dropped from both parts: what the reader shows and what a reply is
 * addressed to are the same visible text.
 */
export function formatAddress(a: MailAddress): string {
  const plainName = withoutBidiControls(a.name).trim();
  const address = withoutBidiControls(a.address);
  if (!plainName) return address;
  const name = /[",<>@;:]/.test(plainName) ? `"${plainName.replace(/(["\\])/g, '\\$1')}"` : plainName;
  return address ? `${name} <${address}>` : name;
}

export function formatAddressList(list: MailAddress[]): string {
  return list
    .map(formatAddress)
    .filter((text) => text)
    .join(', ');
}

/** The sender line of the reader and of a quoted or forwarded message: the addresses, or "(no sender)". */
export function formatSender(from: MailAddress[]): string {
  return formatAddressList(from) || NO_SENDER;
}

/** "Re: Re: Hello" and "RE: Hello" both become "Re: Hello" (RFC 5322 §3.6.5). */
export function prefixedSubject(prefix: 'Re' | 'Fwd', subject: string): string {
  const stripped = subject.replace(/^(\s*(re|fw|fwd|aw|sv|wg)(\[\d+\])?\s*:\s*)+/i, '');
  return `${prefix}: ${stripped}`;
}

/** Quoting a huge message would make an unusable composer: the quote stops here. */
const MAX_QUOTED = 200_000;

function shortened(text: string, words: QuoteWords): string {
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}\n${words.notQuoted(text.length - MAX_QUOTED)}` : text;
}

function quote(text: string, words: QuoteWords): string {
  return shortened(text, words)
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => (line.startsWith('>') ? `>${line}` : `> ${line}`))
    .join('\n');
}

function withoutSelf(list: MailAddress[], self: string | readonly string[]): MailAddress[] {
  const me = new Set((typeof self === 'string' ? [self] : self).map((a) => a.toLowerCase()));
  const seen = new Set<string>();
  return list.filter((a) => {
    const key = a.address.toLowerCase();
    if (me.has(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A reply, reply-all or forward of a message, with its body quoted; reply-all leaves out every
 * address of `self` (the account's identities). `words`: the lines it adds, in the language the
 * user writes in.
 */
export function draftFrom(kind: 'reply' | 'replyAll' | 'forward', message: MessageRecord, body: BodyRecord | null, selfAddress: string | readonly string[], words: QuoteWords = ENGLISH_QUOTE_WORDS): ComposeDraft {
  const originalText = body?.text ?? message.snippet;
  const sender = formatSender(message.from.slice(0, 1));
  if (kind === 'forward') {
    const labels = words.forwardHeader;
    const header = [
      words.forwardDivider,
      `${labels.from}: ${formatSender(message.from)}`,
      `${labels.date}: ${words.forwardDate(message.date)}`,
      `${labels.subject}: ${message.subject}`,
      `${labels.to}: ${formatAddressList(message.to)}`,
      ...(message.cc.length ? [`${labels.cc}: ${formatAddressList(message.cc)}`] : []),
    ].join('\n');
    const forwarded = shortened(originalText, words);
    return { ...emptyDraft(), kind, subject: prefixedSubject('Fwd', message.subject), text: `\n\n${header}\n\n${forwarded}`, forwardAttachmentsOf: message.id, ...quotedHtml(body, forwarded, false) };
  }
  // A group name or a sender without an address ("" <>) is nobody a reply can go to.
  const replyTo = (message.replyTo.length ? message.replyTo : message.from).filter((a) => a.address);
  const to = kind === 'replyAll' ? withoutSelf([...replyTo, ...message.to.filter((a) => a.address)], selfAddress) : replyTo;
  const cc = kind === 'replyAll' ? withoutSelf(message.cc.filter((a) => a.address), selfAddress).filter((a) => !to.some((t) => t.address.toLowerCase() === a.address.toLowerCase())) : [];
  // RFC 5322 §3.6.4: the parent's References, then its Message-ID; each id once, in the canonical form.
  const messageId = normalizeMessageId(message.messageId);
  const references = [...new Set([...(body?.references ?? []).flatMap(messageIdList), ...(messageId ? [messageId] : [])])];
  return {
    ...emptyDraft(),
    kind,
    to: formatAddressList(to.length ? to : replyTo),
    cc: formatAddressList(cc),
    subject: prefixedSubject('Re', message.subject),
    text: `\n\n${words.attribution(message.date, sender)}\n${quote(originalText, words)}\n`,
    inReplyTo: messageId || null,
    references,
    ...quotedHtml(body, quote(originalText, words), true),
  };
}

/** HTML this long is quoted as text only: cleaning it for the editor would hold the window. */
const MAX_QUOTED_HTML = 1_000_000;

/**
 * The original's HTML for a rich reply or forward, where it has one the editor can take: not too
 * long, and not too many elements (html-weight.ts: one with far more held the window while it was
 * parsed for the editor, where the reader shows it as text).
 */
function quotedHtml(body: BodyRecord | null, text: string, asQuote: boolean): Pick<ComposeDraft, 'quoted'> {
  return body?.html && body.html.length <= MAX_QUOTED_HTML && !tooManyElements(body.html) ? { quoted: { text, html: body.html, asQuote } } : {};
}

/** A forward that attaches the original whole (message/rfc822) instead of quoting it. */
export function forwardAsAttachmentDraft(message: MessageRecord): ComposeDraft {
  return { ...emptyDraft(), kind: 'forward', subject: prefixedSubject('Fwd', message.subject), forwardAttachmentsOf: message.id, forwardAsAttachment: true };
}

/** A message taken back from the outbox (undo send), to edit again as it was sent. */
export function draftFromOutgoing(message: OutgoingMessage): ComposeDraft {
  return {
    kind: 'draft',
    to: message.to,
    cc: message.cc,
    bcc: message.bcc,
    subject: message.subject,
    text: message.text,
    inReplyTo: message.inReplyTo,
    references: message.references,
    forwardAttachmentsOf: message.forwardAttachmentsOf,
    ...(message.forwardAsAttachment !== undefined ? { forwardAsAttachment: message.forwardAsAttachment } : {}),
    replacesDraftId: message.replacesDraftId,
    ...(message.identityId !== undefined ? { identityId: message.identityId } : {}),
    ...(message.draftKey !== undefined ? { draftKey: message.draftKey } : {}),
    ...withImagesInPlace(message),
  };
}

/**
 * A rich message's images back inside its HTML (as `data:` URLs, which the editor shows) instead
 * of the inline parts (`cid:`) the composer made of them; its other attachments as they were.
 */
function withImagesInPlace(message: OutgoingMessage): { attachments: OutgoingAttachment[]; html?: string } {
  if (!message.html) return { attachments: message.attachments };
  let html = message.html;
  const attachments: OutgoingAttachment[] = [];
  for (const a of message.attachments) {
    const reference = a.contentId ? `cid:${a.contentId}` : null;
    if (reference && html.includes(reference)) html = html.split(reference).join(`data:${a.contentType};base64,${bytesToBase64(a.content)}`);
    else attachments.push(a);
  }
  return { attachments, html };
}

/** Continue editing a saved draft (renderer/app/saved-draft.ts adds its pictures and files). */
export function draftFromSaved(message: MessageRecord, body: BodyRecord | null): ComposeDraft {
  const header = (name: string): string => body?.headers.find(([key]) => key === name)?.[1] ?? '';
  return {
    ...emptyDraft(),
    kind: 'draft',
    to: formatAddressList(message.to),
    cc: formatAddressList(message.cc),
    bcc: header('bcc'),
    subject: message.subject,
    // A message's text part ends with a line break (nodemailer ends it so): without dropping it,
    // each save of a reopened draft would add one.
    text: (body?.text ?? '').replace(/\r?\n$/, ''),
    inReplyTo: message.inReplyTo || null,
    references: body?.references ?? [],
    replacesDraftId: message.id,
    ...(message.messageId ? { draftKey: message.messageId } : {}),
    // Written in rich text (here or by another program): opened in rich text, cleaned by the composer first.
    ...(body?.html ? { html: body.html } : {}),
  };
}
