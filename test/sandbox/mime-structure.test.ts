import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bodyStructureOf, type BodyStructure } from '../../sandbox/mime/body-structure';
import { findPart, parseMime } from '../../sandbox/mime/mime-tree';
import { sectionBytes } from '../../sandbox/mime/sections';
import { startSandbox, type SandboxFixture } from './support/sandbox-fixture';

const FIXTURES = ['mail', 'hostile'].flatMap((dir) => {
  const path = join(__dirname, '..', 'fixtures', dir);
  return readdirSync(path)
    .filter((name) => name.endsWith('.eml'))
    .map((name) => ({ name: `${dir}/${name}`, raw: readFileSync(join(path, name)) }));
});

/** Every part number of a structure, as RFC 3501 §6.4.5 counts them ("1", "2.1", ...). */
function partNumbers(structure: BodyStructure, prefix: string, isMessage: boolean): string[] {
  if (structure.kind === 'multipart') return structure.parts.flatMap((part, index) => [`${prefix}${index + 1}`, ...partNumbers(part, `${prefix}${index + 1}.`, false)]);
  const inner = structure.message ? partNumbers(structure.message.body, prefix, true) : [];
  return isMessage ? [`${prefix}1`, ...inner] : inner;
}

describe('the MIME tree of stored messages', () => {
  it.each(FIXTURES)('parses $name and cuts every section out of the exact bytes', ({ raw }) => {
    const root = parseMime(raw);
    const structure = bodyStructureOf(raw, root);
    for (const number of partNumbers(structure, '', true)) {
      const path = number.split('.').map(Number);
      const part = findPart(root, path);
      expect(part, number).not.toBeNull();
      for (const text of [null, 'MIME'] as const) {
        const bytes = sectionBytes(raw, root, { path, text, fields: [] });
        // A section is a slice of the stored message, never a re-encoding of it.
        expect(bytes === null || raw.includes(bytes), `${number}.${text ?? ''}`).toBe(true);
      }
    }
    expect(sectionBytes(raw, root, { path: [], text: null, fields: [] })).toBe(raw);
    const header = sectionBytes(raw, root, { path: [], text: 'HEADER', fields: [] })!;
    const text = sectionBytes(raw, root, { path: [], text: 'TEXT', fields: [] })!;
    expect(Buffer.concat([header, text]).equals(raw)).toBe(true);
  });

  it('numbers nested parts as RFC 3501 §6.4.5 does', () => {
    const raw = Buffer.from(
      [
        'Content-Type: multipart/mixed; boundary=a',
        '',
        '--a',
        'Content-Type: text/plain',
        '',
        'one',
        '--a',
        'Content-Type: message/rfc822',
        '',
        'Subject: inner',
        'Content-Type: multipart/alternative; boundary=b',
        '',
        '--b',
        '',
        'inner plain',
        '--b',
        'Content-Type: text/html',
        '',
        '<p>inner</p>',
        '--b--',
        '--a--',
        '',
      ].join('\r\n'),
    );
    const root = parseMime(raw);
    const text = (path: number[], kind: 'HEADER' | 'TEXT' | 'MIME' | null = null) => sectionBytes(raw, root, { path, text: kind, fields: [] })?.toString();
    expect(text([1])).toBe('one');
    expect(text([2], 'HEADER')).toBe('Subject: inner\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n');
    expect(text([2, 1])).toBe('inner plain');
    expect(text([2, 2])).toBe('<p>inner</p>');
    expect(text([2, 1], 'MIME')).toBe('\r\n');
    expect(text([2, 3])).toBeUndefined();
    expect(text([3])).toBeUndefined();
    const structure = bodyStructureOf(raw, root);
    expect(structure.kind === 'multipart' && structure.parts[1]?.kind === 'leaf' && structure.parts[1].message?.envelope.subject).toBe('inner');
  });
});

describe('hostile and malformed messages over IMAP', () => {
  let sandbox: SandboxFixture;
  beforeEach(async () => {
    sandbox = await startSandbox();
  });
  afterEach(async () => {
    await sandbox.dispose();
  });

  it('serves every fixture to imapflow: envelope, body structure and the exact source', async () => {
    const client = await sandbox.imap('you');
    await client.mailboxCreate('Fixtures');
    for (const { raw } of FIXTURES) await client.append('Fixtures', raw);
    await client.mailboxOpen('Fixtures');
    let index = 0;
    for await (const message of client.fetch('1:*', { uid: true, envelope: true, bodyStructure: true, source: true })) {
      const fixture = FIXTURES[index++]!;
      expect(message.source?.equals(fixture.raw), fixture.name).toBe(true);
      expect(message.bodyStructure, fixture.name).toBeDefined();
      expect(message.envelope, fixture.name).toBeDefined();
    }
    expect(index).toBe(FIXTURES.length);
  });
});
