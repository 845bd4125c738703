import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, decodeWire, encodeWire } from '../../../common/wire';
import { randomBytes, seededRandom } from '../factories';

describe('encodeWire / decodeWire', () => {
  const random = seededRandom(1);

  it.each([
    ['empty', new Uint8Array(0)],
    ['1 byte', new Uint8Array([0xff])],
    ['2 bytes', new Uint8Array([0x00, 0x80])],
    ['3 bytes', new Uint8Array([1, 2, 3])],
    ['100 KB random', randomBytes(random, 100 * 1024)],
  ])('round-trips a nested object holding %s', (_label, bytes) => {
    const value = { id: 'm1', meta: { parts: [{ name: 'a.bin', content: bytes }] }, list: [7, null] };

    const decoded = decodeWire(encodeWire(value)) as typeof value;

    const part = decoded.meta.parts[0]!;
    expect(part.content).toBeInstanceOf(Uint8Array);
    // Buffer.equals instead of toEqual: a deep compare of 100 KB element by element takes seconds.
    expect(Buffer.from(part.content).equals(bytes)).toBe(true);
    expect(part.name).toBe('a.bin');
    expect(decoded.id).toBe('m1');
    expect(decoded.list).toEqual([7, null]);
  });

  it('round-trips Uint8Arrays at the top level and inside arrays', () => {
    const bytes = new Uint8Array([9, 8, 7, 6]);
    expect(decodeWire(encodeWire(bytes))).toEqual(bytes);
    expect(decodeWire(encodeWire([bytes, { inner: [bytes] }]))).toEqual([bytes, { inner: [bytes] }]);
  });

  it('encodes only the bytes of a Buffer that is a slice of a larger one', () => {
    const slice = Buffer.from([0, 1, 2, 3, 4, 5, 6, 7]).subarray(2, 5);
    const decoded = decodeWire(encodeWire({ slice })) as { slice: Uint8Array };
    expect([...decoded.slice]).toEqual([2, 3, 4]);
  });

  it('encodes a Node Buffer as its bytes, not as Buffer.toJSON', () => {
    const buffer = Buffer.from('héllo wörld', 'utf8');

    const text = encodeWire({ content: buffer });
    const decoded = decodeWire(text) as { content: Uint8Array };

    expect(text).not.toContain('"type":"Buffer"');
    expect(decoded.content).toBeInstanceOf(Uint8Array);
    expect([...decoded.content]).toEqual([...buffer]);
  });

  it('leaves ordinary JSON values alone', () => {
    const value = { a: 1, b: 'two', c: [true, null, { d: 'e' }], $bytes: 'not alone' };
    expect(decodeWire(encodeWire(value))).toEqual(value);
  });
});

describe('bytesToBase64 / base64ToBytes', () => {
  const random = seededRandom(2);

  it('agrees with Node Buffer for every length 0..300', () => {
    for (let length = 0; length <= 300; length++) {
      const bytes = randomBytes(random, length);
      const expected = Buffer.from(bytes).toString('base64');

      expect(bytesToBase64(bytes), `length ${length}`).toBe(expected);
      expect([...base64ToBytes(expected)], `length ${length}`).toEqual([...bytes]);
    }
  });

  it('decodes unpadded base64', () => {
    expect([...base64ToBytes('AQ')]).toEqual([1]);
    expect([...base64ToBytes('AQI')]).toEqual([1, 2]);
  });
});
