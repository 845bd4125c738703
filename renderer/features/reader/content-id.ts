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
export function withCidSources(html: string, images: ReadonlyMap<string, string>): { html: string; used: Set<string> } {
  const used = new Set<string>();
  if (!images.size) return { html, used };
  // `src` only after a space (or "/", as HTML reads it): a data-src, or an alt that reads "src=cid:…",
  // shows nothing, and a part counted as shown there would be lost from the draft (saved-draft.ts).
  const replaced = html.replace(/(<img\b[^>]*?[\s/]src\s*=\s*)(?:(["'])\s*(cid:[^"']*)\2|(cid:[^\s>"']+))/gi, (whole, before: string, _quote: string | undefined, quoted: string | undefined, bare: string | undefined) => {
    const key = contentIdKey((quoted ?? bare)!);
    const url = images.get(key);
    if (!url) return whole;
    used.add(key);
    return `${before}"${url}"`;
  });
  return { html: replaced, used };
}
