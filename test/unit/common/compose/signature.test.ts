import { describe, expect, it } from 'vitest';
import { identitiesOf, identityAddressedBy } from '../../../../common/model/identity';
import { ownSignatureAt, signatureBlock, swapSignature, textWithSignature } from '../../../../common/compose/signature';

const REPLY = '\n\nOn Thu, 03 Dec 2026 09:00:00 GMT, Ann wrote:\n> Lunch?\n';
const FORWARD = '\n\n---------- Forwarded message ----------\nFrom: Ann\n\nHello';

describe('signatures in plain text', () => {
  it('are set off by "-- " on its own line (RFC 3676 §4.3), trailing space of the signature trimmed', () => {
    expect(signatureBlock('Bob\r\nHarbour office  \n\n')).toBe('-- \nBob\nHarbour office');
    expect(signatureBlock('  \n')).toBe('');
  });

  it('go after room to write in a new message, above or below the quote in a reply or forward', () => {
    expect(textWithSignature('', 'Bob', 'above-quote')).toBe('\n\n-- \nBob');
    expect(textWithSignature(REPLY, 'Bob', 'above-quote')).toBe('\n\n-- \nBob\n\nOn Thu, 03 Dec 2026 09:00:00 GMT, Ann wrote:\n> Lunch?\n');
    expect(textWithSignature(REPLY, 'Bob', 'below-quote')).toBe('\n\nOn Thu, 03 Dec 2026 09:00:00 GMT, Ann wrote:\n> Lunch?\n\n-- \nBob\n');
    expect(textWithSignature(FORWARD, 'Bob', 'above-quote')).toMatch(/^\n\n-- \nBob\n\n---------- Forwarded message/);
    expect(textWithSignature(REPLY, '', 'above-quote')).toBe(REPLY);
  });

  it('are swapped when the From changes, and never written over what the user wrote', () => {
    const written = `Yes!${textWithSignature(REPLY, 'Bob', 'above-quote')}`;
    expect(swapSignature(written, 'Bob', 'Bob at the office', 'above-quote')).toBe(written.replace('-- \nBob', '-- \nBob at the office'));
    expect(swapSignature(written, 'Bob', '', 'above-quote')).toBe(`Yes!${REPLY}`);
    expect(swapSignature(`Yes!${REPLY}`, '', 'Bob', 'above-quote')).toBe(`Yes!\n\n-- \nBob${REPLY}`);
    expect(swapSignature('Hi\n\n-- \nBob, edited', 'Bob', 'Robert', 'below-quote')).toBe('Hi\n\n-- \nBob, edited\n\n-- \nRobert\n');
  });
});

describe("the user's own signature in a composer's text", () => {
  it('is never the same signature inside the forwarded or quoted original', () => {
    const forwarded = '-- \nAnn\nsent from the pier';
    const text = `Note\n\n---------- Forwarded message ----------\n\n${forwarded}\n\n-- \nAnn\n`;
    expect(ownSignatureAt(text, 'Ann', forwarded)).toBe(text.lastIndexOf('-- \nAnn'));
    expect(ownSignatureAt(text, 'Ann')).toBe(text.indexOf('-- \nAnn'));
    expect(ownSignatureAt(`Note\n\n${forwarded}`, 'Ann', forwarded)).toBe(-1);
    expect(ownSignatureAt('Note', '')).toBe(-1);
  });
});

describe('identities', () => {
  const account = { displayName: 'Bob', address: 'bob@example.test', identities: { main: { replyTo: '', signature: 'Bob' }, extra: [{ id: 'sales', name: 'Sales', address: 'Sales@Example.test', replyTo: 'orders@example.test', signature: 'The sales team' }], signaturePlacement: 'above-quote' as const } };

  it('are the account’s own first, then the others', () => {
    expect(identitiesOf(account).map((i) => [i.id, i.address, i.signature])).toEqual([['main', 'bob@example.test', 'Bob'], ['sales', 'Sales@Example.test', 'The sales team']]);
    expect(identitiesOf({ displayName: 'Ann', address: 'ann@example.test' })).toEqual([{ id: 'main', name: 'Ann', address: 'ann@example.test', replyTo: '', signature: '' }]);
  });

  it('answer from the address the original was sent to, else the account’s own', () => {
    const identities = identitiesOf(account);
    expect(identityAddressedBy(identities, [{ name: '', address: 'sales@example.test' }]).id).toBe('sales');
    expect(identityAddressedBy(identities, [{ name: '', address: 'someone@example.test' }]).id).toBe('main');
  });
});
