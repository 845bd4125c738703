import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MessageRowContent, rowLabel } from '../../../renderer/features/message-list/MessageRowContent';
import { message } from '../factories';

// Issue 11, item 13: a display name cannot pass for another sender; a message that cannot be read says why.
const from = (name: string, address: string) => message({ from: [{ name, address }], subject: 'Your account' });

function senderText(markup: string): string {
  return /<span class="sender">(.*?)<\/span>/.exec(markup)?.[1]?.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>') ?? '';
}

describe('the message list row', () => {
  it.each([
    ['a name holding an address', 'security@bank.example', 'x@evil.test', 'security@bank.example <x@evil.test>'],
    ['a name naming another domain', 'bank.example Security', 'x@evil.test', 'bank.example Security <x@evil.test>'],
    ['a name naming another domain with a full-width dot', 'bank\uFF0Eexample', 'x@evil.test', 'bank\uFF0Eexample <x@evil.test>'],
    ['a name naming its own domain', 'GitHub.com', 'noreply@github.com', 'GitHub.com'],
    ['a plain name', 'Ana Lima', 'ana@example.com', 'Ana Lima'],
    ['no name', '', 'ana@example.com', 'ana@example.com'],
  ])('%s: %s <%s> shows as “%s”', (_case, name, address, shown) => {
    const row = from(name, address);
    expect(senderText(renderToStaticMarkup(createElement(MessageRowContent, { message: row })))).toBe(shown);
    expect(rowLabel(row)).toContain(shown);
  });

  it('a message that cannot be read shows a warning and its problem instead of the subject', () => {
    const row = message({ subject: '', problem: 'The server’s answer for UID 7 could not be read (BODYSTRUCTURE nested too deep).' });
    const markup = renderToStaticMarkup(createElement(MessageRowContent, { message: row }));
    expect(markup).toContain('class="subject problem"');
    expect(markup).toContain('⚠');
    expect(markup).toContain('UID 7 could not be read');
    expect(markup).not.toContain('(no subject)');
    expect(rowLabel(row)).toContain('Cannot be shown: The server’s answer for UID 7');
  });
});
