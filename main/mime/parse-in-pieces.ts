import { randomBytes } from 'node:crypto';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
// mailsplit's own quoted-printable decoder (it pins libqp 3.0.1), so the bytes are the ones it gives.
import { decode as decodeQuotedPrintable } from 'libqp';
import { MailParser, type Attachment, type ParsedMail } from 'mailparser';

/**
 * mailparser's simpleParser, fed and collected in pieces so that no step holds the event loop
 * for long (issue 11, item 4: at most 200 ms on one message). simpleParser on one Buffer stalled
 * the loop 270 ms on a 31 MB text message and 750 ms on a 30 MB attachment message: mailsplit
 * passes one written chunk on as one body piece (so a 30 MB base64 part was decoded in one go),
 * and a part's content was put together in one step at its end (Buffer.concat, then toString
 * and a CRLF replace over the whole text). Here the source goes in 64 KB at a time, attachment
 * content is copied together a few MB per turn of the loop, and a text part is decoded as it
 * comes, into a string made of its pieces (a V8 rope, never copied whole here). The result is the
 * one simpleParser gives; parse-message-equivalence.test.ts holds it to the snapshot simpleParser made.
 */

/** How much of the source is written to the parser at a time. */
const PIECE_BYTES = 64 * 1024;
/** How much attachment content is copied together before the loop gets a turn. */
const COPY_STEP_BYTES = 2 * 1024 * 1024;
/** How many bytes of a text part are decoded at a time. */
const DECODE_BYTES = 256 * 1024;
/** The start of a part's text kept flat, for the snippet (a prefix of a rope cannot be read without copying it whole). */
export const TEXT_HEAD_CHARS = 64 * 1024;
/**
 * The most of one text part kept. A part's text is a rope of decoded pieces; the first read of it
 * (sending it to the cache host) copies it flat in one step: 224–395 ms of CPU for 29M characters
 * (bench/results/open-large-imap.md), about 35 ms for 4M. More than a reader can lay out anyway.
 */
export const TEXT_KEEP_CHARS = 4_000_000;

export interface ParsedInPieces extends ParsedMail {
  /** The first TEXT_HEAD_CHARS (or more) characters of `text`, or all of it. */
  textHead: string;
  /** Whether a text or HTML part was cut after TEXT_KEEP_CHARS characters. */
  textCut: boolean;
}

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Buffer.concat(chunks, length), copying a few MB per turn of the loop (a 31 MB concat held it 120–200 ms). */
export async function joinInSteps(chunks: Buffer[], length: number): Promise<Buffer> {
  if (length <= COPY_STEP_BYTES) return Buffer.concat(chunks, length);
  const out = Buffer.allocUnsafeSlow(length);
  let at = 0;
  let sinceYield = 0;
  for (const chunk of chunks) {
    chunk.copy(out, at);
    at += chunk.length;
    sinceYield += chunk.length;
    if (sinceYield >= COPY_STEP_BYTES) {
      sinceYield = 0;
      await yieldToLoop();
    }
  }
  return out;
}

/**
 * Where `bytes` can be cut so that decoding the two sides as UTF-8 apart gives what decoding them
 * together gives (WHATWG UTF-8 decode, which Buffer#toString follows): before a byte that cannot
 * continue a sequence (ASCII, a lead byte or an invalid one), or after three continuation bytes
 * (no sequence is longer than four). Returns how many bytes to decode now.
 */
function safeUtf8Cut(bytes: Buffer): number {
  const stop = Math.max(0, bytes.length - 4);
  for (let at = bytes.length - 1; at >= stop; at--) {
    const byte = bytes[at]!;
    if (byte < 0x80) return at + 1;
    if (byte >= 0xc0) return at;
  }
  return bytes.length >= 4 ? bytes.length : 0;
}

/**
 * A text part's content as mailparser builds it — the bytes as UTF-8 (a string piece from a
 * charset decoder is first encoded as UTF-8, as mailparser does), CRLF and LF as LF — decoded
 * piece by piece instead of after one Buffer.concat of the whole part.
 */
