import { describe, expect, it } from 'vitest';
import { attachmentMention, ownText } from '../../../common/compose/attachment-mention';
import { estimatedWireBytes, forwardedBytes, richHtmlParts } from '../../../common/compose/message-size';

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

describe('richHtmlParts', () => {
  it('counts each picture of the HTML as the inline part it becomes, in bytes decoded, and the rest as text', () => {
    const picture = Buffer.alloc(1000, 3);
    const padded = Buffer.alloc(1001, 4);
    const html = `<p>Look</p><p><img src="data:image/png;base64,${picture.toString('base64')}"></p><img src="data:image/svg+xml;base64,${padded.toString('base64')}" alt="">`;
    const parts = richHtmlParts(html);
    expect(parts.pictureBytes).toEqual([1000, 1001]);
    expect(parts.textBytes).toBe('<p>Look</p><p><img src=""></p><img src="" alt="">'.length);
    expect(richHtmlParts('<p>no pictures, data:text in words</p>')).toEqual({ textBytes: 38, pictureBytes: [] });
  });

  it('an 8 MB picture is about 11 MB as sent, not counted twice', () => {
    const html = `<p><img src="data:image/png;base64,${Buffer.alloc(8 * 1024 * 1024, 1).toString('base64')}"></p>`;
    const { textBytes, pictureBytes } = richHtmlParts(html);
    const sent = estimatedWireBytes(textBytes, pictureBytes);
    expect(sent / 1024 / 1024).toBeGreaterThan(10.8);
    expect(sent / 1024 / 1024).toBeLessThan(11.1);
  });
});

describe('forwardedBytes', () => {
  const meta = (size: number, inline: boolean, contentId: string | null) => ({ id: `m/${size}`, filename: 'f', contentType: 'application/octet-stream', size, inline, contentId });
  it('an inline forward carries the attachments the reader lists (not the images its HTML shows in place); as attachment, the original whole', () => {
    const body = { attachments: [meta(1_000, false, null), meta(2_000, true, '<logo@x>'), meta(3_000, true, null)] };
    expect(forwardedBytes({ size: 9_000 }, body, false)).toEqual([1_000, 3_000]);
    expect(forwardedBytes({ size: 9_000 }, body, true)).toEqual([9_000]);
    // Not known yet (the cache is still being read): nothing counted.
    expect(forwardedBytes(undefined, undefined, true)).toEqual([]);
    expect(forwardedBytes(undefined, null, false)).toEqual([]);
  });
});
