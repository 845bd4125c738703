/** A Content-ID as a cid: URL names it: without its angle brackets, percent-decoded, in lower case. */
export function contentIdKey(value: string): string {
  let id = value.trim().replace(/^cid:/i, '').replace(/^<|>$/g, '');
  try {
    id = decodeURIComponent(id);
  } catch {
    // A malformed escape is compared as written.
  }
  return id.toLowerCase();
}

/**
 * The HTML with each `cid:` image (RFC 2392) that `images` holds (Content-ID key → data: URL) as
 * that data: URL, and the keys it put in: the composer's editor shows those, and sends them as
 * inline parts again. A `src` quoted or not; a reference to a part not in `images` stays as it was.
 */
/** An <img> tag, its attribute values read as HTML reads them: a ">" inside quotes does not end it. */
const IMG_TAG = /<img\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi;
/** One attribute of a tag: its name, and its value quoted either way or bare. */
const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

export function withCidSources(html: string, images: ReadonlyMap<string, string>): { html: string; used: Set<string> } {
  const used = new Set<string>();
  if (!images.size) return { html, used };
  // The src attribute itself, read attribute by attribute: a data-src, or an alt that mentions
  // "src=cid:…", shows nothing, and a part counted as shown there would be lost from the draft
  // (saved-draft.ts).
  const replaced = html.replace(IMG_TAG, (tag) => {
    for (const attribute of tag.slice(4).matchAll(ATTRIBUTE)) {
      if (attribute[1]!.toLowerCase() !== 'src') continue;
      const value = (attribute[2] ?? attribute[3] ?? attribute[4] ?? '').trim();
      if (!/^cid:/i.test(value)) return tag;
      const key = contentIdKey(value);
      const url = images.get(key);
      if (!url) return tag;
      used.add(key);
      const at = 4 + attribute.index;
      return `${tag.slice(0, at)}${attribute[1]}="${url}"${tag.slice(at + attribute[0].length)}`;
    }
    return tag;
  });
  return { html: replaced, used };
}
