import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { renderInLanguage } from '../../support/render-intl';
import { MessageRowContent, rowLabel, UnshowableRowContent } from '../../../renderer/features/message-list/MessageRowContent';
import { isShowableRecord } from '../../../renderer/features/message-list/showable-record';
import { message } from '../factories';

// Issue 11, item 13: a display name cannot pass for another sender; a message that cannot be read says why.
const from = (name: string, address: string) => message({ from: [{ name, address }], subject: 'Your account' });
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

const decode = (html: string): string => html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function senderSpan(markup: string): string {
  return /<span class="sender[^"]*"[^>]*>(.*?)<\/span>/.exec(markup)?.[1] ?? '';
}

/** Each bidi-isolated part of the sender, in the order the row shows them. */
function senderParts(markup: string): string[] {
  return [...senderSpan(markup).matchAll(/<bdi[^>]*>(.*?)<\/bdi>/g)].map((m) => decode(m[1]!));
}

const render = (row: ReturnType<typeof message>): string => renderInLanguage(createElement(MessageRowContent, { message: row }));

describe('the message list row', () => {
  it.each([
    // The review of issue 11: the real address comes first, so a long name is what gets cut short.
    ['a name holding an address', 'security@bank.example', 'x@evil.test', ['x@evil.test', 'security@bank.example']],
    ['a name naming another domain', 'bank.example Security', 'x@evil.test', ['x@evil.test', 'bank.example Security']],
    ['a name naming another domain with a full-width dot', 'bank\uFF0Eexample', 'x@evil.test', ['x@evil.test', 'bank\uFF0Eexample']],
    ['a long name naming another domain', 'Bank Example Security Team - bank.example customer care', 'x@evil.test', ['x@evil.test', 'Bank Example Security Team - bank.example customer care']],
    ['a name naming its own domain', 'GitHub.com', 'noreply@github.com', ['GitHub.com']],
    ['a plain name', 'Ana Lima', 'ana@example.com', ['Ana Lima']],
    ['no name', '', 'ana@example.com', ['ana@example.com']],
  ])('%s: %s <%s> shows as %j', (_case, name, address, shown) => {
    const row = from(name, address);
    expect(senderParts(render(row))).toEqual(shown);
    expect(rowLabel(row)).toContain(shown[0]);
    if (shown[1]) expect(rowLabel(row)).toContain(`${shown[0]} (“${shown[1]}”)`);
  });

  it('the name after the address is muted', () => {
    expect(senderSpan(render(from('security@bank.example', 'x@evil.test')))).toMatch(/^<bdi class="sender-first">x@evil\.test<\/bdi> <bdi class="sender-name muted">security@bank\.example<\/bdi>$/);
  });

  // The review of issue 11: `"security@bank.example\u202E" <x@evil.test>` read "security@bank.example<tset.live@x>".
  it.each([
    ['a right-to-left override after a name holding an address', 'security@bank.example\u202E', 'x@evil.test', ['x@evil.test', 'security@bank.example']],
    ['isolates and marks around a plain name', '\u2067Ana\u2069 \u200FLima\u200E\u061C', 'ana@example.com', ['Ana Lima']],
    ['an embedding in the address', '', 'x\u202B@evil.test\u202C', ['x@evil.test']],
    ['a name of bidi controls only', '\u202E\u2066', 'x@evil.test', ['x@evil.test']],
  ])('%s: no bidi control reaches the row, each part isolated', (_case, name, address, shown) => {
    const row = from(name, address);
    const markup = render(row);
    expect(markup).not.toMatch(BIDI);
    expect(rowLabel(row)).not.toMatch(BIDI);
    expect(senderParts(markup)).toEqual(shown);
  });

  it('a message that cannot be read shows a warning and its problem instead of the subject', () => {
    const row = message({ subject: '', problem: 'UID 7: the server’s answer for this message could not be read (BODYSTRUCTURE nested too deep).' });
    const markup = render(row);
    expect(markup).toContain('class="subject problem"');
    expect(markup).toContain('⚠');
    expect(markup).toContain('UID 7: the server’s answer');
    expect(markup).not.toContain('(no subject)');
    expect(rowLabel(row)).toContain('Cannot be shown: UID 7: the server’s answer');
  });

  it('a record without a real date (an unreadable message cached with date 0) shows no date, not 1/1/1970', () => {
    const markup = render(message({ subject: '', date: 0, problem: 'UID 7: the server’s answer for this message could not be read: x.' }));
    expect(markup).toMatch(/<time class="date"><\/time>/);
    expect(render(message({ date: Date.UTC(2026, 0, 5, 12) }))).toMatch(/<time class="date">[^<]+<\/time>/);
  });
});

// The review of issue 11: one cached record of the wrong shape made the whole list say "The message
// list could not be shown"; now its own row says it cannot be shown and the others render.
describe('a record the row cannot render', () => {
  it.each([
    ['a subject that is an object', { subject: { x: 1 } }],
    ['a sender that is a number', { from: 42 }],
    ['a sender list of numbers', { from: [42] }],
    ['no sender list', { from: null }],
    ['a snippet that is an object', { snippet: { x: 1 } }],
    ['a date that is a string', { date: 'yesterday' }],
    ['a problem that is an object', { problem: { x: 1 } }],
  ])('%s is not rendered as a row', (_case, fields) => {
    expect(isShowableRecord({ ...message(), ...fields })).toBe(false);
  });

  it('an ordinary record, and one with a problem, are', () => {
    expect(isShowableRecord(message())).toBe(true);
    expect(isShowableRecord(message({ problem: 'UID 3: …' }))).toBe(true);
    expect(isShowableRecord(null)).toBe(false);
    expect(isShowableRecord(42)).toBe(false);
  });

  it('its row says the message could not be shown', () => {
    expect(decode(renderInLanguage(createElement(UnshowableRowContent)))).toContain('This message could not be shown.');
  });
});
