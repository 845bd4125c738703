import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../../main/mime/parse-message';
import { decodeCharset, decodeTransfer, makeSnippet } from '../../../../node-lib/text-decoding';

// Broken but real mail, as found in a public spam/ham corpus (issue 11, items 5–7): each fixture is
// read the way the reader reads it (parseMessage) and, for 8-bit text, the way the list's snippet is
// made over IMAP (the part's bytes, transfer-decoded, with the charset Dovecot's BODYSTRUCTURE gives).

const MAIL_DIR = join(__dirname, '..', '..', '..', 'fixtures', 'mail');
const fixture = (name: string): Buffer => readFileSync(join(MAIL_DIR, name));
const CAFE = 'Un café crème à la gare, à bientôt.';

/** The body of a single-part message: what FETCH BODY[1] returns for it (RFC 3501 §6.4.5). */
function singlePartBody(source: Buffer): Buffer {
  return source.subarray(source.indexOf('\r\n\r\n') + 4);
}

describe('8-bit text without a declared charset: valid UTF-8 as UTF-8, anything else as windows-1252', () => {
  it.each(['undeclared-utf8.eml', 'undeclared-latin1.eml'])('%s reads the same in the reader and in the list snippet', async (name) => {
    const source = fixture(name);
    const parsed = await parseMessage('m', source);
    // Dovecot's BODYSTRUCTURE reports charset "us-ascii" for a text part that declares none (RFC 2045 §5.2).
    const listSnippet = makeSnippet(decodeCharset(decodeTransfer(singlePartBody(source), '8bit'), 'us-ascii'));

    expect(parsed.body.text.trim()).toBe(CAFE);
    expect(parsed.snippet).toBe(CAFE);
    expect(listSnippet).toBe(CAFE);
    expect(parsed.body.parseWarnings).toEqual([]);
  });

  it('undeclared-multipart.eml: decodes each undeclared part on its own, quoted-printable and 8-bit', async () => {
    const parsed = await parseMessage('m', fixture('undeclared-multipart.eml'));

    expect(parsed.body.text.trim()).toBe('Façade “quoted” € 5');
    expect(parsed.body.html).toBe('<p>Façade “quoted” € 5</p>');
    expect(parsed.body.attachments).toEqual([]);
  });

  it('reads unknown-8bit (RFC 1428) by the same rule', async () => {
    const source = Buffer.concat([Buffer.from('Content-Type: text/plain; charset=unknown-8bit\r\n\r\n'), Buffer.from('caf\xe9', 'latin1')]);
    expect((await parseMessage('m', source)).body.text).toBe('café');
  });

  it('leaves a declared charset alone, even where the bytes would read as UTF-8', async () => {
    const source = Buffer.concat([Buffer.from('Content-Type: text/plain; charset=iso-8859-1\r\n\r\n'), Buffer.from('Ã©', 'latin1')]);
    expect((await parseMessage('m', source)).body.text).toBe('Ã©');
  });
});

describe('an invalid Content-Type is read as text/plain; charset=us-ascii (RFC 2045 §5.2)', () => {
  it('content-type-no-semicolon.eml: shows the text, offers no attachment, and says why', async () => {
    const parsed = await parseMessage('m', fixture('content-type-no-semicolon.eml'));

    expect(parsed.body.text.trim()).toBe('This text was sent with a broken Content-Type header.');
    expect(parsed.body.attachments).toEqual([]);
    expect(parsed.attachments).toEqual([]);
    expect(parsed.snippet).toBe('This text was sent with a broken Content-Type header.');
    expect(parsed.body.parseWarnings).toEqual(['This message is malformed: its Content-Type "TEXT/PLAIN charset=US-ASCII" is not valid, so it is shown as plain text.']);
  });

  it('a part with an invalid Content-Type is text too, and 8-bit bytes in it follow the same charset rule', async () => {
    const source = Buffer.concat([
      Buffer.from(['Content-Type: multipart/mixed; boundary=b', '', '--b', 'Content-Type: text/plain charset=latin1', '', ''].join('\r\n')),
      Buffer.from('caf\xe9', 'latin1'),
      Buffer.from('\r\n--b--\r\n'),
    ]);
    const parsed = await parseMessage('m', source);

    expect(parsed.body.text.trim()).toBe('café');
    expect(parsed.body.attachments).toEqual([]);
    expect(parsed.body.parseWarnings).toEqual(['This message is malformed: a part\'s Content-Type "text/plain charset=latin1" is not valid, so it is shown as plain text.']);
  });
});

