import { describe, expect, it } from 'vitest';
import { FixedPieces } from '../../../../../main/sync/pop3/fixed-pieces';
import { randomBytes, seededRandom } from '../../../../unit/factories';

describe('FixedPieces: a byte stream cut into pieces of one size', () => {
  it('gives the same bytes in pieces of exactly the size (the last one shorter), however the input was split', async () => {
    const random = seededRandom(11);
    const source = randomBytes(random, 10_000);
    for (const size of [1, 7, 1024, 4096, 20_000]) {
      const pieces: Uint8Array[] = [];
      const cutter = new FixedPieces(size, (piece) => {
        pieces.push(piece);
        return Promise.resolve();
      });
      for (let from = 0; from < source.length; ) {
        const length = 1 + Math.floor(random() * 3000);
        await cutter.push(source.subarray(from, from + length));
        from += length;
      }
      await cutter.finish();
      expect(pieces.slice(0, -1).every((p) => p.length === size)).toBe(true);
      expect(Buffer.concat(pieces).equals(Buffer.from(source))).toBe(true);
    }
  });

  it('stops taking bytes once told to', async () => {
    const pieces: Uint8Array[] = [];
    const cutter = new FixedPieces(4, (piece) => {
      pieces.push(piece);
      return Promise.resolve();
    });
    await cutter.push(new Uint8Array(10), () => pieces.length >= 1);
    await cutter.finish();
    expect(pieces.map((p) => p.length)).toEqual([4]);
  });
});