export class TextCollector {
  private waiting: Buffer[] = [];
  private waitingBytes = 0;
  private pendingCr = false;
  private text = '';
  head = '';
  /** Whether characters past TEXT_KEEP_CHARS were left out. */
  cut = false;

  constructor(private readonly keepChars = TEXT_KEEP_CHARS) {}

  add(chunk: Buffer | string): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.waiting.push(bytes);
    this.waitingBytes += bytes.length;
    // Decoded a few hundred KB at a time: strings that large go straight to V8's large-object
    // space, where the garbage collector never copies them (64 KB pieces cost 100+ ms pauses).
    if (this.waitingBytes < DECODE_BYTES) return;
    const data = this.waiting.length === 1 ? this.waiting[0]! : Buffer.concat(this.waiting, this.waitingBytes);
    const cut = safeUtf8Cut(data);
    this.waiting = cut < data.length ? [Buffer.from(data.subarray(cut))] : [];
    this.waitingBytes = data.length - cut;
    if (cut > 0) this.addText(data.toString('utf8', 0, cut));
  }

  private addText(decoded: string): void {
    let text = this.pendingCr ? `\r${decoded}` : decoded;
    this.pendingCr = text.endsWith('\r');
    if (this.pendingCr) text = text.slice(0, -1);
    const piece = text.replace(/\r?\n/g, '\n');
    if (this.head.length < TEXT_HEAD_CHARS) this.head += piece;
    this.keep(piece);
  }

  private keep(piece: string): void {
    const room = this.keepChars - this.text.length;
    if (piece.length > room) this.cut = true;
    if (room <= 0) return;
    // Not inside a surrogate pair: a lone half would be an unpaired surrogate in the stored text.
    let end = Math.min(piece.length, room);
    if (end < piece.length && end > 0 && /[\uD800-\uDBFF]/.test(piece[end - 1]!)) end--;
    this.text += end === piece.length ? piece : piece.slice(0, end);
  }

  end(): string {
    if (this.waitingBytes > 0) this.addText(Buffer.concat(this.waiting, this.waitingBytes).toString('utf8'));
    this.waiting = [];
    this.waitingBytes = 0;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (this.head.length < TEXT_HEAD_CHARS) this.head += '\r';
      this.keep('\r');
    }
    return this.text;
  }
}

/**
 * Whether the line that ends at `bytes[lf]` (a LF) ends in a soft line break as libqp reads it:
 * `=` before the line break once spaces and tabs before CR and LF are removed.
 */
function softBreakAt(bytes: Buffer, lf: number): boolean {
  let at = lf - 1;
  while (at >= 0 && (bytes[at] === 0x20 || bytes[at] === 0x09)) at--;
  if (at >= 0 && bytes[at] === 0x0d) {
    at--;
    while (at >= 0 && (bytes[at] === 0x20 || bytes[at] === 0x09)) at--;
  }
  return at < 0 || bytes[at] === 0x3d;
}

/**
 * libqp's Decoder (mailsplit's for a quoted-printable part) keeps the whole part and decodes it
 * at its end, in one step. This one decodes it up to the last line that does not end in a soft
 * line break each time, which gives the same bytes: nothing libqp's decode does crosses such a
 * line end (trailing whitespace, soft breaks and =XX escapes all lie within a line and its soft
 * continuations). A line that never ends is kept until it does, as before.
 */
export class QuotedPrintableDecoder extends Transform {
  private pending: Buffer[] = [];

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (!chunk.length) return done();
    // A cut is looked for in the newest chunk only, where its line's end is known (else at the part's end).
    let lf = chunk.lastIndexOf(0x0a);
    while (lf >= 0 && softBreakAt(chunk, lf)) lf = lf > 0 ? chunk.lastIndexOf(0x0a, lf - 1) : -1;
    if (lf < 0) {
      this.pending.push(chunk);
      return done();
    }
    const ready = this.pending.length ? Buffer.concat([...this.pending, chunk.subarray(0, lf + 1)]) : chunk.subarray(0, lf + 1);
    this.pending = lf + 1 < chunk.length ? [chunk.subarray(lf + 1)] : [];
    const decoded = decodeQuotedPrintable(ready);
    if (decoded.length) this.push(decoded);
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.pending.length) {
      const decoded = decodeQuotedPrintable(Buffer.concat(this.pending));
      this.pending = [];
      if (decoded.length) this.push(decoded);
    }
    done();
  }
}

