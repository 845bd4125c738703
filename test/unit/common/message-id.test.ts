import { describe, expect, it } from 'vitest';
import { messageIdList, normalizeMessageId, sameMessageId } from '../../../common/model/message-id';

describe('normalizeMessageId', () => {
  it.each([
    ['<a@b>', '<a@b>'],
    [' <a@b> ', '<a@b>'],
    ['a@b', '<a@b>'],
    // Dovecot's ENVELOPE keeps the header's comments (the POP → IMAP → POP round trip of issue 11).
    [' <a@b> (added by postmaster@b)', '<a@b>'],
    ['(sent by (nested) Ann) <a@b>', '<a@b>'],
    ['<a@b> (comment with \\) inside)', '<a@b>'],
    // What mailparser makes of a Message-ID with a trailing comment.
    ['<a@b> (comment)>', '<a@b>'],
    ['<a . b @ example . test>', '<a.b@example.test>'],
    ['<"quoted local"@b>', '<"quoted local"@b>'],
    ['<Mixed.Case@Example.Test>', '<Mixed.Case@Example.Test>'],
    ['<first@b> <second@b>', '<first@b>'],
  ])('%j → %j', (value, expected) => {
    expect(normalizeMessageId(value)).toBe(expected);
  });

  it.each(['', '   ', '<>', '(only a comment)', '< >'])('%j holds no Message-ID', (value) => {
    expect(normalizeMessageId(value)).toBe('');
  });

  it('is idempotent', () => {
    for (const value of ['<a@b>', ' a@b (c)', '<a . b@c>']) expect(normalizeMessageId(normalizeMessageId(value))).toBe(normalizeMessageId(value));
  });
});

describe('messageIdList', () => {
  it('reads a folded References header with comments', () => {
    expect(messageIdList('(thread) <t0@x>\r\n  <t1@x> (sent by Bob)\r\n\t<t2@x>')).toEqual(['<t0@x>', '<t1@x>', '<t2@x>']);
  });

  it('reads ids written without brackets', () => {
    expect(messageIdList('t0@x t1@x, t2@x')).toEqual(['<t0@x>', '<t1@x>', '<t2@x>']);
  });

  it('is empty for an empty header', () => {
    expect(messageIdList('')).toEqual([]);
  });
});

describe('sameMessageId', () => {
  it('matches the forms of one id', () => {
    expect(sameMessageId('<a@b>', ' <a@b> (comment)')).toBe(true);
    expect(sameMessageId('a@b', '<a@b>')).toBe(true);
  });

  it('never matches an empty id, nor two different ids', () => {
    expect(sameMessageId('', '')).toBe(false);
    expect(sameMessageId('<>', '<>')).toBe(false);
    expect(sameMessageId('<a@b>', '<A@b>')).toBe(false);
  });
});
