import { describe, expect, it } from 'vitest';
import { draftFrom, draftFromOutgoing, draftFromSaved, formatAddress, formatAddressList, formatSender, prefixedSubject } from '../../../../common/compose/reply';
import type { OutgoingMessage } from '../../../../common/commands/mail-commands';
import { body, message } from '../../factories';

const SELF = 'me@example.test';
const ann = { name: 'Ann', address: 'ann@example.test' };
const carl = { name: 'Carl', address: 'carl@example.test' };
const dora = { name: '', address: 'dora@example.test' };
const me = { name: 'Me', address: SELF };

describe('prefixedSubject', () => {
  it.each([
    ['Re', 'Hello', 'Re: Hello'],
    ['Re', 'Re: Hello', 'Re: Hello'],
    ['Re', 'RE: Hello', 'Re: Hello'],
    ['Re', 'Re: Re: RE:Hello', 'Re: Hello'],
    ['Re', 'AW: Hello', 'Re: Hello'],
    ['Re', 'Re[2]: Hello', 'Re: Hello'],
    ['Fwd', 'Hello', 'Fwd: Hello'],
    ['Fwd', 'Fwd: Hello', 'Fwd: Hello'],
    ['Fwd', 'Re: Fwd: Hello', 'Fwd: Hello'],
    ['Re', 'Review: the plan', 'Re: Review: the plan'],
    ['Re', '', 'Re: '],
  ] as const)('%s + %j → %j', (prefix, subject, expected) => {
    expect(prefixedSubject(prefix, subject)).toBe(expected);
  });
});

describe('formatAddress', () => {
  it('writes a bare address when there is no name', () => {
    expect(formatAddress(dora)).toBe('dora@example.test');
  });

  it('leaves a plain name unquoted', () => {
    expect(formatAddress(ann)).toBe('Ann <ann@example.test>');
  });

  it('quotes a name with a comma', () => {
    expect(formatAddress({ name: 'Doe, John', address: 'j@example.test' })).toBe('"Doe, John" <j@example.test>');
  });

  it('quotes a name with quotes and escapes them', () => {
    expect(formatAddress({ name: 'John "JJ" Doe', address: 'j@example.test' })).toBe('"John \\"JJ\\" Doe" <j@example.test>');
  });

  it('joins a list with commas', () => {
    expect(formatAddressList([ann, dora])).toBe('Ann <ann@example.test>, dora@example.test');
  });
});

