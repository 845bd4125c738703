import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { renderInLanguage } from '../../support/render-intl';
import { MessageRowContent } from '../../../renderer/features/message-list/MessageRowContent';
import { textDirection } from '../../../renderer/features/message-list/text-direction';
import { message } from '../factories';

// Issue 12, item 7: Arabic mail laid out left to right, its full stop at the wrong end.
const arabic = message({ from: [{ name: 'ليلى حداد', address: 'layla@mithal.test' }], subject: 'دعوة إلى العشاء يوم الجمعة', snippet: 'مرحبا، يسعدني أن أدعوك إلى العشاء.' });
const english = message({ from: [{ name: 'Ana Lima', address: 'ana@example.com' }], subject: 'Lunch?', snippet: 'Are you free on Friday.' });
const render = (row: ReturnType<typeof message>): string => renderInLanguage(createElement(MessageRowContent, { message: row }));
const attributesOf = (markup: string, className: string): string => new RegExp(`<(?:div|span) class="${className}"([^>]*)>`).exec(markup)?.[1] ?? 'missing';

describe('the direction of a list row’s texts', () => {
  it('lets the subject and the snippet find their own direction (dir="auto", no <bdi> it would skip)', () => {
    const markup = render(arabic);
    expect(attributesOf(markup, 'subject')).toContain('dir="auto"');
    expect(attributesOf(markup, 'snippet')).toContain('dir="auto"');
    expect(/<div class="subject"[^>]*>(.*?)<\/div>/.exec(markup)?.[1]).toBe('دعوة إلى العشاء يوم الجمعة');
  });

  it('runs an Arabic sender right to left and a Latin one left to right', () => {
    expect(attributesOf(render(arabic), 'sender')).toContain('dir="rtl"');
    expect(attributesOf(render(english), 'sender')).toContain('dir="ltr"');
  });

  it.each([
    ['ليلى حداد', 'rtl'],
    ['שלום', 'rtl'],
    ['  «ليلى»', 'rtl'],
    ['123 ليلى', 'rtl'],
    ['Ana ليلى', 'ltr'],
    ['日本語', 'ltr'],
    ['x@evil.test', 'ltr'],
    ['', 'ltr'],
  ])('%j reads %s (its first letter’s direction)', (text, direction) => {
    expect(textDirection(text)).toBe(direction);
  });
});
