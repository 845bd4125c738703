import { describe, expect, it } from 'vitest';
import { conversationDocument } from '../../../renderer/features/reader/print-message';

const person = (name: string) => ({ name, address: `${name.toLowerCase()}@example.test` });

describe('conversationDocument', () => {
  it('the subject once, then each message with its headers and text; a text that could not be had says so; everything escaped', () => {
    const sheet = conversationDocument('Plans <b>now</b>', [
      { message: { subject: 'Plans', from: [person('Ann')], to: [person('Bo')], cc: [], date: 0 }, body: { html: null, text: 'First <script>x</script>' }, inlineImages: new Map() },
      { message: { subject: 'Re: Plans', from: [person('Bo')], to: [person('Ann')], cc: [person('Cy')], date: 1 }, body: null, inlineImages: new Map(), problem: 'Its text could not be fetched: offline.' },
    ]);
    expect(sheet).toContain('<title>Plans &#60;b&#62;now&#60;/b&#62;</title>');
    expect(sheet).toContain('<p class="count">2 messages</p>');
    expect(sheet).toContain('<pre>First &#60;script&#62;x&#60;/script&#62;</pre>');
    expect(sheet).toContain('<p class="missing">Its text could not be fetched: offline.</p>');
    expect(sheet).toContain('<dt>Cc</dt>');
    expect(sheet).not.toContain('<script');
    expect(sheet.indexOf('First')).toBeLessThan(sheet.indexOf('could not be fetched'));
  });
});
