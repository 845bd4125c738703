import { createHash } from 'node:crypto';
import type { FakePop3Message } from './fake-pop3-server';

/**
 * A multipart/mixed message of any size generated on the fly: a text/plain part, a text/html part
 * (in multipart/alternative), a small inline image with a Content-ID, and one large base64
 * attachment whose bytes differ from block to block (a counter in each block), so a piece stored
 * twice, out of order or not at all changes the hash. Nothing is held whole, whatever the size.
 */
export interface LargeMultipart extends FakePop3Message {
  /** SHA-256 of the large attachment's decoded bytes. */
  attachmentSha256(): string;
  attachmentBytes: number;
  text: string;
  html: string;
  image: Buffer;
}

const BLOCK = 57 * 1024; // 57 bytes make one 76-character base64 line

function attachmentBlocks(bytes: number): () => Generator<Buffer> {
  const base = Buffer.alloc(BLOCK);
  for (let i = 0; i < BLOCK; i++) base[i] = (i * 131 + 7) & 0xff;
  return function* blocks(): Generator<Buffer> {
    let left = bytes;
    let counter = 0;
    while (left > 0) {
      const block = Buffer.from(base.subarray(0, Math.min(BLOCK, left)));
      if (block.length >= 4) block.writeUInt32BE(counter, 0);
      counter += 1;
      left -= block.length;
      yield block;
    }
  };
}

function base64Lines(block: Buffer): Buffer {
  const encoded = block.toString('base64');
  let out = '';
  for (let at = 0; at < encoded.length; at += 76) out += `${encoded.slice(at, at + 76)}\r\n`;
  return Buffer.from(out, 'latin1');
}

export function largeMultipart(uidl: string, options: { attachmentBytes: number; subject?: string; textRepeat?: number }): LargeMultipart {
  const text = `Hello,\r\n\r\nthe recording is attached. Grüße, Ana\r\n${'More words of the text part.\r\n'.repeat(options.textRepeat ?? 1)}`;
  const html = '<p>Hello,</p><p>the recording is <b>attached</b>. <img src="cid:logo@example.test"></p>';
  const image = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  const head = Buffer.from(
    [
      'From: Ana <ana@example.test>',
      'To: you@example.test',
      `Subject: ${options.subject ?? 'The recording'}`,
      `Message-ID: <${uidl}@example.test>`,
      'Date: Tue, 1 Dec 2026 12:00:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="outer-b"',
      '',
      'This is a multipart message.',
      '--outer-b',
      'Content-Type: multipart/alternative; boundary="alt-b"',
      '',
      '--alt-b',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      text,
      '--alt-b',
      'Content-Type: text/html; charset=utf-8',
      '',
      html,
      '--alt-b--',
      '--outer-b',
      'Content-Type: image/png',
      'Content-Disposition: inline; filename="logo.png"',
      'Content-ID: <logo@example.test>',
      'Content-Transfer-Encoding: base64',
      '',
      image.toString('base64'),
      '--outer-b',
      'Content-Type: video/mp4; name="recording.mp4"',
      'Content-Disposition: attachment; filename="recording.mp4"',
      'Content-Transfer-Encoding: base64',
      '',
      '',
    ].join('\r\n'),
  );
  const tail = Buffer.from('--outer-b--\r\n');
  const blocks = attachmentBlocks(options.attachmentBytes);
  function* bytes(): Generator<Buffer> {
    yield head;
    for (const block of blocks()) yield base64Lines(block);
    yield tail;
  }
  let size = 0;
  for (const piece of bytes()) size += piece.length;
  return {
    uidl,
    size,
    bytes,
    attachmentBytes: options.attachmentBytes,
    text,
    html,
    image,
    attachmentSha256: () => {
      const hash = createHash('sha256');
      for (const block of blocks()) hash.update(block);
      return hash.digest('hex');
    },
  };
}

/** The message's bytes as numbered pieces of `pieceBytes`, in order, generated again as they are asked for. */
export function piecesOf(message: FakePop3Message, pieceBytes: number): (index: number) => Uint8Array | null {
  let source = message.bytes()[Symbol.iterator]();
  let pending: Buffer = Buffer.alloc(0);
  let nextIndex = 0;
  return (index) => {
    if (index < nextIndex) {
      // Asked again from the start (a second run): generate again.
      source = message.bytes()[Symbol.iterator]();
      pending = Buffer.alloc(0);
      nextIndex = 0;
    }
    let piece: Buffer | null = null;
    while (nextIndex <= index) {
      while (pending.length < pieceBytes) {
        const next = source.next();
        if (next.done) break;
        pending = pending.length ? Buffer.concat([pending, next.value]) : next.value;
      }
      if (pending.length === 0) return null;
      piece = Buffer.from(pending.subarray(0, pieceBytes));
      pending = pending.subarray(piece.length);
      nextIndex += 1;
    }
    return piece;
  };
}
