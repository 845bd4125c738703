import type { BodyRecord } from '../../common/model/mail';
import { formatOctets, LARGE_MESSAGE_NOTICE_PREFIX } from '../../common/model/raw-source';
import { headerSuggestsAttachments } from './attachment-rule';
import { parseMessage, type ParsedEnvelope } from './parse-message';

/** The most of a message's start kept to find its header (RFC 5322 §2.1: the header ends at the first empty line). */
export const MAX_HEADER_BYTES = 1024 * 1024;

/**
 * Keeps the first bytes of a message as they stream past, until the empty line that ends its
 * header (or MAX_HEADER_BYTES): all that is parsed of a message too large to parse whole.
 */
export class HeaderCollector {
  private pieces: Buffer[] = [];
  private length = 0;
  private done = false;

  add(bytes: Buffer): void {
    if (this.done) return;
    const room = MAX_HEADER_BYTES - this.length;
    const kept = bytes.length > room ? bytes.subarray(0, room) : bytes;
    // Copied: the piece may be a view of a larger buffer that should not stay alive for it.
    this.pieces.push(Buffer.from(kept));
    this.length += kept.length;
    const end = this.header().indexOf('\r\n\r\n');
    if (end >= 0) {
      this.pieces = [this.header().subarray(0, end + 4)];
      this.length = end + 4;
      this.done = true;
    } else if (this.length >= MAX_HEADER_BYTES) {
      this.done = true;
    }
  }

  /** The header with its ending empty line (or the first MAX_HEADER_BYTES, if it never ended). */
  header(): Buffer {
    if (this.pieces.length > 1) this.pieces = [Buffer.concat(this.pieces, this.length)];
    return this.pieces[0] ?? Buffer.alloc(0);
  }
}

export interface LargeMessageView {
  envelope: ParsedEnvelope;
  body: BodyRecord;
  /** A multipart/mixed header: there are likely attachments, none parsed (headerSuggestsAttachments). */
  likelyAttachments: boolean;
}

/**
 * What is shown of a message over the size limit: its header, parsed alone, and a body that says
 * in plain words why there is no more and what is kept. No part of the body is parsed.
 */
export async function describeLargeMessage(messageId: string, header: Uint8Array, size: number, limit: number, now: number): Promise<LargeMessageView> {
  const headerOnly = Buffer.from(header);
  // Parsed as a message with an empty body: nothing past the header is ever given to the parser.
  const parsed = await parseMessage(messageId, headerOnly.includes('\r\n\r\n') ? headerOnly : Buffer.concat([headerOnly, Buffer.from('\r\n\r\n')]), now);
  const notice = `${LARGE_MESSAGE_NOTICE_PREFIX} (${formatOctets(size)}; Porthole shows messages up to ${formatOctets(limit)}). Its headers and its whole raw source are kept on this computer: save the message as an .eml file to open it in another program.`;
  return {
    envelope: parsed.envelope,
    body: { messageId, text: notice, html: null, headers: parsed.body.headers, references: parsed.body.references, attachments: [], fetchedAt: now, parseWarnings: [notice] },
    likelyAttachments: headerSuggestsAttachments(headerOnly.toString('latin1')),
  };
}
