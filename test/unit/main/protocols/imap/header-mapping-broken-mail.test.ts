import type { FetchMessageObject } from 'imapflow';
import { describe, expect, it } from 'vitest';
import { findSnippetPart, hasAttachments, toMessageRecord } from '../../../../../main/protocols/imap/header-mapping';

const fetched = (envelope: FetchMessageObject['envelope']): FetchMessageObject => ({ seq: 1, uid: 7, envelope });

// What imapflow makes of an ENVELOPE: RFC 3501 §7.4.2 uses a NIL host for group syntax (imapflow
// gives those a name and no address), but Dovecot fills a missing mailbox or domain with placeholders.
describe('toMessageRecord on placeholder addresses', () => {
  it('From: "" <> (Dovecot: MISSING_MAILBOX@MISSING_DOMAIN) is no sender', () => {
    const record = toMessageRecord('server:INBOX', fetched({ from: [{ name: '', address: 'MISSING_MAILBOX@MISSING_DOMAIN' }] }), '');
    expect(record.from).toEqual([]);
  });

  it('a mailbox without a domain (From: root) keeps the mailbox as its name, without an address', () => {
    const record = toMessageRecord('server:INBOX', fetched({ from: [{ name: '', address: 'root@MISSING_DOMAIN' }], to: [{ name: 'Ops', address: 'ops@MISSING_DOMAIN' }] }), '');
    expect(record.from).toEqual([{ name: 'root', address: '' }]);
    expect(record.to).toEqual([{ name: 'Ops', address: '' }]);
  });

  it("UW IMAP's placeholders mean the same", () => {
    const record = toMessageRecord('server:INBOX', fetched({ from: [{ name: '', address: 'MISSING_MAILBOX@.MISSING-HOST-NAME.' }], cc: [{ name: 'X', address: 'x@.SYNTAX-ERROR.' }] }), '');
    expect(record.from).toEqual([]);
    expect(record.cc).toEqual([{ name: 'X', address: '' }]);
  });

  it('an empty group entry is dropped and a real address is kept', () => {
    const record = toMessageRecord('server:INBOX', fetched({ to: [{ name: '', address: '' }, { name: 'Bob', address: 'bob@example.test' }] }), '');
    expect(record.to).toEqual([{ name: 'Bob', address: 'bob@example.test' }]);
  });
});

describe('toMessageRecord on Message-IDs', () => {
  it('stores the canonical form of an ENVELOPE Message-ID that carries comments', () => {
    const record = toMessageRecord('server:INBOX', fetched({ messageId: '<a@example.test> (added by postmaster@example.test)', inReplyTo: '(reply) <b@example.test>' }), '');
    expect(record.messageId).toBe('<a@example.test>');
    expect(record.inReplyTo).toBe('<b@example.test>');
  });
});

// Dovecot reports `Content-Type: TEXT/PLAIN charset=US-ASCII` (no ";") as type "/" in BODYSTRUCTURE.
describe('a part whose Content-Type the server could not read', () => {
  it.each(['/', '', 'text/', 'plain'])('type %j is text/plain (RFC 2045 §5.2): the snippet part, not an attachment', (type) => {
    const structure = { type, encoding: '7bit', size: 55 };
    expect(hasAttachments(structure)).toBe(false);
    expect(findSnippetPart(structure)).toEqual({ part: '1', encoding: '7bit', charset: undefined, html: false });
  });

  it('inside a multipart too', () => {
    const structure = { type: 'multipart/mixed', childNodes: [{ part: '1', type: '/', encoding: '7bit' }] };
    expect(findSnippetPart(structure)?.part).toBe('1');
    expect(hasAttachments(structure)).toBe(false);
  });
});
