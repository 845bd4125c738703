import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../../main/mime/parse-message';
import { randomBytes, seededRandom } from '../../factories';

const MAIL_DIR = join(__dirname, '..', '..', '..', 'fixtures', 'mail');
const fixture = (name: string): Uint8Array => readFileSync(join(MAIL_DIR, name));
const crlf = (...lines: string[]): Uint8Array => Buffer.from(lines.join('\r\n'), 'utf8');
/** Fixtures that are malformed on purpose: they parse, with a warning saying how (broken-real-mail.test.ts). */
const MALFORMED = new Set(['boundary-mismatch.eml', 'content-type-no-semicolon.eml']);

describe('parseMessage on the fixtures', () => {
  it.each(readdirSync(MAIL_DIR).filter((name) => name.endsWith('.eml') && !MALFORMED.has(name)))('parses %s with text and no warnings', async (name) => {
    const parsed = await parseMessage('m', fixture(name), 5);

    expect(parsed.body.messageId).toBe('m');
    expect(parsed.body.fetchedAt).toBe(5);
    expect(parsed.body.text.trim()).not.toBe('');
    expect(parsed.body.parseWarnings).toEqual([]);
    expect(parsed.snippet).not.toBe('');
  });

  it('attachment.eml: text, html and report.pdf with its PDF bytes', async () => {
    const { body, attachments, envelope: { subject }, snippet } = await parseMessage('server:INBOX#1', fixture('attachment.eml'));

    expect(subject).toBe('Quarterly report attached');
    expect(body.text.trim()).toBe('Hi Bob, the report is attached. Café at 10?');
    expect(snippet).toBe('Hi Bob, the report is attached. Café at 10?');
    expect(body.html).toBe('<p>Hi Bob, the <b>report</b> is attached.</p>');
    expect(body.attachments).toEqual([{ id: 'server:INBOX#1/0', filename: 'report.pdf', contentType: 'application/pdf', size: 78, contentId: null, inline: false }]);
    expect(attachments).toHaveLength(1);
    const [pdf] = attachments;
    expect(pdf!.id).toBe('server:INBOX#1/0');
    expect(pdf!.messageId).toBe('server:INBOX#1');
    expect(pdf!.content).toHaveLength(78);
    expect(Buffer.from(pdf!.content).toString('latin1')).toMatch(/^%PDF-1\.4\n[\s\S]*%%EOF\n$/);
  });

  it('attachment.eml: header pairs with lower-case names', async () => {
    const { body } = await parseMessage('m', fixture('attachment.eml'));
    expect(body.headers).toContainEqual(['subject', 'Quarterly report attached']);
    expect(body.headers).toContainEqual(['message-id', '<attach-1@example.test>']);
  });

  it('latin1.eml: decodes the ISO-8859-1 body and encoded-word subject', async () => {
    const parsed = await parseMessage('m', fixture('latin1.eml'));
    expect(parsed.body.text.trim()).toBe('Schöne Grüße aus Köln, bis bald!');
    expect(parsed.envelope.subject).toBe('Grüße aus Köln');
    expect(parsed.body.html).toBeNull();
  });

  it('malformed-multipart.eml: keeps the text of a multipart that is never closed', async () => {
    const parsed = await parseMessage('m', fixture('malformed-multipart.eml'));
    expect(parsed.body.text).toContain('the multipart is never closed.');
  });

  it('missing-headers.eml: parses with almost no headers', async () => {
    const parsed = await parseMessage('m', fixture('missing-headers.eml'));
    expect(parsed.body.text.trim()).toBe('A message with almost no headers.');
    expect(parsed.body.references).toEqual([]);
    expect(parsed.body.headers).toEqual([['subject', 'No sender, no date, no message id']]);
  });
});

describe('parseMessage on built messages', () => {
  it('lists References, unfolds headers and marks a Content-ID image inline', async () => {
    const raw = crlf(
      'Subject: folded',
      '  subject',
      'References: <a@x> <b@x>',
      'Content-Type: multipart/related; boundary=b',
      '',
      '--b',
      'Content-Type: text/html',
      '',
      '<img src="cid:logo@x">',
      '--b',
      'Content-Type: image/png',
      'Content-ID: <logo@x>',
      'Content-Transfer-Encoding: base64',
      '',
      'iVBORw0KGgo=',
      '--b--',
      '',
    );
    const { body, attachments } = await parseMessage('m', raw);

    expect(body.references).toEqual(['<a@x>', '<b@x>']);
    expect(body.headers).toContainEqual(['subject', 'folded subject']);
    expect(body.attachments).toMatchObject([{ contentType: 'image/png', contentId: 'logo@x', inline: true, filename: 'attachment-1' }]);
    expect([...attachments[0]!.content]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it('cuts a very long header value', async () => {
    const { body } = await parseMessage('m', crlf(`X-Long: ${'a'.repeat(10_000)}`, '', 'body'));
    const value = body.headers.find(([key]) => key === 'x-long')?.[1];
    expect(value).toBe(`${'a'.repeat(8_192)}…`);
  });
});

describe('parseMessage on garbage', () => {
  it('never throws and always returns a body', async () => {
    const random = seededRandom(4);
    const inputs = [new Uint8Array(0), Uint8Array.from([0, 0xff, 0xfe, 0x0d]), crlf('Content-Type: multipart/mixed; boundary=', '', '--'), ...Array.from({ length: 20 }, (_, i) => randomBytes(random, 50 * i + 1))];

    for (const input of inputs) {
      const parsed = await parseMessage('m', input);
      expect(parsed.body.messageId).toBe('m');
      expect(typeof parsed.body.text).toBe('string');
      expect(typeof parsed.snippet).toBe('string');
    }
  });
});
