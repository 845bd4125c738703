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
 * that data: URL: the composer's editor shows those, and sends them as inline parts again.
 */
export function withCidSources(html: string, images: ReadonlyMap<string, string>): string {
  if (!images.size) return html;
  return html.replace(/(<img\b[^>]*?\bsrc\s*=\s*)(["'])\s*(cid:[^"']*)\2/gi, (whole, before: string, quote: string, cid: string) => {
    const url = images.get(contentIdKey(cid));
    return url ? `${before}${quote}${url}${quote}` : whole;
  });
}
