// Draws Porthole's icon (a porthole with an envelope in its glass) into build/: icon.png
// (1024 px, which electron-builder turns into .icns and .ico) and icons/<size>x<size>.png for
// Linux. Run once with `node scripts/make-icons.mjs`; the PNGs are committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
};
const png = (size, rgba) => {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
};

/** Colour at (x, y) in a 1×1 unit square, or null for transparent. */
function shade(x, y) {
  const dx = x - 0.5;
  const dy = y - 0.5;
  const r = Math.hypot(dx, dy);
  if (r > 0.48) return null;
  // Brass rim with eight bolts.
  if (r > 0.38) {
    const angle = Math.atan2(dy, dx);
    const bolt = Math.abs(((angle / (Math.PI / 4)) % 1 + 1) % 1 - 0.5) < 0.09 && Math.abs(r - 0.43) < 0.025;
    return bolt ? [120, 84, 30] : [212, 160, 60];
  }
  if (r > 0.355) return [150, 108, 40];
  // Glass: sea blue, lighter towards the top left.
  const light = Math.max(0, 1 - Math.hypot(x - 0.38, y - 0.36) * 2.2);
  const glass = [40 + 90 * light, 110 + 90 * light, 180 + 60 * light];
  // An envelope in the middle.
  const ex = (x - 0.5) / 0.2;
  const ey = (y - 0.52) / 0.13;
  if (Math.abs(ex) <= 1 && Math.abs(ey) <= 1) {
    const flap = Math.abs(ey + 1 - (1 - Math.abs(ex)) * 1.1) < 0.09;
    return flap ? [47, 111, 223] : [250, 250, 250];
  }
  return glass;
}

function render(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = shade((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const i = (py * size + px) * 4;
      if (a) {
        rgba[i] = Math.round(r / a);
        rgba[i + 1] = Math.round(g / a);
        rgba[i + 2] = Math.round(b / a);
        rgba[i + 3] = Math.round((255 * a) / (samples * samples));
      }
    }
  }
  return png(size, rgba);
}

const root = new URL('../build/', import.meta.url);
mkdirSync(new URL('icons/', root), { recursive: true });
writeFileSync(new URL('icon.png', root), render(1024));
for (const size of [16, 32, 48, 64, 128, 256, 512]) writeFileSync(new URL(`icons/${size}x${size}.png`, root), render(size));
console.log('Icons written to build/');
