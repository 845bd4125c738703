import { describe, expect, it } from 'vitest';
import { attachmentMention } from '../../../../common/compose/attachment-mention';
import { draftFrom } from '../../../../common/compose/reply';
import { textWithSignature } from '../../../../common/compose/signature';
import { quoteWords } from '../../../../renderer/app/quote-words';
import { intlFor } from '../../../../renderer/i18n/intl';
import { message } from '../../factories';

const german = quoteWords(intlFor({ language: 'de', locale: 'de-DE' }), 'de');
const original = message({ subject: 'Mittagessen', from: [{ name: 'Ann', address: 'ann@example.test' }], to: [{ name: '', address: 'me@example.test' }], date: Date.UTC(2026, 11, 5, 15, 9) });
const body = { messageId: original.id, text: 'Um zwölf?\n', html: null, attachments: [], references: [] } as unknown as Parameters<typeof draftFrom>[2];

describe('the lines a reply or forward adds, in German', () => {
  it('attributes the quote as a German mail program does, and places the signature above it', () => {
    const reply = draftFrom('reply', original, body, 'me@example.test', german);
    expect(reply.text).toMatch(/^\n\nAm \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} schrieb Ann <ann@example\.test>:\n> Um zwölf\?\n/);
    expect(textWithSignature(reply.text, 'Bob', 'above-quote')).toMatch(/^\n\n-- \nBob\n\nAm .* schrieb Ann <ann@example\.test>:\n> Um zwölf\?/);
  });

  it('heads a forward with the German divider and labels; its words are not read as the user’s own', () => {
    const forward = draftFrom('forward', original, { ...body, text: 'Siehe Anhang.' } as typeof body, 'me@example.test', german);
    expect(forward.text).toContain('---------- Weitergeleitete Nachricht ----------\nVon: Ann <ann@example.test>\nDatum: ');
    expect(forward.text).toContain('\nBetreff: Mittagessen\nAn: me@example.test');
    expect(attachmentMention(forward.text)).toBeNull();
    expect(textWithSignature(forward.text, 'Bob', 'above-quote')).toMatch(/^\n\n-- \nBob\n\n---------- Weitergeleitete Nachricht/);
  });

  it('in English, is word for word what Porthole has always written', () => {
    const english = quoteWords(intlFor({ language: 'en', locale: 'en' }), 'en');
    expect(draftFrom('reply', original, body, 'me@example.test', english).text).toBe(draftFrom('reply', original, body, 'me@example.test').text);
  });
});