describe('a multipart whose boundary never appears in its body', () => {
  it('boundary-mismatch.eml: reads the parts with the boundary they use, and says the header names another', async () => {
    const parsed = await parseMessage('m', fixture('boundary-mismatch.eml'));

    expect(parsed.body.text.trim()).toBe('The boundary in the header is not the one the parts use.');
    expect(parsed.snippet).toBe('The boundary in the header is not the one the parts use.');
    expect(parsed.body.parseWarnings).toEqual(['This message is malformed: it says its parts are separated by "declared-boundary", but they are separated by "actual-boundary"; it is read with the one its parts use.']);
  });

  it('shows the whole body as text when no line in it can be the boundary', async () => {
    const source = Buffer.from(['Content-Type: multipart/mixed; boundary="declared"', '', 'Some text, and no parts at all.', '--declared--', ''].join('\r\n'));
    const parsed = await parseMessage('m', source);

    expect(parsed.body.text).toContain('Some text, and no parts at all.');
    expect(parsed.body.parseWarnings).toEqual(['This message is malformed: it says its parts are separated by "declared", but no part starts with that line, so its whole body is shown as plain text.']);
  });

  it('finds a nested multipart whose boundary does not match, and keeps the parts around it', async () => {
    const source = Buffer.from(
      [
        'Content-Type: multipart/mixed; boundary=outer',
        '',
        '--outer',
        'Content-Type: multipart/alternative; boundary=inner',
        '',
        '--other',
        'Content-Type: text/plain',
        '',
        'Inner text.',
        '--other--',
        '--outer',
        'Content-Type: application/pdf; name=a.pdf',
        'Content-Disposition: attachment; filename=a.pdf',
        '',
        '%PDF',
        '--outer--',
        '',
      ].join('\r\n'),
    );
    const parsed = await parseMessage('m', source);

    expect(parsed.body.text.trim()).toBe('Inner text.');
    expect(parsed.body.attachments).toMatchObject([{ filename: 'a.pdf' }]);
    expect(parsed.body.parseWarnings).toEqual(['This message is malformed: a part says its parts are separated by "inner", but they are separated by "other"; it is read with the one its parts use.']);
  });

  it('a multipart without any boundary shows its body as text too', async () => {
    const parsed = await parseMessage('m', Buffer.from('Content-Type: multipart/mixed\r\n\r\nJust some text.\r\n'));
    expect(parsed.body.text.trim()).toBe('Just some text.');
    expect(parsed.body.parseWarnings).toEqual(['This message is malformed: it says it has several parts but names no boundary between them, so its whole body is shown as plain text.']);
  });
});

describe('empty senders and Message-IDs with comments', () => {
  it('empty-sender.eml: "" <> is no sender, and every Message-ID is in its one canonical form', async () => {
    const { envelope, body } = await parseMessage('m', fixture('empty-sender.eml'));

    expect(envelope.from).toEqual([]);
    expect(envelope.messageId).toBe('<empty-sender-1@example.test>');
    expect(envelope.inReplyTo).toBe('<original-1@example.test>');
    expect(body.references).toEqual(['<thread-0@example.test>', '<original-1@example.test>']);
  });

  it('a Message-ID without angle brackets gets them', async () => {
    const { envelope } = await parseMessage('m', Buffer.from('Message-ID: bare-1@example.test\r\n\r\nx'));
    expect(envelope.messageId).toBe('<bare-1@example.test>');
  });
});
