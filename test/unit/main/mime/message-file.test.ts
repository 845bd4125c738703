import { describe, expect, it } from 'vitest';
import { readMessageFile } from '../../../../main/mime/message-file';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('readMessageFile', () => {
  it('a message file: its header and text, no warning of its own', async () => {
    const file = await readMessageFile('note.eml', encode('From: Ann <ann@example.test>\r\nSubject: Hello\r\n\r\nSee you.\r\n'));
    expect(file).toMatchObject({ fileName: 'note.eml', subject: 'Hello', from: [{ name: 'Ann', address: 'ann@example.test' }] });
    expect(file.body.parseWarnings.some((w) => w.includes('does not look like a mail message'))).toBe(false);
  });

  it('a picture renamed .eml: said to be no message, never thrown', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0xff, 0xfe]);
    const file = await readMessageFile('holiday.eml', png);
    expect(file.subject).toBe('');
    expect(file.body.parseWarnings).toContain('holiday.eml does not look like a mail message: it has no sender, recipients, subject, date or text.');
  });

  it('a text with no header is a message of that text (nothing to warn about: the text is shown)', async () => {
    const file = await readMessageFile('pasted.eml', encode('\r\nJust some text someone saved.\r\n'));
    expect(file.body.text).toContain('Just some text someone saved.');
    expect(file.body.parseWarnings.some((w) => w.includes('does not look like a mail message'))).toBe(false);
  });
});
