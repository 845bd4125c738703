import { deflateSync } from 'node:zlib';

/**
 * A message with the kinds of inline parts the reader must tell apart (RFC 2392 cid: references):
 * a PNG its HTML shows, a cid: naming no part, an SVG (never shown inline), and a listed PDF.
 */

/** A PNG of `width`×`height` red pixels, built here so the test depends on no image file. */
export function redPng(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer): number => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const rows = Buffer.concat(Array.from({ length: height }, () => Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [255, 0, 0]).flat())])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

function wrap(base64: string): string {
  return base64.replace(/.{1,76}/g, '$&\r\n');
}

/** multipart/related: HTML naming two parts it has (a PNG, an SVG) and one it has not, then a listed PDF. */
export function messageWithInlineImages(subject: string): string {
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>').toString('base64');
  return [
    'From: Design <design@example.test>',
    'To: reader@example.test',
    `Subject: ${subject}`,
    'Date: Thu, 03 Dec 2026 09:00:00 +0000',
    `Message-ID: <${subject.replace(/\W/g, '')}@example.test>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="outer"',
    '',
    '--outer',
    'Content-Type: multipart/related; boundary="related"',
    '',
    '--related',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>Our logo:</p><img id="logo" src="cid:Logo.Red%40example.test" alt="logo"><img id="missing" src="cid:nothing@example.test" alt="missing"><img id="vector" src="cid:vector@example.test" alt="vector">',
    '--related',
    'Content-Type: image/png; name="logo.png"',
    'Content-Transfer-Encoding: base64',
    'Content-ID: <logo.red@example.test>',
    'Content-Disposition: inline; filename="logo.png"',
    '',
    wrap(redPng(12, 7).toString('base64')),
    '--related',
    'Content-Type: image/svg+xml; name="vector.svg"',
    'Content-Transfer-Encoding: base64',
    'Content-ID: <vector@example.test>',
    'Content-Disposition: inline; filename="vector.svg"',
    '',
    wrap(svg),
    '--related--',
    '--outer',
    'Content-Type: application/pdf; name="terms.pdf"',
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="terms.pdf"',
    '',
    wrap(Buffer.from('%PDF-1.4 not really').toString('base64')),
    '--outer--',
    '',
  ].join('\r\n');
}
