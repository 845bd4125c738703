import { deflateSync } from 'node:zlib';

/**
 * The Windows taskbar's unread count: a red disc with the number in white, drawn here as a 32×32
 * PNG (shown at 16×16 on a normal screen, crisp on a 200 % one). Windows has no badge count of its
 * own (`app.setBadgeCount` is macOS and Linux only); an overlay icon is what mail clients show there.
 * Drawn by hand with a 3×5 digit font: no canvas in main, and a dependency for ten glyphs is not worth it.
 */

const SIZE = 32;

/** Each glyph's five rows of three pixels, as bits (4 = left). */
const GLYPHS: Record<string, number[]> = {
  '0': [7, 5, 5, 5, 7],
  '1': [2, 6, 2, 2, 7],
  '2': [7, 1, 7, 4, 7],
  '3': [7, 1, 7, 1, 7],
  '4': [5, 5, 7, 1, 1],
  '5': [7, 4, 7, 1, 7],
  '6': [7, 4, 7, 5, 7],
  '7': [7, 1, 1, 1, 1],
  '8': [7, 5, 7, 5, 7],
  '9': [7, 5, 7, 1, 7],
  '+': [0, 2, 7, 2, 0],
};

/** What the badge says: the count, or "99+" beyond. */
export function badgeLabel(count: number): string {
  return count > 99 ? '99+' : String(count);
}

/** RGBA pixels of the badge for `count` (1 and up). */
export function badgePixels(count: number): Uint8Array {
  const pixels = new Uint8Array(SIZE * SIZE * 4);
  const set = (x: number, y: number, rgba: readonly number[]): void => pixels.set(rgba, (y * SIZE + x) * 4);
  const centre = (SIZE - 1) / 2;
  for (let y = 0; y < SIZE; y++) for (let x = 0; x < SIZE; x++) if ((x - centre) ** 2 + (y - centre) ** 2 <= (SIZE / 2) ** 2) set(x, y, [0xd3, 0x2f, 0x2f, 0xff]);
  const label = badgeLabel(count);
  const scale = label.length === 1 ? 4 : label.length === 2 ? 3 : 2;
  const gap = scale;
  const width = label.length * 3 * scale + (label.length - 1) * gap;
  const left = Math.floor((SIZE - width) / 2);
  const top = Math.floor((SIZE - 5 * scale) / 2);
  [...label].forEach((char, index) => {
    const rows = GLYPHS[char] ?? [];
    const x0 = left + index * (3 * scale + gap);
    rows.forEach((bits, row) => {
      for (let column = 0; column < 3; column++) {
        if (!(bits & (4 >> column))) continue;
        for (let dy = 0; dy < scale; dy++) for (let dx = 0; dx < scale; dx++) set(x0 + column * scale + dx, top + row * scale + dy, [0xff, 0xff, 0xff, 0xff]);
      }
    });
  });
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One PNG chunk (RFC 2083 §3.2): length, type, data, CRC of type and data. */
function chunk(type: string, data: Uint8Array): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(typed.length + 8);
  out.writeUInt32BE(data.length, 0);
  typed.copy(out, 4);
  out.writeUInt32BE(crc32(typed), typed.length + 4);
  return out;
}

/** The badge as a PNG file: 8-bit RGBA, no filtering (RFC 2083). */
export function badgePng(count: number): Buffer {
  const pixels = badgePixels(count);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) rows.set(pixels.subarray(y * SIZE * 4, (y + 1) * SIZE * 4), y * (SIZE * 4 + 1) + 1);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', new Uint8Array(0))]);
}
