import { decode as decodeQuotedPrintable } from 'libqp';
import { describe, expect, it } from 'vitest';
import { QuotedPrintableDecoder, TEXT_HEAD_CHARS, TextCollector } from '../../../../main/mime/parse-in-pieces';
import { noiseBytes } from './large-message-samples';

/** What mailparser makes of a text part's chunks: one Buffer.concat, toString, CRLF → LF. */
const whole = (chunks: Array<Buffer | string>): string =>
  Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)))
    .toString()
    .replace(/\r?\n/g, '\n');

function collect(chunks: Array<Buffer | string>): { text: string; head: string } {
  const collector = new TextCollector();
  chunks.forEach((chunk) => collector.add(chunk));
  return { text: collector.end(), head: collector.head };
}

/** `bytes` cut at random places into 1–`most` byte chunks. */
function cut(bytes: Buffer, most: number, seed: number): Buffer[] {
  const sizes = noiseBytes(bytes.length, seed);
  const out: Buffer[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = 1 + (sizes[i]! % most);
    out.push(bytes.subarray(at, at + size));
    at += size;
  }
  return out;
}

describe('TextCollector', () => {
  it('decodes any bytes, cut anywhere, as mailparser does in one go', () => {
    // Bytes drawn mostly from the ones that matter: CR, LF, ASCII, lead and continuation bytes, invalid ones.
    const alphabet = [0x0d, 0x0a, 0x61, 0x20, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xbf, 0xc0, 0xed, 0xa0, 0xf4, 0x90, 0xff, 0xef, 0xbb];
    for (let seed = 1; seed <= 300; seed++) {
      const bytes = Buffer.from([...noiseBytes(200 + (seed % 50) * 40, seed * 7919)].map((b) => alphabet[b % alphabet.length]!));
      for (const most of [1, 2, 3, 5, 17, 4096]) {
        const chunks = cut(bytes, most, seed + most);
        expect(collect(chunks).text).toBe(whole(chunks));
      }
    }
  });

  it('takes string pieces (a charset decoder) as mailparser does, lone surrogates included', () => {
    const chunks = ['a\r', '\nb\uD83D', '\uDE00c\uD800', '\r\n', 'é\r'];
    expect(collect(chunks).text).toBe(whole(chunks));
  });

  it('keeps the start of the text flat, as a prefix of it', () => {
    const chunks = cut(Buffer.from('line one\r\nGrüße, 日本語\r\n'.repeat(20_000)), 70_000, 3);
    const { text, head } = collect(chunks);
    expect(text).toBe(whole(chunks));
    expect(head.length).toBeGreaterThanOrEqual(TEXT_HEAD_CHARS);
    expect(text.startsWith(head)).toBe(true);
  });

  it('keeps a text at most its limit long, never split inside a surrogate pair, and says it cut', () => {
    const chunks = ['Grüße 😀 '.repeat(40_000)];
    const full = whole(chunks);
    for (const limit of [1, 1_000, 1_001, 100_000]) {
      const collector = new TextCollector(limit);
      chunks.forEach((chunk) => collector.add(chunk));
      const text = collector.end();
      expect(full.startsWith(text)).toBe(true);
      expect(text.length).toBeLessThanOrEqual(limit);
      expect(text.length).toBeGreaterThanOrEqual(limit - 1);
      expect(/[\uD800-\uDBFF]$/.test(text)).toBe(false);
      expect(collector.cut).toBe(true);
    }
    const roomy = new TextCollector(full.length);
    chunks.forEach((chunk) => roomy.add(chunk));
    expect(roomy.end()).toBe(full);
    expect(roomy.cut).toBe(false);
  });
});

async function decodeInPieces(chunks: Buffer[]): Promise<Buffer> {
  const decoder = new QuotedPrintableDecoder();
  const out: Buffer[] = [];
  decoder.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = new Promise((resolve) => decoder.on('end', resolve));
  chunks.forEach((chunk) => decoder.write(chunk));
  decoder.end();
  await ended;
  return Buffer.concat(out);
}

describe('QuotedPrintableDecoder', () => {
  it('decodes quoted-printable cut anywhere as libqp decodes it whole', async () => {
    // Escapes, soft breaks, whitespace before line ends, broken escapes, bare CR and LF.
    const alphabet = ['=', '=', '\r\n', '\n', '\r', ' ', '\t', 'A', '4', '1', 'f', 'G', 'x', '=3D', '=\r\n', '= \r\n', '=\n', '\xe9'];
    for (let seed = 1; seed <= 300; seed++) {
      const text = [...noiseBytes(300 + (seed % 40) * 30, seed * 104729)].map((b) => alphabet[b % alphabet.length]!).join('');
      const bytes = Buffer.from(text, 'latin1');
      for (const most of [1, 2, 7, 64, 4096]) {
        expect((await decodeInPieces(cut(bytes, most, seed + most))).equals(decodeQuotedPrintable(bytes))).toBe(true);
      }
    }
  });
});
