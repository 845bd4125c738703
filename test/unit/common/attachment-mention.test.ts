import { describe, expect, it } from 'vitest';
import { attachmentMention, ownText } from '../../../common/compose/attachment-mention';
import { estimatedWireBytes } from '../../../common/compose/message-size';

describe('attachmentMention', () => {
  it('finds the word as the user typed it, in many languages', () => {
    expect(attachmentMention('Hi Ann,\nplease see the attached report.')).toBe('attached');
    expect(attachmentMention('I ATTACH the minutes')).toBe('ATTACH');
    expect(attachmentMention('Anbei die Rechnung.')).toBe('Anbei');
    expect(attachmentMention('Die Datei ist angehängt')).toBe('angehängt');
    expect(attachmentMention('Veuillez trouver ci-jointe la facture')).toBe('ci-jointe');
    expect(attachmentMention('voir la pièce jointe')).toBe('pièce jointe');
    expect(attachmentMention('Te envío el archivo adjunto')).toBe('archivo adjunto');
    expect(attachmentMention('Zie bijlage')).toBe('bijlage');
    expect(attachmentMention('W załączniku przesyłam')).toBe('W załączniku');
  });

  it('ignores words that only contain one, quoted text and signatures', () => {
    expect(attachmentMention('An attaché of the embassy called.')).toBeNull();
    expect(attachmentMention('Thanks!\n\nOn Monday Bob wrote:\n> see the attached file\n> bye')).toBeNull();
    expect(attachmentMention('Thanks!\n-- \nAttachments are scanned for viruses.')).toBeNull();
    expect(attachmentMention('FYI\n\n---------- Forwarded message ----------\nSee attached.')).toBeNull();
    expect(attachmentMention('Anhänger of the team')).toBeNull();
    expect(attachmentMention('')).toBeNull();
  });

  it('reads long texts in linear time', () => {
    const long = 'word '.repeat(400_000) + 'enclosed';
    const started = performance.now();
    expect(attachmentMention(long)).toBe('enclosed');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('keeps only the lines the user wrote', () => {
    expect(ownText('mine\n> theirs\nmine too\n-- \nsig')).toBe('mine\nmine too');
  });
});

describe('estimatedWireBytes', () => {
  it('counts base64 with its line breaks for every attachment', () => {
    const oneMegabyte = estimatedWireBytes(100, [1024 * 1024]);
    expect(oneMegabyte).toBeGreaterThan(Math.ceil((1024 * 1024) / 3) * 4);
    expect(oneMegabyte).toBeLessThan(1024 * 1024 * 1.4);
    expect(estimatedWireBytes(0, [])).toBeGreaterThan(0);
  });
});
