/**
 * Large messages for the event-loop budget of parsing (issue 11, item 4), made on the fly and
 * deterministic: the unit test (parse-message-responsive.test.ts) and bench/hostile-imap.ts parse
 * the same ones.
 */

const MB = 1024 * 1024;

/** Deterministic bytes (xorshift32), e.g. the content of an attachment that does not compress. */
export function noiseBytes(length: number, seed = 0x2545f491): Buffer {
  const out = Buffer.allocUnsafe(length);
  let x = seed >>> 0 || 1;
  let at = 0;
  for (; at + 4 <= length; at += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out.writeUInt32LE(x >>> 0, at);
  }
  for (; at < length; at++) out[at] = at & 0xff;
  return out;
}

/** Base64 in lines of 76 characters ending in CRLF (RFC 2045 §6.8). */
function base64Lines(bytes: Buffer): string {
  const text = bytes.toString('base64');
  const lines: string[] = [];
  for (let at = 0; at < text.length; at += 76) lines.push(text.slice(at, at + 76));
  return `${lines.join('\r\n')}\r\n`;
}

/** How many bytes base64 in lines of 76 turns `bytes` into (each 57-byte line becomes 78 with its CRLF). */
function base64Size(bytes: number): number {
  const chars = Math.ceil(bytes / 3) * 4;
  return chars + Math.ceil(chars / 76) * 2;
}

const HEADER = (subject: string, id: string, type: string): string =>
  `From: Ana Example <ana@example.test>\r\nTo: Ben <ben@example.test>\r\nSubject: ${subject}\r\nDate: Tue, 1 Dec 2026 10:00:00 +0000\r\nMessage-ID: <${id}@example.test>\r\nMIME-Version: 1.0\r\nContent-Type: ${type}\r\n`;

/** A short text part and one base64 attachment (application/pdf), about `size` bytes in all. */
export function attachmentMessage(size: number): Buffer {
  const head =
    HEADER('The scans you asked for', 'attachment-sample', 'multipart/mixed; boundary="b1"') +
    '\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nHere are the scans, all in one file. Gr=C3=BC=C3=9Fe, Ana\r\n' +
    '--b1\r\nContent-Type: application/pdf; name="scans.pdf"\r\nContent-Disposition: attachment; filename="scans.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n';
  const tail = '--b1--\r\n';
  let bytes = Math.floor(((size - head.length - tail.length) * 57) / 78);
  while (bytes > 0 && head.length + base64Size(bytes) + tail.length > size) bytes -= 57;
  return Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(base64Lines(noiseBytes(bytes)), 'latin1'), Buffer.from(tail, 'latin1')]);
}

/** Lines of prose, now and then with a non-ASCII word (UTF-8), quoted lines and blank lines. */
function proseLines(size: number): Buffer {
  const lines = [
    'Dear Ben, here is the whole log you asked for, line by line, as the server wrote it.',
    '2026-12-01T10:00:00Z INFO  worker 7 started job 12345 (queue "default", attempt 1 of 3)',
    '2026-12-01T10:00:01Z WARN  Grüße aus Köln: the upstream answered 503, retrying in 2 s',
    '> and the quoted line of an earlier message, which a snippet leaves out',
    '2026-12-01T10:00:03Z INFO  日本語のメール and an Arabic word مرحبا in the middle of ASCII',
    '',
  ];
  const block = Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
  const out = Buffer.allocUnsafe(size);
  for (let at = 0; at < size; at += block.length) block.copy(out, at, 0, Math.min(block.length, size - at));
  // Ends with a whole line.
  if (size >= 2) out.write('\r\n', size - 2, 'latin1');
  return out;
}

/** A text/plain message (UTF-8, 8bit) of about `size` bytes. */
export function textMessage(size: number): Buffer {
  const head = Buffer.from(`${HEADER('The whole log', 'text-sample', 'text/plain; charset=utf-8')}Content-Transfer-Encoding: 8bit\r\n\r\n`, 'latin1');
  return Buffer.concat([head, proseLines(size - head.length)]);
}

