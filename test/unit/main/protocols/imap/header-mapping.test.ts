import type { FetchMessageObject, MessageStructureObject } from 'imapflow';
import { describe, expect, it } from 'vitest';
import { findSnippetPart, hasAttachments, toMessageRecord } from '../../../../../main/protocols/imap/header-mapping';

const plain = (part: string, overrides: Partial<MessageStructureObject> = {}): MessageStructureObject => ({
  part,
  type: 'text/plain',
  parameters: { charset: 'utf-8' },
  encoding: 'quoted-printable',
  ...overrides,
});
const html = (part: string): MessageStructureObject => ({ part, type: 'text/html', parameters: { charset: 'iso-8859-1' }, encoding: 'base64' });
const multipart = (subtype: string, childNodes: MessageStructureObject[], part?: string): MessageStructureObject => ({
  ...(part ? { part } : {}),
  type: `multipart/${subtype}`,
  childNodes,
});
const pdf = (part: string): MessageStructureObject => ({
  part,
  type: 'application/pdf',
  parameters: { name: 'report.pdf' },
  disposition: 'attachment',
  dispositionParameters: { filename: 'report.pdf' },
  encoding: 'base64',
});
const inlineImage = (part: string): MessageStructureObject => ({ part, type: 'image/png', id: '<logo@example.test>', disposition: 'inline', encoding: 'base64' });

describe('findSnippetPart', () => {
  it('uses part 1 for a single-part message, whose structure has no part number', () => {
    expect(findSnippetPart({ type: 'text/plain', parameters: { charset: 'utf-8' }, encoding: '7bit' })).toEqual({ part: '1', encoding: '7bit', charset: 'utf-8', html: false });
  });

  it('prefers text/plain inside multipart/alternative inside multipart/mixed', () => {
    const structure = multipart('mixed', [multipart('alternative', [html('1.1'), plain('1.2')], '1'), pdf('2')]);
    expect(findSnippetPart(structure)).toEqual({ part: '1.2', encoding: 'quoted-printable', charset: 'utf-8', html: false });
  });

  it('falls back to text/html', () => {
    expect(findSnippetPart(multipart('related', [html('1'), inlineImage('2')]))).toEqual({ part: '1', encoding: 'base64', charset: 'iso-8859-1', html: true });
  });

  it('skips a text part that is an attachment', () => {
    const structure = multipart('mixed', [html('1'), plain('2', { disposition: 'attachment', dispositionParameters: { filename: 'notes.txt' } })]);
    expect(findSnippetPart(structure)?.part).toBe('1');
  });

  it('is null without a structure or a text part', () => {
    expect(findSnippetPart(undefined)).toBeNull();
    expect(findSnippetPart(multipart('mixed', [pdf('1')]))).toBeNull();
  });
});

describe('hasAttachments', () => {
  it('is false for text only, alternatives, and inline images with a Content-ID', () => {
    expect(hasAttachments(undefined)).toBe(false);
    expect(hasAttachments(plain('1'))).toBe(false);
    expect(hasAttachments(multipart('related', [multipart('alternative', [plain('1.1'), html('1.2')], '1'), inlineImage('2')]))).toBe(false);
  });

  it('is true for a PDF attachment', () => {
    expect(hasAttachments(multipart('mixed', [plain('1'), pdf('2')]))).toBe(true);
  });

  it('is true for a named part without a disposition, and a non-text part without a Content-ID', () => {
    expect(hasAttachments(multipart('mixed', [plain('1'), { part: '2', type: 'text/csv', parameters: { name: 'data.csv' } }]))).toBe(true);
    expect(hasAttachments(multipart('mixed', [plain('1'), { part: '2', type: 'image/jpeg', encoding: 'base64' }]))).toBe(true);
  });

  // imapflow gives a message/rfc822 part the enclosed message's structure as childNodes; the part
  // itself is the attachment (a mail forwarded as attachment).
  it('is true for a message/rfc822 attachment', () => {
    const forwarded: MessageStructureObject = { part: '2', type: 'message/rfc822', disposition: 'attachment', childNodes: [plain('2')] };
    expect(hasAttachments(multipart('mixed', [plain('1'), forwarded]))).toBe(true);
  });
});

function fetched(overrides: Partial<FetchMessageObject> = {}): FetchMessageObject {
  return { seq: 1, uid: 42, ...overrides };
}

describe('toMessageRecord', () => {
  it('maps a complete FETCH response', () => {
    const record = toMessageRecord(
      'server:INBOX',
      fetched({
        envelope: {
          date: new Date('2026-03-01T10:00:00Z'),
          subject: 'Hi',
          messageId: '<a@example.test>',
          inReplyTo: '<b@example.test>',
          from: [{ name: 'Ann', address: 'ann@example.test' }],
          to: [{ address: 'bob@example.test' }],
          cc: [{ name: 'Carl' }],
          replyTo: [{ name: 'List', address: 'list@example.test' }],
        },
        flags: new Set(['\\Seen', '\\Flagged', '$Label1']),
        size: 1234,
        bodyStructure: multipart('mixed', [plain('1'), pdf('2')]),
      }),
      'preview',
    );

    expect(record).toEqual({
      id: 'server:INBOX#42',
      folderId: 'server:INBOX',
      uid: 42,
      messageId: '<a@example.test>',
      inReplyTo: '<b@example.test>',
      subject: 'Hi',
      from: [{ name: 'Ann', address: 'ann@example.test' }],
      to: [{ name: '', address: 'bob@example.test' }],
      cc: [{ name: 'Carl', address: '' }],
      replyTo: [{ name: 'List', address: 'list@example.test' }],
      date: Date.parse('2026-03-01T10:00:00Z'),
      size: 1234,
      flags: ['\\Seen', '\\Flagged', '$Label1'],
      seen: 1,
      flagged: 1,
      hasAttachments: true,
      snippet: 'preview',
      popUidl: null,
      // The local search index: words of the subject and the sender's name and address.
      words: ['hi', 'ann', 'example', 'test'],
    });
  });

  it('fills in missing envelope fields', () => {
    const record = toMessageRecord('server:INBOX', fetched({ internalDate: '2026-02-02T00:00:00Z' }), '');

    expect(record).toMatchObject({ messageId: '', inReplyTo: '', subject: '', from: [], to: [], cc: [], replyTo: [], size: 0, flags: [], seen: 0, flagged: 0, hasAttachments: false });
    expect(record.date).toBe(Date.parse('2026-02-02T00:00:00Z'));
  });

  it('falls back to the internal date when the header date is invalid', () => {
    const internalDate = new Date('2026-02-02T00:00:00Z');
    expect(toMessageRecord('f', fetched({ envelope: { date: 'not a date' }, internalDate }), '').date).toBe(internalDate.getTime());
    expect(toMessageRecord('f', fetched({ envelope: { date: new Date(NaN) }, internalDate }), '').date).toBe(internalDate.getTime());
  });

  it('uses 0 when neither date is usable', () => {
    expect(toMessageRecord('f', fetched({ envelope: { date: 'garbage' }, internalDate: 'also garbage' }), '').date).toBe(0);
  });

  it('sets seen and flagged from the flags independently', () => {
    expect(toMessageRecord('f', fetched({ flags: new Set(['\\Flagged']) }), '')).toMatchObject({ seen: 0, flagged: 1 });
    expect(toMessageRecord('f', fetched({ flags: new Set(['\\Seen']) }), '')).toMatchObject({ seen: 1, flagged: 0 });
  });
});
