import { describe, expect, it } from 'vitest';
import { decodeCharset, decodePartialBase64, decodeQuotedPrintable, decodeTransfer, htmlToPlainText, makeSnippet } from '../../../../node-lib/text-decoding';

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');
const ascii = (value: string): Uint8Array => Buffer.from(value, 'latin1');

describe('decodeCharset', () => {
  it.each([
    ['utf-8', [0x43, 0x61, 0x66, 0xc3, 0xa9], 'Café'],
    ['UTF-8 ', [0xc3, 0xa9], 'é'],
    ['iso-8859-1', [0x4b, 0xf6, 0x6c, 0x6e], 'Köln'],
    ['windows-1252', [0x4b, 0xf6, 0x6c, 0x6e], 'Köln'],
    ['shift_jis', [0x82, 0xa0, 0x82, 0xa2], 'あい'],
  ])('decodes %j', (charset, bytes, expected) => {
    expect(decodeCharset(Uint8Array.from(bytes), charset)).toBe(expected);
  });

  // Node 20's TextDecoder reads windows-1252 as plain Latin-1 (nodejs/node#56542); iconv-lite does not.
  it.each(['windows-1252', 'iso-8859-1'])('decodes the 0x80-0x9F range of %j as windows-1252', (charset) => {
    expect(decodeCharset(Uint8Array.from([0x80, 0x20, 0x93, 0x71, 0x94]), charset)).toBe('€ “q”');
  });

  it.each([undefined, '', 'x-unknown-charset', 'utf-8"; broken'])('falls back to UTF-8 for %j', (charset) => {
    expect(decodeCharset(Uint8Array.from([0xc3, 0xa9]), charset)).toBe('é');
  });

  // Issue 11 item 5: the one rule for 8-bit text that declares no charset. Dovecot reports such a
  // part as "us-ascii" (RFC 2045 §5.2), so a declared us-ascii with 8-bit bytes is read the same way.
  it.each([undefined, '', 'us-ascii', 'US-ASCII', 'ascii'])('reads valid UTF-8 as UTF-8 for %j', (charset) => {
    expect(decodeCharset(Buffer.from('café “ok”', 'utf8'), charset)).toBe('café “ok”');
  });

  it.each([undefined, '', 'us-ascii', 'ascii', 'unknown-8bit'])('reads bytes that are not UTF-8 as windows-1252 for %j', (charset) => {
    expect(decodeCharset(Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x20, 0x93, 0x71, 0x94]), charset)).toBe('café € “q”');
  });

  it('keeps UTF-8 cut off inside its last character (a snippet is the first bytes of a part) as UTF-8', () => {
    expect(decodeCharset(Uint8Array.from([0x63, 0x61, 0x66, 0xc3, 0xa9, 0x20, 0xe2, 0x80]), undefined)).toBe('café ');
  });

  it('drops a UTF-8 byte order mark, and reads a cut-off tail after invalid bytes as windows-1252', () => {
    expect(decodeCharset(Uint8Array.from([0xef, 0xbb, 0xbf, 0x63, 0xc3, 0xa9]), undefined)).toBe('cé');
    expect(decodeCharset(Uint8Array.from([0xe9, 0x20, 0xc3, 0xa9, 0x20, 0xe2]), undefined)).toBe('é Ã© â');
  });

  it('reads ASCII that ends in one 8-bit byte as windows-1252, not as cut-off UTF-8', () => {
    expect(decodeCharset(Uint8Array.from([0x63, 0x61, 0x66, 0xe9]), 'us-ascii')).toBe('café');
  });

  it('replaces invalid bytes instead of throwing', () => {
    expect(decodeCharset(Uint8Array.from([0x61, 0xff, 0x62]), 'utf-8')).toBe('a\uFFFDb');
  });
});

describe('decodeQuotedPrintable', () => {
  it('decodes escapes', () => {
    expect(text(decodeQuotedPrintable('Caf=C3=A9 =3D ok'))).toBe('Caf\xc3\xa9 = ok');
  });

  it('joins soft line breaks (CRLF and LF)', () => {
    expect(text(decodeQuotedPrintable('long=\r\nline=\nhere\r\nnext'))).toBe('longlinehere\r\nnext');
  });

  it.each(['abc=', 'abc=4', 'abc=\r'])('drops an escape cut off at the end: %j', (input) => {
    expect(text(decodeQuotedPrintable(input))).toBe('abc');
  });

  it('keeps an invalid escape in the middle as it is', () => {
    expect(text(decodeQuotedPrintable('a=ZZb'))).toBe('a=ZZb');
  });
});

describe('decodePartialBase64', () => {
  it('decodes base64 with line breaks', () => {
    expect(text(decodePartialBase64('SGVsbG8g\r\nd29ybGQh'))).toBe('Hello world!');
  });

  it('drops an incomplete last quantum', () => {
    // "Hello world!" is SGVsbG8gd29ybGQh; cut after 14 characters.
    expect(text(decodePartialBase64('SGVsbG8gd29ybG'))).toBe('Hello wor');
  });

  // Short bodies arrive whole (snippets fetch 600 bytes): the padded last quantum must decode.
  it('decodes a complete body that ends in padding', () => {
    expect(text(decodePartialBase64('SGVsbG8='))).toBe('Hello');
    expect(text(decodePartialBase64('SGk=\r\n'))).toBe('Hi');
  });
});

describe('decodeTransfer', () => {
  it('picks the decoder from the encoding name, case-insensitively', () => {
    expect(text(decodeTransfer(ascii('SGVsbG8gd29ybGQh'), 'BASE64'))).toBe('Hello world!');
    expect(text(decodeTransfer(ascii('a=3Db'), 'Quoted-Printable'))).toBe('a=b');
    expect(text(decodeTransfer(ascii('a=3Db'), '8bit'))).toBe('a=3Db');
    expect(text(decodeTransfer(ascii('plain'), undefined))).toBe('plain');
  });
});

describe('htmlToPlainText', () => {
  it('removes tags, style, script, head and comments', () => {
    const html = '<html><head><title>T</title><style>p{color:red}</style></head><body><!-- hidden --><p>Hello</p><script>alert(1)</script><b>world</b></body></html>';
    const plain = htmlToPlainText(html);

    expect(plain.replace(/\s+/g, ' ').trim()).toBe('Hello world');
  });

  it('decodes named and numeric entities once', () => {
    expect(htmlToPlainText('a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#233; &#x263A; &amp;lt;')).toBe('a & b <c> "d" \'e\' é ☺ &lt;');
  });

  it('leaves unknown entities and drops invalid code points', () => {
    expect(htmlToPlainText('&bogus; &#0; &#x110000;')).toBe('&bogus;    ');
  });

  it('copes with a fragment cut off inside a tag or a style block', () => {
    expect(htmlToPlainText('<p>Hi</p><style>p{').trim()).toBe('Hi');
    expect(htmlToPlainText('<p>Hi</p><a href="x').trim()).toBe('Hi');
  });
});

describe('makeSnippet', () => {
  it('drops quoted lines and collapses whitespace', () => {
    expect(makeSnippet('Thanks!\r\n\r\nOn Monday Ann wrote:\n> old text\n  >> older\n\tSee   you')).toBe('Thanks! On Monday Ann wrote: See you');
  });

  it('is at most `length` characters', () => {
    const long = 'word '.repeat(100);
    expect(makeSnippet(long)).toHaveLength(200);
    expect(makeSnippet(long, 12)).toBe('word word wo');
  });

  it('is empty for an empty or all-quoted text', () => {
    expect(makeSnippet('')).toBe('');
    expect(makeSnippet('> a\n> b')).toBe('');
  });
});
