import { once } from 'node:events';
import { MailParser, type AttachmentStream, type MessageText } from 'mailparser';
import type { AttachmentMeta } from '../../common/model/mail';
import { attachmentMeta } from './attachment-meta';

/** How much of the text parts is given to the parser: each part, and all of them together. */
export interface TextLimits {
  /** Encoded bytes of one text/plain or text/html part; the rest of the part is dropped. */
  partBytes: number;
  /** Encoded bytes of every text part together. */
  totalBytes: number;
  /** Decoded bytes of images with a Content-ID kept to show in the HTML (as `data:` URLs), all together. */
  inlineImageBytes: number;
}

/** Where the bytes of each attachment go, in order, as they are decoded. */
export interface AttachmentSink {
  /** A piece of attachment `index` (0, 1, …); the parser waits until the promise resolves. */
  write(index: number, bytes: Buffer): Promise<void>;
  /** Every byte of attachment `index` was given to `write`. */
  end(index: number, size: number): Promise<void>;
}

export interface StreamedParts {
  /** The text parts (cut at the limits), as mailparser joins them. */
  text: string;
  html: string | null;
  /** Some text was dropped at the limits. */
  textCut: boolean;
  /** Every attachment, in order, ids `<messageId>/<n>` (the same ids every time the same source is read). */
  attachments: AttachmentMeta[];
  /** Images with a Content-ID, whole, as far as `inlineImageBytes` allows: what `cid:` links in the HTML show. */
  inlineImages: Array<{ cid: string; contentType: string; bytes: Buffer }>;
}

/**
 * What the parser does between the pieces of the source (mailparser's own `processChunk`: it is
 * given each node, body piece and boundary the splitter finds, one at a time). Not part of
 * mailparser's typed interface; checked when the parser is made, and by the tests.
 */
interface SplitterChunk {
  type: 'node' | 'body' | 'data';
  value?: Buffer;
}
interface ParserInternals {
  processChunk(data: SplitterChunk, done: (error?: Error | null) => void): void;
  curnode: false | { isAttachment?: boolean; decoder?: unknown };
}

/** Cuts a piece at its last line break before `room` bytes, so encoded text is cut between lines. */
function cutAtLine(bytes: Buffer, room: number): Buffer {
  const head = bytes.subarray(0, room);
  const lastBreak = head.lastIndexOf(0x0a);
  return lastBreak >= 0 ? head.subarray(0, lastBreak + 1) : head;
}

/**
 * Parses a message given as a stream of pieces with mailparser's streaming `MailParser`, without
 * ever holding the message or an attachment whole: each attachment's decoded bytes go to `sink` as
 * they come (the parser waits for it), and text parts are given to the parser only up to `limits`
 * (mailparser keeps every text part whole until the end, so a 1 GB text part would otherwise be
 * held whole). The parser yields to the event loop after every piece the splitter finds.
 */
export async function streamParts(messageId: string, source: AsyncIterable<Uint8Array>, sink: AttachmentSink, limits: TextLimits): Promise<StreamedParts> {
  // The same options as parseMessage: mailparser's HTML-to-text and linkifying are quadratic on long words.
  const parser = new MailParser({ skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true, skipHtmlToText: true, checksumAlgo: false });
  const internals = parser as unknown as ParserInternals;
  if (typeof internals.processChunk !== 'function' || !('curnode' in internals)) throw new Error('This version of mailparser cannot be limited while it streams.');
  const processChunk = internals.processChunk.bind(parser);
  let inText = false;
  let partBytes = 0;
  let totalBytes = 0;
  let textCut = false;
  internals.processChunk = (data, done) => {
    if (data.type === 'node') {
      processChunk(data, done);
      // The node mailparser just made: a text part it would keep whole (not an attachment, not a multipart).
      const node = internals.curnode;
      inText = node !== false && node.isAttachment === false && node.decoder !== undefined;
      partBytes = 0;
      return;
    }
    if (data.type === 'body' && inText && data.value) {
      const room = Math.min(limits.partBytes - partBytes, limits.totalBytes - totalBytes);
      if (data.value.length > room) {
        textCut = true;
        const kept = room > 0 ? cutAtLine(data.value, room) : Buffer.alloc(0);
        // Nothing more of this part: later pieces of it are dropped as well.
        partBytes = limits.partBytes;
        totalBytes += kept.length;
        if (kept.length === 0) {
          setImmediate(() => done());
          return;
        }
        processChunk({ ...data, value: kept }, done);
        return;
      }
      partBytes += data.value.length;
      totalBytes += data.value.length;
    }
    processChunk(data, done);
  };

  const attachments: AttachmentMeta[] = [];
  const inlineImages: StreamedParts['inlineImages'] = [];
  let inlineBytes = 0;
  let text: MessageText | null = null;

  const consume = async (): Promise<void> => {
    for await (const item of parser as AsyncIterable<AttachmentStream | MessageText>) {
      if (item.type === 'text') {
        text = item;
        continue;
      }
      const index = attachments.length;
      let size = 0;
      // An image the HTML may show by its Content-ID is also kept whole, while the budget lasts.
      let kept: Buffer[] | null = item.cid && item.contentType.startsWith('image/') ? [] : null;
      try {
        for await (const piece of item.content as AsyncIterable<Buffer>) {
          size += piece.length;
          if (kept && inlineBytes + size <= limits.inlineImageBytes) kept.push(Buffer.from(piece));
          else kept = null;
          await sink.write(index, piece);
        }
        await sink.end(index, size);
      } finally {
        item.release?.();
      }
      if (kept && item.cid) {
        inlineBytes += size;
        inlineImages.push({ cid: item.cid, contentType: item.contentType, bytes: Buffer.concat(kept, size) });
      }
      attachments.push(attachmentMeta(messageId, index, item, size));
    }
  };
  const stopped = new AbortController();
  const feed = async (): Promise<void> => {
    for await (const piece of source) {
      const bytes = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
      if (!parser.write(bytes)) await once(parser, 'drain', { signal: stopped.signal });
      if (stopped.signal.aborted) return;
    }
    parser.end();
  };

  const consuming = consume();
  const feeding = feed();
  // Either side failing stops the other: the parser is destroyed, the feeding stops waiting for it.
  const stop = (error: unknown): never => {
    stopped.abort();
    parser.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  };
  consuming.catch(() => undefined);
  feeding.catch(() => undefined);
  await Promise.all([feeding.catch(stop), consuming.catch(stop)]);

  const found = text as MessageText | null;
  return { text: found?.text ?? '', html: typeof found?.html === 'string' ? found.html : null, textCut, attachments, inlineImages };
}
