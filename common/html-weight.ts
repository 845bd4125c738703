/**
 * How heavy an HTML document is, counted without parsing it: parsing is what a hostile one makes
 * slow. 691 KB of misnested `<a><b><i><u>` took Chromium's own HTML parser 104 s (the corpus's
 * size-html-misnesting), so the reader shows such mail as text until asked, and a reply or forward
 * quotes its text, never its HTML.
 */

/** A real newsletter has a few thousand elements; far more is an attack on the page's layout. */
export const MAX_HTML_ELEMENTS = 20_000;

/** More than `max` start tags (a `<` followed by a letter). */
export function tooManyElements(html: string, max = MAX_HTML_ELEMENTS): boolean {
  let count = 0;
  for (let at = html.indexOf('<'); at !== -1; at = html.indexOf('<', at + 1)) {
    const next = html.charCodeAt(at + 1);
    if ((next >= 65 && next <= 90) || (next >= 97 && next <= 122)) count += 1;
    if (count > max) return true;
  }
  return false;
}
