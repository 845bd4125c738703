import { foldText, isCjkTerm } from '../../../common/search/tokenize';

/**
 * Where a text shows the words searched for, as the index matches them (common/search/tokenize.ts):
 * without case or diacritics ("cafe" marks "Café"), a word's start for a Latin term ("repo" marks
 * "Repo" in "Report"), anywhere for a CJK pair. Ranges are in the original text's UTF-16 units.
 */

/** Marks in one text at most: a body of one word repeated a million times is not a million elements. */
export const MAX_MARKS = 500;
/** Characters of a text looked at: highlighting never costs more than this. */
const MAX_CHARS = 500_000;

const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;
const MARK = /\p{M}/u;

/** The folded text, and for each of its units the original unit it came from. */
function foldWithMap(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  for (let at = 0; at < text.length; ) {
    const code = text.codePointAt(at)!;
    const char = String.fromCodePoint(code);
    // ASCII folds to its lower case: the common case without a normalization per character.
    const out = code < 128 ? char.toLowerCase() : foldText(char);
    for (let i = 0; i < out.length; i++) origin.push(at);
    folded += out;
    at += char.length;
  }
  origin.push(text.length);
  return { folded, origin };
}

/** [start, end) ranges of `text` to mark for these terms, in order, not overlapping. */
export function highlightRanges(text: string, terms: readonly string[]): Array<[number, number]> {
  const wanted = terms.filter((t) => t.length > 0);
  if (wanted.length === 0 || !text) return [];
  const { folded, origin } = foldWithMap(text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text);
  const found: Array<[number, number]> = [];
  for (const term of wanted) {
    const anywhere = isCjkTerm(term);
    for (let at = folded.indexOf(term); at !== -1 && found.length < MAX_MARKS * 4; at = folded.indexOf(term, at + 1)) {
      if (!anywhere && at > 0 && LETTER_OR_DIGIT.test(folded[at - 1]!)) continue;
      const start = origin[at]!;
      const last = origin[at + term.length - 1]!;
      // The end of the original character the match ends in (a surrogate pair is two units).
      let end = last + (text.codePointAt(last)! > 0xffff ? 2 : 1);
      // Accents written after their letter belong to it: "Cafe\u0301" is marked whole.
      while (end < text.length && MARK.test(text[end]!)) end += 1;
      found.push([start, end]);
    }
  }
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const range of found) {
    const previous = merged.at(-1);
    if (previous && range[0] <= previous[1]) previous[1] = Math.max(previous[1], range[1]);
    else if (merged.length < MAX_MARKS) merged.push([...range]);
  }
  return merged;
}

/** A text cut into the pieces to show plainly and to mark: [text, marked]. */
export function highlightPieces(text: string, terms: readonly string[]): Array<[string, boolean]> {
  const ranges = highlightRanges(text, terms);
  if (ranges.length === 0) return [[text, false]];
  const pieces: Array<[string, boolean]> = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) pieces.push([text.slice(at, start), false]);
    pieces.push([text.slice(start, end), true]);
    at = end;
  }
  if (at < text.length) pieces.push([text.slice(at), false]);
  return pieces;
}
