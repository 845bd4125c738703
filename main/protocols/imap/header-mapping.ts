import type { FetchMessageObject, MessageAddressObject, MessageStructureObject } from 'imapflow';
import { FLAG_FLAGGED, FLAG_SEEN, messageKey, type MailAddress, type MessageRecord } from '../../../common/model/mail';
import { normalizeMessageId } from '../../../common/model/message-id';
import { isAttachmentPart, isEmbeddedMessage, isListedAttachmentPart, type MimePartFacts } from '../../mime/attachment-rule';
import { cleanAddresses, cleanHeaderText } from '../../mime/clean-header';
import { messageSearchWords } from '../../../common/model/search';
import { boundedReferences } from '../../../common/threading/references';

/** The leaf part whose first bytes make the snippet: the first text/plain, else the first text/html. */
export interface SnippetPart {
  part: string;
  encoding: string | undefined;
  charset: string | undefined;
  html: boolean;
}

/**
 * The part's media type, lower case. One the server could not read (Dovecot reports
 * `TEXT/PLAIN charset=US-ASCII`, which lacks its ";", as "/") is text/plain: RFC 2045 §5.2.
 */
function mediaType(node: MessageStructureObject): string {
  const type = node.type.toLowerCase();
  return /^[^/\s]+\/[^/\s]+$/.test(type) ? type : 'text/plain';
}

/** A leaf of a BODYSTRUCTURE and whether it is inside a multipart/related (RFC 2387). */
interface Leaf {
  node: MessageStructureObject;
  inRelated: boolean;
}

/**
 * The parts that carry content. An attached message (message/rfc822) is one part, unless it is
 * embedded (inline): then its own parts are the message's, as the reader shows them.
 */
function leaves(node: MessageStructureObject, inRelated = false): Leaf[] {
  const type = mediaType(node);
  const embedded = type === 'message/rfc822' && isEmbeddedMessage(factsOf(node, inRelated));
  if (node.childNodes?.length && (type !== 'message/rfc822' || embedded)) return node.childNodes.flatMap((child) => leaves(child, inRelated || type === 'multipart/related'));
  return [{ node, inRelated }];
}

function factsOf(node: MessageStructureObject, inRelated: boolean): MimePartFacts {
  return { type: mediaType(node), disposition: node.disposition?.toLowerCase() ?? null, encoding: node.encoding?.toLowerCase() ?? null, contentId: Boolean(node.id), inRelated };
}

/** The list's paperclip: the reader will list an attachment (main/mime/attachment-rule.ts). */
export function hasAttachments(structure: MessageStructureObject | undefined): boolean {
  if (!structure) return false;
  return leaves(structure).some((leaf) => isListedAttachmentPart(factsOf(leaf.node, leaf.inRelated)));
}

export function findSnippetPart(structure: MessageStructureObject | undefined): SnippetPart | null {
  if (!structure) return null;
  const texts = leaves(structure)
    .filter((leaf) => !isAttachmentPart(factsOf(leaf.node, leaf.inRelated)) && mediaType(leaf.node).startsWith('text/'))
    .map((leaf) => leaf.node);
  const chosen = texts.find((n) => mediaType(n) === 'text/plain') ?? texts.find((n) => mediaType(n) === 'text/html');
  if (!chosen) return null;
  return {
    // RFC 3501 §6.4.5: a non-multipart message's body is part 1.
    part: chosen.part ?? '1',
    encoding: chosen.encoding,
    charset: chosen.parameters?.charset,
    html: mediaType(chosen) === 'text/html',
  };
}

/**
 * What servers put in an ENVELOPE address for a part the header lacks (RFC 3501 §7.4.2 has no way
 * to say "empty"): Dovecot writes MISSING_MAILBOX and MISSING_DOMAIN, UW IMAP .MISSING-HOST-NAME.
 * and .SYNTAX-ERROR. — never an address anyone can be written to.
 */
const PLACEHOLDER_MAILBOX = 'MISSING_MAILBOX';
const PLACEHOLDER_HOSTS = new Set(['MISSING_DOMAIN', '.MISSING-HOST-NAME.', '.SYNTAX-ERROR.']);

/** An ENVELOPE address without the server's placeholders: `"" <>` is no address, `root` (no domain) a name only. */
function withoutPlaceholders(name: string, address: string): MailAddress {
  const at = address.lastIndexOf('@');
  const mailbox = at < 0 ? address : address.slice(0, at);
  const host = at < 0 ? '' : address.slice(at + 1);
  if (mailbox === PLACEHOLDER_MAILBOX) return { name, address: '' };
  if (PLACEHOLDER_HOSTS.has(host)) return { name: name || mailbox, address: '' };
  return { name, address };
}

function toAddresses(list: MessageAddressObject[] | undefined): MailAddress[] {
  return cleanAddresses((list ?? []).map((a) => withoutPlaceholders(a.name ?? '', a.address ?? '')));
}

function toTime(value: Date | string | undefined): number | null {
  if (value === undefined) return null;
  const time = (value instanceof Date ? value : new Date(value)).getTime();
  return Number.isFinite(time) ? time : null;
}

/**
 * The References header out of a `BODY.PEEK[HEADER.FIELDS (REFERENCES)]` answer (RFC 3501 §6.4.5):
 * its lines unfolded (RFC 5322 §2.2.3), the ids bounded (common/threading/references.ts). A
 * server that sends no such header block, or an empty one, gives none.
 */
export function referencesOf(headers: Buffer | undefined): string[] {
  if (!headers?.length) return [];
  const text = headers.toString('latin1').replace(/\r?\n[ \t]+/g, ' ');
  const line = /^references[ \t]*:(.*)$/im.exec(text);
  return line ? boundedReferences(line[1]!) : [];
}

/** A FETCH response (UID FLAGS ENVELOPE BODYSTRUCTURE RFC822.SIZE INTERNALDATE, References) as a cache record. */
export function toMessageRecord(folderId: string, fetched: FetchMessageObject, snippet: string): MessageRecord {
  const envelope = fetched.envelope ?? {};
  const flags = [...(fetched.flags ?? [])];
  const record: MessageRecord = {
    id: messageKey(folderId, fetched.uid),
    folderId,
    uid: fetched.uid,
    messageId: cleanHeaderText(normalizeMessageId(envelope.messageId ?? '')),
    inReplyTo: cleanHeaderText(normalizeMessageId(envelope.inReplyTo ?? '')),
    subject: cleanHeaderText(envelope.subject ?? ''),
    from: toAddresses(envelope.from),
    to: toAddresses(envelope.to),
    cc: toAddresses(envelope.cc),
    replyTo: toAddresses(envelope.replyTo),
    date: toTime(envelope.date) ?? toTime(fetched.internalDate) ?? 0,
    size: fetched.size ?? 0,
    flags,
    seen: flags.includes(FLAG_SEEN) ? 1 : 0,
    flagged: flags.includes(FLAG_FLAGGED) ? 1 : 0,
    hasAttachments: hasAttachments(fetched.bodyStructure),
    snippet,
    popUidl: null,
  };
  const references = referencesOf(fetched.headers);
  if (references.length) record.references = references.map((id) => cleanHeaderText(id));
  record.words = messageSearchWords(record);
  return record;
}
