import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repairContentTypes } from '../../../../main/mime/repair-content-types';

const MAIL_DIR = join(__dirname, '..', '..', '..', 'fixtures', 'mail');
const crlf = (...lines: string[]): Buffer => Buffer.from(lines.join('\r\n'), 'latin1');

describe('repairContentTypes', () => {
  it.each(['attachment.eml', 'html-remote.eml', 'latin1.eml', 'missing-headers.eml', 'undeclared-utf8.eml', 'empty-sender.eml'])('hands %s on as it is, without a copy', (name) => {
    const source = readFileSync(join(MAIL_DIR, name));
    const repaired = repairContentTypes(source);
    expect(repaired.source).toBe(source);
    expect(repaired.warnings).toEqual([]);
  });

  it('never throws on any fixture, and only ever rewrites header fields', () => {
    for (const name of readdirSync(MAIL_DIR).filter((file) => file.endsWith('.eml'))) {
      const source = readFileSync(join(MAIL_DIR, name));
      const { source: repaired } = repairContentTypes(source);
      const body = (buffer: Buffer): string => buffer.toString('latin1').replace(/^Content-Type:[^\r\n]*\r\n/gim, '');
      expect(body(repaired), name).toBe(body(source));
    }
  });

  it('declares windows-1252 on an undeclared 8-bit part with a Content-Type, keeping its other parameters', () => {
    const source = crlf('Content-Type: text/plain; format=flowed', '', 'caf\xe9');
    expect(repairContentTypes(source).source.toString('latin1')).toBe(crlf('Content-Type: text/plain; format=flowed; charset=windows-1252', '', 'caf\xe9').toString('latin1'));
  });

  it('replaces a declared us-ascii (quoted or not) that 8-bit bytes contradict', () => {
    const source = crlf('Content-Type: text/plain; charset="US-ASCII"; format=flowed', '', 'caf\xe9');
    expect(repairContentTypes(source).source.toString('latin1')).toBe(crlf('Content-Type: text/plain; charset="windows-1252"; format=flowed', '', 'caf\xe9').toString('latin1'));
  });

  it('adds a Content-Type to a part that has none', () => {
    const source = crlf('Content-Type: multipart/mixed; boundary=b', '', '--b', '', 'caf\xe9', '--b--', '');
    expect(repairContentTypes(source).source.toString('latin1')).toBe(crlf('Content-Type: multipart/mixed; boundary=b', '', '--b', 'Content-Type: text/plain; charset=windows-1252', '', 'caf\xe9', '--b--', '').toString('latin1'));
  });

  it('leaves a message/rfc822 part of a digest alone (RFC 2046 §5.1.5)', () => {
    const source = crlf('Content-Type: multipart/digest; boundary=b', '', '--b', '', 'Subject: inner', '', 'caf\xe9', '--b--', '');
    expect(repairContentTypes(source).source).toBe(source);
  });

  it('survives a multipart nested 2,000 deep', () => {
    const depth = 2_000;
    const lines: string[] = [];
    for (let i = 0; i < depth; i++) lines.push(`Content-Type: multipart/mixed; boundary=b${i}`, '', `--b${i}`);
    lines.push('Content-Type: text/plain', '', 'deep');
    for (let i = depth - 1; i >= 0; i--) lines.push(`--b${i}--`);
    const repaired = repairContentTypes(crlf(...lines));
    expect(repaired.warnings).toEqual([]);
  });
});
