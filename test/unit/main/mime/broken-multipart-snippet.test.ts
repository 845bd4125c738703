import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snippetOfBrokenMultipart } from '../../../../main/mime/broken-multipart-snippet';
import { makeSnippet } from '../../../../node-lib/text-decoding';

const bytes = (text: string, encoding: BufferEncoding = 'utf8') => Buffer.from(text, encoding);

// Issue 11: a multipart message whose parts use another boundary than the declared one is one
// part to Dovecot, and the list showed "--BBB Content-Type: text/plain hello mismatch --BBB--".
describe('snippetOfBrokenMultipart', () => {
  it('reads the first text part of the fixture with the mismatched boundary', () => {
    const raw = readFileSync(join(__dirname, '..', '..', '..', 'fixtures', 'mail', 'boundary-mismatch.eml'));
    const body = raw.subarray(raw.indexOf('\r\n\r\n') + 4);
    expect(makeSnippet(snippetOfBrokenMultipart(body)!)).toBe('The boundary in the header is not the one the parts use.');
  });

  it('skips the part headers and stops at the next boundary', () => {
    expect(snippetOfBrokenMultipart(bytes('--BBB\r\nContent-Type: text/plain\r\n\r\nhello mismatch\r\n--BBB--\r\n'))).toBe('hello mismatch');
    expect(snippetOfBrokenMultipart(bytes('\r\n--BBB\nContent-Type: text/plain;\n charset=utf-8\n\nhello\n--BBB\nContent-Type: text/html\n\n<p>other</p>\n--BBB--\n'))).toBe('hello');
  });

  it('decodes the transfer encoding and charset of the part', () => {
    expect(snippetOfBrokenMultipart(bytes('--b\r\nContent-Type: text/plain; charset="iso-8859-1"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\ncaf=E9 cr=E8me\r\n--b--\r\n'))).toBe('café crème');
    expect(snippetOfBrokenMultipart(bytes(`--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from('à bientôt').toString('base64')}\r\n--b--\r\n`))).toBe('à bientôt');
  });

  it('prefers text/plain, takes text/html as text, and skips other parts', () => {
    expect(snippetOfBrokenMultipart(bytes('--b\r\nContent-Type: image/png\r\n\r\nxxx\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>Hi &amp; bye</p>\r\n--b\r\nContent-Type: text/plain\r\n\r\nplain\r\n--b--'))).toBe('plain');
    expect(snippetOfBrokenMultipart(bytes('--b\r\nContent-Type: text/html\r\n\r\n<p>Hi &amp; bye</p>\r\n--b--'))?.trim()).toBe('Hi & bye');
    expect(snippetOfBrokenMultipart(bytes('--b\r\nContent-Type: image/png\r\n\r\nxxx\r\n--b--'))).toBeNull();
  });

  it('gives the start of a part cut off by the byte limit of a snippet', () => {
    expect(snippetOfBrokenMultipart(bytes('--b\r\nContent-Type: text/plain\r\n\r\nthe beginning of a long'))).toBe('the beginning of a long');
  });

  it('leaves text that does not start with a boundary line and part headers alone', () => {
    expect(snippetOfBrokenMultipart(bytes('Hello,\r\n--b\r\n'))).toBeNull();
    expect(snippetOfBrokenMultipart(bytes('-- \r\nsignature\r\n'))).toBeNull();
    expect(snippetOfBrokenMultipart(bytes('-----BEGIN PGP SIGNED MESSAGE-----\r\nHash: SHA256\r\n\r\ntext'))).toBeNull();
    expect(snippetOfBrokenMultipart(bytes('--b\r\nnot a header line\r\n\r\ntext'))).toBeNull();
    expect(snippetOfBrokenMultipart(bytes(''))).toBeNull();
  });
});
