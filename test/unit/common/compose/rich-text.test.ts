import { describe, expect, it } from 'vitest';
import { isEmptyDoc, richTextToPlain, signatureText, type RichNode } from '../../../../common/compose/rich-text';
import { EDITOR_IMAGE_TYPES, EDITOR_IMAGE_URL, richStartSigned, textToHtml } from '../../../../renderer/features/composer/rich-html';

const text = (t: string, marks?: RichNode['marks']): RichNode => ({ type: 'text', text: t, ...(marks ? { marks } : {}) });
const p = (...content: RichNode[]): RichNode => ({ type: 'paragraph', content });
const li = (...content: RichNode[]): RichNode => ({ type: 'listItem', content });

describe('richTextToPlain: the text part of a rich message', () => {
  it('keeps lists, links, quotes, headings, line breaks and images readable', () => {
    const doc: RichNode = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [text('Plan')] },
        p(text('Meet at the '), text('north', [{ type: 'bold' }]), text(' pier.'), { type: 'hardBreak' }, text('At noon.')),
        { type: 'bulletList', content: [li(p(text('tea'))), li(p(text('cake')), { type: 'orderedList', attrs: { start: 3 }, content: [li(p(text('plates'))), li(p(text('forks')))] })] },
        p(text('The '), text('map', [{ type: 'link', attrs: { href: 'https://example.org/pier' } }]), text(' and '), text('ann@example.test', [{ type: 'link', attrs: { href: 'mailto:ann@example.test' } }])),
        { type: 'blockquote', content: [p(text('Quoted line')), p(text('second'))] },
        { type: 'image', attrs: { src: 'data:image/png;base64,AA==', alt: 'pier.png' } },
        p(),
      ],
    };
    expect(richTextToPlain(doc)).toBe(
      ['Plan', 'Meet at the north pier.\nAt noon.', '- tea\n- cake\n  3. plates\n  4. forks', 'The map <https://example.org/pier> and ann@example.test', '> Quoted line\n>\n> second', '[pier.png]'].join('\n\n'),
    );
  });

  it('puts a reply’s attribution line right above the quote, as a plain-text reply has it', () => {
    const quote = { type: 'blockquote', content: [p(text('the plan'))] };
    expect(richTextToPlain({ type: 'doc', content: [p(text('Fine.')), p(text('On Monday, Bob wrote:')), quote] })).toBe('Fine.\n\nOn Monday, Bob wrote:\n> the plan');
    expect(richTextToPlain({ type: 'doc', content: [p(text('Gut.')), p(text('Am 05.12.2026, 16:09 schrieb Bob:')), quote] })).toBe('Gut.\n\nAm 05.12.2026, 16:09 schrieb Bob:\n> the plan');
    // Any other paragraph before a quote keeps its blank line.
    expect(richTextToPlain({ type: 'doc', content: [p(text('As Bob said:')), quote] })).toBe('As Bob said:\n\n> the plan');
  });

  it('writes the signature block as a plain-text signature: "-- " on its own line, its lines without blank lines between', () => {
    const doc: RichNode = { type: 'doc', content: [p(text('See you.')), { type: 'signature', content: [p(text('--')), p(text('Ann Smith', [{ type: 'bold' }]), { type: 'hardBreak' }, text('Pier 4')), p(text('ann.example'))] }] };
    expect(richTextToPlain(doc)).toBe('See you.\n\n-- \nAnn Smith\nPier 4\nann.example');
  });

  it('says a document of empty paragraphs is empty', () => {
    expect(isEmptyDoc({ type: 'doc', content: [p(), p()] })).toBe(true);
    expect(isEmptyDoc({ type: 'doc', content: [p(text('x'))] })).toBe(false);
  });
});

describe('textToHtml: plain text into the editor', () => {
  it('makes paragraphs of blocks, keeps line breaks, turns a reply’s quoted lines into a quote, and escapes markup', () => {
    expect(textToHtml('Hi <b>Ann</b> & co\nsecond line\n\nOn Monday, Ann wrote:\n> first\n> > nested')).toBe(
      '<p>Hi &lt;b&gt;Ann&lt;/b&gt; &amp; co<br>second line</p><p>On Monday, Ann wrote:</p><blockquote><p>first</p><blockquote><p>nested</p></blockquote></blockquote>',
    );
    expect(textToHtml('')).toBe('');
  });
});

describe('richStartSigned: the identity\'s signature as the editor\'s signature block', () => {
  it('puts the block where the plain text had "-- " and the signature: after room to write, or before a quote', () => {
    expect(richStartSigned('\n\n-- \nAnn\nPier 4', undefined, { text: 'Ann\nPier 4' })).toBe('<p></p><div data-signature=""><p>--&nbsp;</p><p>Ann<br>Pier 4</p></div>');
    const reply = richStartSigned('\n\n-- \nAnn\n\nOn Monday, Bob wrote:\n> the plan\n', undefined, { text: 'Ann' });
    expect(reply).toMatch(/^<p><\/p><div data-signature=""><p>--&nbsp;<\/p><p>Ann<\/p><\/div><p>On Monday, Bob wrote:<\/p><blockquote><p>the plan<\/p><\/blockquote>/);
  });

  it('keeps a plain signature\'s blank lines in one paragraph, so its text part reads as the plain signature', () => {
    expect(richStartSigned('\n\n-- \nAnn\n\nPier 4', undefined, { text: 'Ann\n\nPier 4' })).toBe('<p></p><div data-signature=""><p>--&nbsp;</p><p>Ann<br><br>Pier 4</p></div>');
    const doc: RichNode = { type: 'doc', content: [p(text('Hi')), { type: 'signature', content: [p(text('--\u00a0')), p(text('Ann'), { type: 'hardBreak' }, { type: 'hardBreak' }, text('Pier 4'))] }] };
    expect(richTextToPlain(doc)).toBe('Hi\n\n-- \nAnn\n\nPier 4');
    // A rich signature's own text is written the same way (blocks one per line).
    expect(signatureText({ type: 'doc', content: [p(text('Ann Smith')), p(text('Pier 4'))] })).toBe('Ann Smith\nPier 4');
  });

  it('leaves a text without the signature (edited, or none) as richStart makes it', () => {
    expect(richStartSigned('Hello\n\n-- \nAnn (edited)', undefined, { text: 'Ann' })).toBe(textToHtml('Hello\n\n-- \nAnn (edited)'));
    expect(richStartSigned('Hello', undefined, { text: '' })).toBe('<p>Hello</p>');
  });
});

describe('EDITOR_IMAGE_TYPES: the pictures the editor keeps', () => {
  it('are PNG, JPEG, GIF and WebP, as data: URLs of those types only', () => {
    expect(Object.keys(EDITOR_IMAGE_TYPES)).toEqual(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
    for (const url of ['data:image/png;base64,AA', 'data:image/JPEG;base64,AA', 'data:image/gif;base64,AA', 'data:image/webp;base64,AA']) expect(EDITOR_IMAGE_URL.test(url), url).toBe(true);
    for (const url of ['data:image/svg+xml;base64,AA', 'data:image/pngx;base64,AA', 'data:image/png,AA', 'data:text/html;base64,AA', 'https://t.example/a.png', 'xdata:image/png;base64,AA']) expect(EDITOR_IMAGE_URL.test(url), url).toBe(false);
  });
});