// Review of issue 11: a right-to-left override at the end of a display name printed the real
// address backwards, glued to the fake one ("security@bank.example<tset.live@x>").
describe('bidi controls in a sender', () => {
  const spoof = { name: 'security@bank.example\u202E', address: 'x@evil.test' };
  const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

  it('formatSender and formatAddressList drop them from the display name and the address', () => {
    expect(formatSender([spoof])).toBe('"security@bank.example" <x@evil.test>');
    expect(formatAddressList([{ name: '\u2067Ann\u2069 \u200F', address: 'ann\u202D@example.test' }, spoof])).toBe('Ann <ann@example.test>, "security@bank.example" <x@evil.test>');
    for (const control of ['\u061C', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']) {
      expect(formatSender([{ name: `Bank${control}`, address: `x${control}@evil.test` }])).not.toMatch(BIDI);
    }
  });

  it('a name of bidi controls only is no name', () => {
    expect(formatSender([{ name: '\u202E\u2066', address: 'x@evil.test' }])).toBe('x@evil.test');
    expect(formatSender([{ name: '\u202E', address: '' }])).toBe('(no sender)');
  });

  it('replies quote and address the sender without them', () => {
    const draft = draftFrom('reply', message({ from: [spoof] }), null, SELF);
    expect(draft.to).toBe('"security@bank.example" <x@evil.test>');
    expect(draft.text).not.toMatch(BIDI);
  });
});

// Issue 11 item 7: a bounce's `From: "" <>` reaches here as no address at all.
describe('an empty sender', () => {
  it('formatSender says "(no sender)" for no address, and lists the addresses otherwise', () => {
    expect(formatSender([])).toBe('(no sender)');
    expect(formatSender([{ name: '', address: '' }])).toBe('(no sender)');
    expect(formatSender([ann, dora])).toBe('Ann <ann@example.test>, dora@example.test');
  });

  it('a name without an address is written as the name alone, never "Name <>"', () => {
    expect(formatAddress({ name: 'root', address: '' })).toBe('root');
    expect(formatAddressList([{ name: '', address: '' }, ann])).toBe('Ann <ann@example.test>');
  });

  it('a reply to a message without a sender says so in its attribution and forward header', () => {
    const original = message({ from: [] });
    expect(draftFrom('reply', original, null, SELF).text).toContain(', (no sender) wrote:\n');
    expect(draftFrom('forward', original, null, SELF).text).toContain('From: (no sender)\n');
  });
});

describe('draftFrom recipients without an address', () => {
  it('a reply all leaves out a group name and an empty sender', () => {
    const original = message({ from: [], to: [{ name: 'undisclosed-recipients', address: '' }, carl], cc: [{ name: 'team', address: '' }, dora] });
    const draft = draftFrom('replyAll', original, null, SELF);
    expect(draft.to).toBe('Carl <carl@example.test>');
    expect(draft.cc).toBe('dora@example.test');
  });
});

describe('draftFrom threading', () => {
  it('writes In-Reply-To and References in the canonical form, each id once', () => {
    const original = message({ messageId: ' <orig@example.test> (added by postmaster)' });
    const draft = draftFrom('reply', original, body({ references: ['<root@example.test> (thread)', 'mid@example.test', '<orig@example.test>'] }), SELF);

    expect(draft.inReplyTo).toBe('<orig@example.test>');
    expect(draft.references).toEqual(['<root@example.test>', '<mid@example.test>', '<orig@example.test>']);
  });
});

describe('draftFrom reply', () => {
  it('answers the sender, quotes the body and threads on the Message-ID', () => {
    const original = message({ messageId: '<orig@example.test>', subject: 'Lunch?', from: [ann], to: [me, carl] });
    const draft = draftFrom('reply', original, body({ text: 'Noon?\n> earlier\nOK', references: ['<root@example.test>'] }), SELF);

    expect(draft.kind).toBe('reply');
    expect(draft.to).toBe('Ann <ann@example.test>');
    expect(draft.cc).toBe('');
    expect(draft.subject).toBe('Re: Lunch?');
    expect(draft.inReplyTo).toBe('<orig@example.test>');
    expect(draft.references).toEqual(['<root@example.test>', '<orig@example.test>']);
    expect(draft.text).toContain('Ann <ann@example.test> wrote:\n> Noon?\n>> earlier\n> OK\n');
    expect(draft.text).toContain(new Date(original.date).toUTCString());
  });

  it('honours Reply-To over From', () => {
    const original = message({ from: [ann], replyTo: [{ name: 'List', address: 'list@example.test' }] });
    expect(draftFrom('reply', original, null, SELF).to).toBe('List <list@example.test>');
  });

  it('quotes the snippet when the body is not cached, and normalises CRLF', () => {
    const fromSnippet = draftFrom('reply', message({ snippet: 'Short preview' }), null, SELF);
    expect(fromSnippet.text).toContain('\n> Short preview\n');

    const crlf = draftFrom('reply', message(), body({ text: 'a\r\nb' }), SELF);
    expect(crlf.text).toContain('\n> a\n> b\n');
  });

  it('has no In-Reply-To or reference when the original has no Message-ID', () => {
    const draft = draftFrom('reply', message({ messageId: '' }), null, SELF);
    expect(draft.inReplyTo).toBeNull();
    expect(draft.references).toEqual([]);
  });
});

describe('draftFrom replyAll', () => {
  it('addresses everyone but me, without duplicates', () => {
    const original = message({
      from: [ann],
      to: [{ name: 'ME', address: 'ME@Example.test' }, carl, { name: 'Ann again', address: 'ANN@example.test' }],
      cc: [dora, me, carl, dora],
    });
    const draft = draftFrom('replyAll', original, null, SELF);

    expect(draft.to).toBe('Ann <ann@example.test>, Carl <carl@example.test>');
    expect(draft.cc).toBe('dora@example.test');
  });

  it('uses Reply-To instead of From', () => {
    const list = { name: 'List', address: 'list@example.test' };
    const draft = draftFrom('replyAll', message({ from: [ann], replyTo: [list], to: [carl] }), null, SELF);
    expect(draft.to).toBe('List <list@example.test>, Carl <carl@example.test>');
  });

  it('leaves out every address I write from (my identities)', () => {
    const alias = { name: 'Sales', address: 'sales@example.test' };
    const draft = draftFrom('replyAll', message({ from: [ann], to: [alias, carl], cc: [me, dora] }), null, [SELF, 'Sales@Example.test']);
    expect(draft.to).toBe('Ann <ann@example.test>, Carl <carl@example.test>');
    expect(draft.cc).toBe('dora@example.test');
  });

  it('falls back to the reply address when everyone else was me', () => {
    const draft = draftFrom('replyAll', message({ from: [me], to: [me] }), null, SELF);
    expect(draft.to).toBe('Me <me@example.test>');
  });
});

describe('draftFrom forward', () => {
  it('has a forwarded-message header, the body, and no recipients', () => {
    const original = message({ id: 'server:INBOX#9', subject: 'Report', from: [ann], to: [carl], cc: [dora] });
    const draft = draftFrom('forward', original, body({ text: 'See attached.' }), SELF);

    expect(draft.kind).toBe('forward');
    expect(draft.subject).toBe('Fwd: Report');
    expect(draft.to).toBe('');
    expect(draft.inReplyTo).toBeNull();
    expect(draft.forwardAttachmentsOf).toBe('server:INBOX#9');
    expect(draft.text).toBe(
      [
        '',
        '',
        '---------- Forwarded message ----------',
        'From: Ann <ann@example.test>',
        `Date: ${new Date(original.date).toUTCString()}`,
        'Subject: Report',
        'To: Carl <carl@example.test>',
        'Cc: dora@example.test',
        '',
        'See attached.',
      ].join('\n'),
    );
  });

  it('omits the Cc line when there was no Cc', () => {
    const draft = draftFrom('forward', message({ cc: [] }), null, SELF);
    expect(draft.text).not.toContain('Cc:');
  });
});

describe('draftFromSaved', () => {
  it('restores the fields of a saved draft and replaces it', () => {
    const saved = message({ id: 'server:Drafts#3', messageId: '<draft-1@example.test>', subject: 'Half done', to: [ann], cc: [carl], inReplyTo: '<x@example.test>' });
    const savedBody = body({ text: 'Dear Ann,\n', headers: [['subject', 'Half done'], ['bcc', 'secret@example.test']], references: ['<x@example.test>'] });

    expect(draftFromSaved(saved, savedBody)).toEqual({
      kind: 'draft',
      to: 'Ann <ann@example.test>',
      cc: 'Carl <carl@example.test>',
      bcc: 'secret@example.test',
      subject: 'Half done',
      text: 'Dear Ann,',
      inReplyTo: '<x@example.test>',
      references: ['<x@example.test>'],
      forwardAttachmentsOf: null,
      replacesDraftId: 'server:Drafts#3',
      // Its Message-ID: the composer's own saves replace this draft's versions.
      draftKey: '<draft-1@example.test>',
    });
  });

  it('works without a cached body', () => {
    const draft = draftFromSaved(message({ inReplyTo: '' }), null);
    expect(draft.text).toBe('');
    expect(draft.bcc).toBe('');
    expect(draft.inReplyTo).toBeNull();
    expect(draft.references).toEqual([]);
  });
});

describe('draftFromOutgoing (a message taken back by Undo, opened again in the composer)', () => {
  const outgoing = (overrides: Partial<OutgoingMessage>): OutgoingMessage => ({
    accountId: 'a',
    deviceId: 'd',
    to: 'ann@example.test',
    cc: '',
    bcc: '',
    subject: 'Pier',
    text: 'See the pier.',
    inReplyTo: null,
    references: [],
    attachments: [],
    forwardAttachmentsOf: null,
    replacesDraftId: null,
    ...overrides,
  });
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
  const file = { filename: 'pier.txt', contentType: 'text/plain', content: new TextEncoder().encode('tide table') };

  it('puts a rich message’s pictures back in its HTML and keeps only its files as attachments', () => {
    const draft = draftFromOutgoing(
      outgoing({
        html: '<p>See <img src="cid:img1@porthole" alt="pier"> and <img src="cid:img1@porthole" alt="again"></p>',
        attachments: [{ filename: 'pier.png', contentType: 'image/png', content: png, contentId: 'img1@porthole' }, file],
      }),
    );
    expect(draft.html).toBe('<p>See <img src="data:image/png;base64,iVBORwECAw==" alt="pier"> and <img src="data:image/png;base64,iVBORwECAw==" alt="again"></p>');
    expect(draft.attachments).toEqual([file]);
    expect(draft.text).toBe('See the pier.');
  });

  it('keeps an inline part its HTML does not show as an attachment, and a plain message as it was', () => {
    const unused = { filename: 'left.png', contentType: 'image/png', content: png, contentId: 'unused@porthole' };
    expect(draftFromOutgoing(outgoing({ html: '<p>No picture</p>', attachments: [unused] })).attachments).toEqual([unused]);
    const plain = draftFromOutgoing(outgoing({ attachments: [file] }));
    expect(plain.html).toBeUndefined();
    expect(plain.attachments).toEqual([file]);
  });
});

describe('the original’s HTML in a rich reply or forward', () => {
  it('is quoted when the editor can take it, and only its text when it has far more elements than any real message', () => {
    const newsletter = body({ text: 'Tides', html: '<p>Tides <b>high</b> at noon</p>' });
    expect(draftFrom('reply', message(), newsletter, SELF).quoted?.html).toBe('<p>Tides <b>high</b> at noon</p>');
    expect(draftFrom('forward', message(), newsletter, SELF).quoted?.html).toBe('<p>Tides <b>high</b> at noon</p>');
    // The corpus's size-html-misnesting: parsing it held Chromium's parser for 104 s.
    const misnested = body({ text: 'misnested formatting', html: `<p>misnested formatting</p>${'<a><b><i><u>'.repeat(5_001)}` });
    for (const kind of ['reply', 'replyAll', 'forward'] as const) {
      const draft = draftFrom(kind, message(), misnested, SELF);
      expect(draft.quoted).toBeUndefined();
      expect(draft.text).toContain('misnested formatting');
    }
  });
});
