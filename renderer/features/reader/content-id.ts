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