/** Quoted-printable of UTF-8 text, lines under 76 characters with soft breaks. */
function quotedPrintable(text: Buffer): string {
  const out: string[] = [];
  let line = '';
  for (const byte of text) {
    if (byte === 0x0a) {
      out.push(line.endsWith(' ') ? `${line.slice(0, -1)}=20` : line);
      line = '';
      continue;
    }
    if (byte === 0x0d) continue;
    const piece = byte === 0x3d || byte > 0x7e || (byte < 0x20 && byte !== 0x09) ? `=${byte.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(byte);
    if (line.length + piece.length > 75) {
      out.push(`${line}=`);
      line = '';
    }
    line += piece;
  }
  out.push(line);
  return `${out.join('\r\n')}\r\n`;
}

/**
 * About `size` bytes of everything a large real message has: text and HTML alternatives
 * (quoted-printable), an inline image referenced from the HTML and a large attachment.
 */
export function mixedMessage(size: number): Buffer {
  const text = proseLines(Math.max(1024, Math.floor(size / 40)));
  const html = Buffer.from(`<html><body><p>The log, with a picture: <img src="cid:chart@example.test"></p><pre>${text.toString('utf8').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</pre></body></html>\r\n`, 'utf8');
  const head =
    HEADER('Everything at once', 'mixed-sample', 'multipart/mixed; boundary="outer"') +
    '\r\n--outer\r\nContent-Type: multipart/related; boundary="rel"\r\n\r\n' +
    '--rel\r\nContent-Type: multipart/alternative; boundary="alt"\r\n\r\n' +
    `--alt\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${quotedPrintable(text)}` +
    `--alt\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${quotedPrintable(html)}` +
    '--alt--\r\n' +
    '--rel\r\nContent-Type: image/png\r\nContent-ID: <chart@example.test>\r\nContent-Disposition: inline; filename="chart.png"\r\nContent-Transfer-Encoding: base64\r\n\r\n';
  const middle = '--rel--\r\n--outer\r\nContent-Type: application/zip; name="logs.zip"\r\nContent-Disposition: attachment; filename="logs.zip"\r\nContent-Transfer-Encoding: base64\r\n\r\n';
  const tail = '--outer--\r\n';
  const left = size - head.length - middle.length - tail.length;
  const image = Math.max(57, Math.floor((left * 0.3 * 57) / 78));
  let zip = Math.floor(((left - base64Size(image)) * 57) / 78);
  while (zip > 0 && head.length + base64Size(image) + middle.length + base64Size(zip) + tail.length > size) zip -= 57;
  return Buffer.concat([
    Buffer.from(head, 'latin1'),
    Buffer.from(base64Lines(noiseBytes(image, 7)), 'latin1'),
    Buffer.from(middle, 'latin1'),
    Buffer.from(base64Lines(noiseBytes(zip, 11)), 'latin1'),
    Buffer.from(tail, 'latin1'),
  ]);
}

export const SAMPLE_SIZES = { attachment: 30 * MB, text: 31 * MB, mixed: 60 * MB } as const;

/** An HTML-only message (quoted-printable UTF-8) of about `size` bytes: its text is made from the HTML. */
export function htmlMessage(size: number): Buffer {
  const head = `${HEADER('The report as a page', 'html-sample', 'text/html; charset=utf-8')}Content-Transfer-Encoding: quoted-printable\r\n\r\n`;
  const rows: string[] = [];
  let length = 0;
  for (let row = 0; length < size * 0.75; row++) {
    const line = `<tr><td class="n">${row}</td><td>Grüße aus Köln &amp; 日本語</td><td><a href="https://example.test/item/${row}">item ${row}</a></td></tr>\n`;
    rows.push(line);
    length += line.length;
  }
  const html = Buffer.from(`<html><head><style>td { padding: 2px }</style></head><body><table>\n${rows.join('')}</table></body></html>\n`, 'utf8');
  return Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(quotedPrintable(html), 'latin1')]);
}
