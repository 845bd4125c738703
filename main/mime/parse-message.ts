import type { AddressObject, ParsedMail } from 'mailparser';
import type { AttachmentMeta, AttachmentRecord, BodyRecord, MailAddress } from '../../common/model/mail';
import { messageIdList, normalizeMessageId } from '../../common/model/message-id';
import { boundedReferences } from '../../common/threading/references';
import { attachmentMeta } from './attachment-meta';
import { cleanAddresses, cleanHeaderText, rawHeaderAsUtf8 } from './clean-header';
import { parseInPieces, TEXT_KEEP_CHARS, type ParsedInPieces } from './parse-in-pieces';
import { repairContentTypes } from './repair-content-types';
import { decodeUndeclared, htmlToPlainText, makeSnippet } from '../../node-lib/text-decoding';

/** The header facts a message record needs, from the message itself (POP, drafts, Sent). */
export interface ParsedEnvelope {
  messageId: string;
  inReplyTo: string;
  /** The References header's ids, bounded (common/threading/references.ts); empty without the header. */
  references: string[];
  subject: string;
  from: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  replyTo: MailAddress[];
  /** Header date in ms, or null when missing or invalid. */
  date: number | null;
}

export interface ParsedBody {
  body: BodyRecord;
  attachments: AttachmentRecord[];
  envelope: ParsedEnvelope;
  snippet: string;
}

const EMPTY_ENVELOPE: ParsedEnvelope = { messageId: '', inReplyTo: '', references: [], subject: '', from: [], to: [], cc: [], replyTo: [], date: null };

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const out: MailAddress[] = [];
  const walk = (list: AddressObject['value']): void => {
    for (const entry of list) {
      if (entry.group) walk(entry.group);
      else out.push({ name: entry.name ?? '', address: entry.address ?? '' });
    }
  };
  objects.forEach((o) => walk(o.value));
  return out;
}

/**
 * A header's value as received, unfolded. Message-IDs are read from here rather than from
 * mailparser's fields, which keep comments inside the brackets ("<a@b> (c)>") and split References
 * at every space of a comment.
 */
function rawHeaderValue(parsed: ParsedMail, key: string): string {
  const line = parsed.headerLines.find((header) => header.key === key)?.line ?? '';
  return line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ');
}

function envelopeOf(parsed: ParsedMail): ParsedEnvelope {
  const time = parsed.date?.getTime();
  return {
    messageId: cleanHeaderText(normalizeMessageId(rawHeaderValue(parsed, 'message-id'))),
    inReplyTo: cleanHeaderText(normalizeMessageId(rawHeaderValue(parsed, 'in-reply-to'))),
    references: boundedReferences(rawHeaderValue(parsed, 'references')).map((id) => cleanHeaderText(id)),
    subject: cleanHeaderText(parsed.subject ?? ''),
    from: cleanAddresses(addresses(parsed.from)),
    to: cleanAddresses(addresses(parsed.to)),
    cc: cleanAddresses(addresses(parsed.cc)),
    replyTo: cleanAddresses(addresses(parsed.replyTo)),
    date: time !== undefined && Number.isFinite(time) ? time : null,
  };
}

const MAX_HEADER_VALUE = 8_192;
/** makeSnippet's default length. */
const SNIPPET_LENGTH = 200;
const MAX_RAW_FALLBACK = 1024 * 1024;

function headerPairs(parsed: ParsedMail): Array<[string, string]> {
  return parsed.headerLines.map(({ key, line }) => [cleanHeaderText(key, 200), cleanHeaderText(rawHeaderAsUtf8(line.slice(line.indexOf(':') + 1)).replace(/\r?\n[ \t]+/g, ' ').trim(), MAX_HEADER_VALUE)]);
}

/**
 * Parses a whole message for the reader. Never throws: a message that cannot be parsed is kept
 * as its raw text, with a warning saying so, so one bad message never stops anything else.
 */