/** What this file reads of mailparser's internals (3.14): its tree of parts and how a part's text is collected. */
interface TreeNode {
  node: unknown;
  isAttachment?: boolean;
  contentStream?: Readable;
  textContent?: string;
  children?: TreeNode[];
}

interface MailParserInternals {
  curnode: TreeNode | false;
  tree: TreeNode | false;
  text: string | false;
  html: string | false;
}

interface TextResponse {
  type: 'text';
  text?: string;
  html?: string;
  textAsHtml?: string;
  textConversionError?: Error;
}

/**
 * MailParser whose text parts are decoded as they come (TextCollector) and whose text and html
 * are joined from those pieces without copying them whole. Only for the options parseMessage
 * uses (skipHtmlToText and skipTextToHtml), where mailparser never reads the text it joins.
 */
class PiecewiseMailParser extends MailParser {
  private readonly heads = new Map<TreeNode, string>();
  textHead = '';
  textCut = false;

  /** Replaces, for a text part just opened, mailparser's collector (one Buffer.concat and toString at the end) with a TextCollector. */
  processChunk(data: { type: string; encoding?: string; getDecoder?: () => unknown }, done: (error?: Error) => void): void {
    if (data.type === 'node' && data.encoding === 'quoted-printable' && typeof data.getDecoder === 'function') data.getDecoder = () => new QuotedPrintableDecoder();
    const base = MailParser.prototype as unknown as { processChunk(this: MailParser, data: unknown, done: (error?: Error) => void): void };
    base.processChunk.call(this, data, done);
    if (data.type !== 'node') return;
    const node = (this as unknown as MailParserInternals).curnode;
    const stream = node ? node.contentStream : undefined;
    if (!node || node.node !== data || node.isAttachment || !stream) return;
    const readers = stream.listeners('readable');
    const enders = stream.rawListeners('end');
    const theirEnd = enders[enders.length - 1] as ((...args: unknown[]) => void) & { listener?: unknown };
    // Anything but the one reader and the once('end') mailparser 3.14 adds: leave its own collector.
    if (readers.length !== 1 || !theirEnd || typeof theirEnd.listener !== 'function') return;
    stream.removeListener('readable', readers[0] as () => void);
    stream.removeListener('end', theirEnd);
    const collector = new TextCollector();
    stream.on('readable', () => {
      let chunk: Buffer | string | null;
      while ((chunk = stream.read() as Buffer | string | null) !== null) collector.add(chunk);
    });
    stream.once('end', () => {
      node.textContent = collector.end();
      this.heads.set(node, collector.head);
      if (collector.cut) this.textCut = true;
    });
  }

  /**
   * mailparser's own getTextContent, given a short marker for each part's text and the text put
   * back in afterwards: its `text.join('\n')` of several parts would copy them all into one flat
   * string. With skipHtmlToText and skipTextToHtml it reads nothing of the text but whether it is
   * empty, so the markers give the same result.
   */
  getTextContent(): TextResponse {
    const self = this as unknown as MailParserInternals;
    const nonce = randomBytes(8).toString('hex');
    const texts: string[] = [];
    const marked: TreeNode[] = [];
    const mark = (node: TreeNode): void => {
      if (typeof node.textContent === 'string' && node.textContent) {
        marked.push(node);
        texts.push(node.textContent);
        node.textContent = `\u0000${nonce}:${texts.length - 1}\u0000`;
      }
      node.children?.forEach(mark);
    };
    if (self.tree) mark(self.tree);
    const base = MailParser.prototype as unknown as { getTextContent(this: MailParser): TextResponse };
    let response: TextResponse;
    try {
      response = base.getTextContent.call(this);
    } finally {
      marked.forEach((node, index) => (node.textContent = texts[index]));
    }
    const marker = new RegExp(`\u0000${nonce}:(\\d+)\u0000`);
    const unmark = (joined: string): { text: string; head: string } => {
      let text = '';
      // A prefix of text: pieces are added whole until one is known only by its start.
      let head = '';
      let headOpen = true;
      joined.split(marker).forEach((piece, index) => {
        const value = index % 2 === 1 ? texts[Number(piece)]! : piece;
        if (headOpen && head.length < TEXT_HEAD_CHARS) {
          const start = index % 2 === 1 ? (this.heads.get(marked[Number(piece)]!) ?? value) : value;
          head += start;
          headOpen = start.length === value.length;
        }
        text += value;
      });
      return { text, head };
    };
    if (typeof response.text === 'string') {
      const { text, head } = unmark(response.text);
      self.text = response.text = text;
      this.textHead = head;
    }
    if (typeof response.html === 'string') self.html = response.html = unmark(response.html).text;
    return response;
  }
}

