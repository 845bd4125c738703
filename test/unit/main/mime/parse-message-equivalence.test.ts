import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMessage, type ParsedBody } from '../../../../main/mime/parse-message';
import { attachmentMessage, htmlMessage, mixedMessage, textMessage } from './large-message-samples';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures');
const sha = (value: string | Uint8Array): string => createHash('sha256').update(value).digest('hex').slice(0, 16);

/** Everything parseMessage returns, long values as their length and hash (the snapshot was made with simpleParser on the whole source). */
function digest(parsed: ParsedBody): unknown {
  const { body, attachments, snippet } = parsed;
  // The envelope's References came after the snapshot (threading); its bounds are tested in common/threading.
  const envelope: Omit<ParsedBody['envelope'], 'references'> & { references?: string[] } = { ...parsed.envelope };
  delete envelope.references;
  return {
    text: [body.text.length, sha(body.text)],
    html: body.html === null ? null : [body.html.length, sha(body.html)],
    headers: [body.headers.length, sha(JSON.stringify(body.headers))],
    references: body.references,
    // A long list as its length and hash: the snapshot stays readable (one fixture has hundreds of parts).
    attachments: body.attachments.length > 12 ? [body.attachments.length, sha(JSON.stringify(body.attachments))] : body.attachments,
    contents: attachments.map((a) => [a.id, a.messageId, a.content.length, sha(a.content)]),
    // mailparser reads an invalid Date header as the time of parsing.
    envelope: sha(JSON.stringify({ ...envelope, date: envelope.date !== null && Math.abs(envelope.date - Date.now()) < 600_000 ? 'now' : envelope.date })),
    snippet,
    parseWarnings: body.parseWarnings,
  };
}

const files = ['mail', 'hostile'].flatMap((dir) =>
  readdirSync(join(FIXTURES, dir))
    .filter((name) => name.endsWith('.eml'))
    .map((name) => `${dir}/${name}`),
);

describe('parseMessage gives what it gave when mailparser parsed the whole source at once', () => {
  it.each(files)('%s', async (name) => {
    expect(digest(await parseMessage('m', readFileSync(join(FIXTURES, name)), 5))).toMatchSnapshot();
  });

  it.each([
    ['attachment', () => attachmentMessage(700_000)],
    ['text', () => textMessage(900_000)],
    ['mixed', () => mixedMessage(1_500_000)],
    ['html', () => htmlMessage(600_000)],
    // Bytes that are not UTF-8 in a part that says it is, cut anywhere by the pieces the parser is fed.
    ['broken utf-8', () => Buffer.concat([Buffer.from('Subject: x\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'), ...Array.from({ length: 30_000 }, (_, i) => Buffer.from([0x61, 0xe2, 0x82, 0x0d, 0x0a, 0xf0, 0x9f, 0x98, 0x80 + (i % 64), 0xc3, 0x0d, 0x0a, 0x80, 0xbf, 0xc3, 0xa9, 0x0d, 0x0d, 0x0a]))])],
    ['latin1 undeclared', () => Buffer.concat([Buffer.from('Subject: y\r\n\r\n'), Buffer.alloc(300_000, Buffer.from('Caf\xe9 cr\xe8me\r\n', 'latin1'))])],
  ])('a generated %s message', async (_name, make) => {
    expect(digest(await parseMessage('m', make(), 5))).toMatchSnapshot();
  });
});