export async function parseMessage(messageId: string, source: Uint8Array, now = Date.now()): Promise<ParsedBody> {
  try {
    // skipHtmlToText: mailparser's html-to-text is quadratic on long words (a 1 MB message took
    // 100 s of CPU); the text of an HTML-only message comes from htmlToPlainText instead.
    const repaired = repairContentTypes(Buffer.from(source.buffer, source.byteOffset, source.byteLength));
    // In pieces, yielding to the event loop between them (parse-in-pieces.ts): a 30 MB message
    // parsed in one go held the loop 270–750 ms (issue 11, item 4).
    const parsed = await parseInPieces(repaired.source, { skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true, skipHtmlToText: true });
    return describeParsed(messageId, parsed, now, repaired.warnings);
  } catch (error) {
    return shownAsReceived(messageId, source, now, error);
  }
}

/** A message the parser (or what reads its result) failed on, as received, up to a size a text view can still lay out. */
function shownAsReceived(messageId: string, source: Uint8Array, now: number, error: unknown): ParsedBody {
  const text = decodeUndeclared(source.subarray(0, MAX_RAW_FALLBACK)) + (source.length > MAX_RAW_FALLBACK ? `\n[… ${source.length - MAX_RAW_FALLBACK} more bytes not shown]` : '');
  return {
    body: {
      messageId,
      text,
      html: null,
      headers: [],
      references: [],
      attachments: [],
      fetchedAt: now,
      parseWarnings: [`This message could not be parsed (${error instanceof Error ? error.message : String(error)}); it is shown as received.`],
    },
    attachments: [],
    envelope: EMPTY_ENVELOPE,
    snippet: makeSnippet(text),
  };
}

function describeParsed(messageId: string, parsed: ParsedInPieces, now: number, repairWarnings: string[]): ParsedBody {
  const warnings = [...repairWarnings];
  if (parsed.textCut) warnings.push(`This message’s text is very long: only the first ${TEXT_KEEP_CHARS / 1_000_000} million characters of each part are kept and shown.`);
  if (parsed.textConversionError) warnings.push(`The HTML part could not be turned into text: ${parsed.textConversionError.message}`);
  const metas: AttachmentMeta[] = [];
  const records: AttachmentRecord[] = [];
  parsed.attachments.forEach((attachment, index) => {
    // Images already inlined into the HTML as data: URLs are kept too, so they can be saved.
    const meta = attachmentMeta(messageId, index, attachment, attachment.content.length);
    metas.push(meta);
    records.push({ id: meta.id, messageId, content: new Uint8Array(attachment.content.buffer, attachment.content.byteOffset, attachment.content.length) });
  });
  const references = messageIdList(rawHeaderValue(parsed, 'references')).map((r) => cleanHeaderText(r));
  const html = typeof parsed.html === 'string' ? parsed.html : null;
  const text = parsed.text || (html ? htmlToPlainText(html).replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim() : '');
  // The text of a large part is a string made of pieces: the snippet is read from its start only.
  const snippet = parsed.text ? snippetOf(text, parsed.textHead) : makeSnippet(text);
  return {
    body: {
      messageId,
      text,
      html,
      headers: headerPairs(parsed),
      references,
      attachments: metas,
      fetchedAt: now,
      parseWarnings: warnings,
    },
    attachments: records,
    envelope: envelopeOf(parsed),
    snippet,
  };
}

/**
 * makeSnippet(text) from `head`, a prefix of text, when it gives a snippet of full length that
 * nothing after it can change; else from the whole text. A line cut off at the end of `head` is
 * used when it has begun (whether it is quoted is known), else left out.
 */
function snippetOf(text: string, head: string): string {
  if (head.length >= text.length) return makeSnippet(text);
  const lastLine = head.slice(head.lastIndexOf('\n') + 1);
  const known = lastLine.trim() ? head : head.slice(0, head.length - lastLine.length);
  return makeSnippet(known, SNIPPET_LENGTH + 1).length > SNIPPET_LENGTH ? makeSnippet(known) : makeSnippet(text);
}
