import { describe, expect, it } from 'vitest';
import type { AttachmentMeta } from '../../../common/model/mail';
import { contentIdKey, withCidSources } from '../../../renderer/features/reader/content-id';
import { inlineImageParts } from '../../../renderer/features/reader/inline-images';

const part = (over: Partial<AttachmentMeta>): AttachmentMeta => ({ id: 'm/1', filename: 'a.png', contentType: 'image/png', size: 100, contentId: '<a@b>', inline: true, ...over });

describe('inline images (RFC 2392 cid: URLs)', () => {
  it('matches a cid: URL to its Content-ID without brackets, escapes or case', () => {
    expect(contentIdKey('<Logo.Red@Example.test>')).toBe('logo.red@example.test');
    expect(contentIdKey('cid:logo.red%40example.test')).toBe('logo.red@example.test');
    expect(contentIdKey(' CID:part1%2')).toBe('part1%2');
  });

  it("puts each image's data: URL where the HTML names its part by cid:, quoted or not, says which, and leaves any other reference", () => {
    const images = new Map([['boat.1@example.test', 'data:image/png;base64,AAAA'], ['map@x', 'data:image/gif;base64,BBBB'], ['unused@x', 'data:image/png;base64,CCCC']]);
    const html = `<p>Sketch</p><img alt="boat" src="cid:Boat.1%40example.test"><img src=cid:map@x><img src='cid:gone@example.test'><img src="https://t.example/x.gif"><p>cid:boat.1@example.test</p>`;
    const shown = withCidSources(html, images);
    expect(shown.html).toBe(`<p>Sketch</p><img alt="boat" src="data:image/png;base64,AAAA"><img src="data:image/gif;base64,BBBB"><img src='cid:gone@example.test'><img src="https://t.example/x.gif"><p>cid:boat.1@example.test</p>`);
    expect([...shown.used].sort()).toEqual(['boat.1@example.test', 'map@x']);
    expect(withCidSources(html, new Map())).toEqual({ html, used: new Set() });
  });

  it('leaves a cid: named in a malformed way, or naming no part, without a source, and says none was used', () => {
    const images = new Map([['logo@example.test', 'data:image/png;base64,AAAA'], ['a b', 'data:image/png;base64,BBBB']]);
    const unresolved = [
      '<img src="cid:">',
      '<img src=cid:>',
      '<img src="cid:%zz">',
      '<img src="cid:%">',
      // Unquoted, the value ends at the space (as HTML reads it): cid:a, which is no part, not the part "a b".
      '<img src=cid:a b>',
      '<img src="cid:nobody@example.test">',
      '<img src="cid:logo@example.test',
      `<img src='cid:logo@example.test">`,
      '<img srcset="cid:logo@example.test">',
      '<img data-src="cid:logo@example.test">',
      '<img alt="src=cid:logo@example.test" src="https://t.example/x.gif">',
      '<img alt="see src=cid:logo@example.test" src="https://t.example/x.gif">',
      `<img title='a src="cid:logo@example.test"' src="https://t.example/x.gif">`,
      '<p>src="cid:logo@example.test"</p>',
    ];
    for (const html of unresolved) {
      const shown = withCidSources(html, images);
      expect(shown.html, html).toBe(html);
      expect(shown.used, html).toEqual(new Set());
    }
    // A scheme is read without case (RFC 3986), the id as contentIdKey compares it: not malformed.
    expect(withCidSources('<IMG SRC="CID:Logo@Example.test">', images).html).toBe('<IMG SRC="data:image/png;base64,AAAA">');
    // A ">" inside a quoted value does not end the tag; the first src is the one HTML reads.
    expect(withCidSources('<img alt="a > b" src="cid:logo@example.test" src="cid:a b">', images).html).toBe('<img alt="a > b" src="data:image/png;base64,AAAA" src="cid:a b">');
  });

  it('reads only raster images with a Content-ID, each and all together within their limits, and nothing for HTML without cid:', () => {
    const html = '<img src="cid:a@b">';
    expect(inlineImageParts({ html, attachments: [part({}), part({ id: 'm/2', contentType: 'image/svg+xml' }), part({ id: 'm/3', contentId: null }), part({ id: 'm/4', contentType: 'application/pdf' })] }).map((p) => p.id)).toEqual(['m/1']);
    expect(inlineImageParts({ html, attachments: [part({ size: 9 * 1024 * 1024 })] })).toEqual([]);
    const big = Array.from({ length: 6 }, (_, i) => part({ id: `m/${i}`, size: 7 * 1024 * 1024 }));
    expect(inlineImageParts({ html, attachments: big })).toHaveLength(4);
    expect(inlineImageParts({ html: '<p>no images</p>', attachments: [part({})] })).toEqual([]);
    expect(inlineImageParts({ html: null, attachments: [part({})] })).toEqual([]);
  });
});
