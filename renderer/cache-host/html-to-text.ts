/**
 * The words of an HTML body, for the search index only: nothing here is shown. Main stores the
 * text of an HTML-only message (main/mime/parse-message.ts), so this serves only bodies whose text
 * came out empty. No DOM (it runs in Node tests too), linear in the input: elements whose content
 * is not text are dropped, tags become spaces, entities their characters (accented letters by their
 * base letter, which the tokenizer's folding would leave anyway).
 */

/** Elements whose content is not words of the message. */
const SKIPPED_ELEMENTS = ['script', 'style', 'head', 'title', 'template', 'svg'];

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', szlig: 'ss', shy: '' };
const ACCENTED = /^([a-zA-Z])(acute|grave|uml|circ|tilde|cedil|ring|slash|caron)$/;

function decodeEntity(entity: string): string {
  if (entity.startsWith('#')) {
    const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
    // A code point out of Unicode's range, or a lone surrogate, says nothing: a space.
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : ' ';
  }
  const named = NAMED[entity] ?? NAMED[entity.toLowerCase()];
  if (named !== undefined) return named;
  return ACCENTED.exec(entity)?.[1] ?? ' ';
}

/** The HTML without the elements of SKIPPED_ELEMENTS and without comments (an unclosed one runs to the end). */
function withoutSkipped(html: string): string {
  const lower = html.toLowerCase();
  let out = '';
  let at = 0;
  const opener = new RegExp(`<!--|<(${SKIPPED_ELEMENTS.join('|')})\\b`, 'g');
  for (;;) {
    opener.lastIndex = at;
    const found = opener.exec(lower);
    if (!found) return out + html.slice(at);
    out += html.slice(at, found.index) + ' ';
    const closer = found[1] ? `</${found[1]}` : '-->';
    const end = lower.indexOf(closer, found.index + found[0].length);
    if (end === -1) return out;
    const after = found[1] ? lower.indexOf('>', end) : end + closer.length - 1;
    if (after === -1) return out;
    at = after + 1;
  }
}

/** The HTML with each tag a space; a "<" not starting a tag stays text. One pass, whatever the input. */
function withoutTags(html: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const open = html.indexOf('<', at);
    if (open === -1) return out + html.slice(at);
    const next = html[open + 1] ?? '';
    if (!/[a-zA-Z/!?]/.test(next)) {
      out += html.slice(at, open + 1);
      at = open + 1;
      continue;
    }
    out += html.slice(at, open) + ' ';
    const close = html.indexOf('>', open);
    if (close === -1) return out;
    at = close + 1;
  }
}

/** The text of an HTML document or fragment, for indexing. */
export function htmlToText(html: string): string {
  return withoutTags(withoutSkipped(html)).replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});?/g, (_, entity: string) => decodeEntity(entity));
}