type Options = ConstructorParameters<typeof MailParser>[0] & { skipHtmlToText: true; skipTextToHtml: true };

/** simpleParser(source, options) for a Buffer, in pieces (see above). Rejects where simpleParser rejects. */
export function parseInPieces(source: Buffer, options: Options): Promise<ParsedInPieces> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (error: unknown, mail?: ParsedInPieces): void => {
      if (settled) return;
      settled = true;
      if (mail) resolve(mail);
      else reject(error instanceof Error ? error : new Error(String(error)));
    };
    const mail = { attachments: [] as Attachment[] } as unknown as ParsedInPieces & Record<string, unknown>;
    const parser = new PiecewiseMailParser(options);
    const internals = parser as unknown as { headerLines: ParsedMail['headerLines']; otp?: ParsedMail['otp'] };
    parser.on('error', (error) => settle(error));
    parser.on('headers', (headers) => {
      mail.headers = headers;
      mail.headerLines = internals.headerLines;
      if (internals.otp) mail.otp = internals.otp;
    });
    let reading = false;
    const reader = (): void => {
      reading = true;
      const data = parser.read() as (Record<string, unknown> & { type: string }) | null;
      if (data === null) {
        reading = false;
        return;
      }
      if (data.type === 'text') {
        for (const key of ['text', 'html', 'textAsHtml', 'textConversionError']) if (key in data) mail[key] = data[key];
      }
      if (data.type !== 'attachment') return reader();
      // As the parser hands it out: the content still a stream, release() to let the parser go on.
      const attachment = data as unknown as Omit<Attachment, 'content' | 'release'> & { content: Readable; release: () => void };
      mail.attachments.push(attachment as unknown as Attachment);
      const chunks: Buffer[] = [];
      let length = 0;
      attachment.content.on('readable', () => {
        let chunk: Buffer | null;
        while ((chunk = attachment.content.read() as Buffer | null) !== null) {
          chunks.push(chunk);
          length += chunk.length;
        }
      });
      attachment.content.on('end', () => {
        void joinInSteps(chunks, length).then((content) => {
          (attachment as unknown as { content: Buffer }).content = content;
          attachment.release();
          reader();
        });
      });
    };
    parser.on('readable', () => {
      if (!reading) reader();
    });
    parser.on('end', () => {
      for (const key of ['subject', 'references', 'date', 'to', 'from', 'cc', 'bcc', 'message-id', 'in-reply-to', 'reply-to']) {
        if (mail.headers?.has(key)) mail[key.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())] = mail.headers.get(key);
      }
      mail.textHead = parser.textHead;
      mail.textCut = parser.textCut;
      const withLinks = parser as unknown as { updateImageLinks(replace: (a: Attachment, done: (e: unknown, url?: string) => void) => void, done: (error: unknown, html: string | false) => void): void };
      withLinks.updateImageLinks(
        (attachment, done) => done(false, `data:${attachment.contentType};base64,${attachment.content.toString('base64')}`),
        (error, html) => {
          if (error) return settle(error);
          mail.html = html;
          settle(null, mail);
        },
      );
    });
    let at = 0;
    const pump = (): void => {
      while (at < source.length && !settled) {
        const piece = source.subarray(at, at + PIECE_BYTES);
        at += piece.length;
        if (!parser.write(piece)) {
          parser.once('drain', pump);
          return;
        }
      }
      if (!settled) parser.end();
    };
    pump();
  });
}
