import type { FetchMessageObject } from 'imapflow';
import { describe, expect, it } from 'vitest';
import { referencesOf, toMessageRecord } from '../../../../../main/protocols/imap/header-mapping';

const fetched = (headers: string | undefined): FetchMessageObject =>
  ({ seq: 1, uid: 7, flags: new Set<string>(), envelope: { messageId: '<c@x>', inReplyTo: '<b@x>', subject: 'Re: Lunch' }, ...(headers === undefined ? {} : { headers: Buffer.from(headers, 'latin1') }) });

describe('References from BODY.PEEK[HEADER.FIELDS (REFERENCES)]', () => {
  it('reads a folded header (RFC 5322 §2.2.3)', () => {
    expect(referencesOf(Buffer.from('References: <a@x>\r\n <b@x>\r\n\tc@x\r\n\r\n'))).toEqual(['<a@x>', '<b@x>']);
  });

  it('matches the field name in any case and ignores other lines', () => {
    expect(referencesOf(Buffer.from('X-Other: <no@x>\r\nREFERENCES:<a@x>\r\n\r\n'))).toEqual(['<a@x>']);
  });

  it('gives none without a header block or with an empty one', () => {
    expect(referencesOf(undefined)).toEqual([]);
    expect(referencesOf(Buffer.from('\r\n'))).toEqual([]);
  });

  it('puts them on the record, and leaves the field out when there are none', () => {
    expect(toMessageRecord('server:INBOX', fetched('References: <a@x> <b@x>\r\n\r\n'), '').references).toEqual(['<a@x>', '<b@x>']);
    expect(toMessageRecord('server:INBOX', fetched(undefined), '')).not.toHaveProperty('references');
  });

  it('keeps control characters out of an id', () => {
    expect(toMessageRecord('server:INBOX', fetched('References: <a\u0007b@x>\r\n\r\n'), '').references).toEqual(['<ab@x>']);
  });
});
