/**
 * The one tokenizer of local search: the index (renderer/cache-host/search-index.ts) and the query
 * (common/search/query.ts) both cut text into terms here, so a word found in a body is the word a
 * user types. Terms are lower case without diacritics ("Müller" → "muller", "café" → "cafe",
 * "Straße" → "strasse", "İstanbul" and "ıstanbul" → "istanbul"); letters and digits of any script;
 * runs of Han, Hiragana, Katakana and Hangul, which are written without spaces, become overlapping
 * pairs of characters (bigrams), so any two-character piece of a CJK word finds it. An e-mail
 * address is a term whole and its parts are terms too ("ann@example.com", "ann", "example", "com").
 */

/** Longest term kept: longer ones are cut (a prefix search still finds them). */
export const MAX_TERM_LENGTH = 40;
/** Longest e-mail address kept whole (RFC 5321 §4.5.3.1 allows 254; longer ones are cut as terms are). */
export const MAX_ADDRESS_LENGTH = 100;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/**
 * A word: a letter or digit, then letters, digits and the marks inside them (the vowel signs of
 * Devanagari, Thai … are marks, and a word must not break at each one; an emoji's variation
 * selector alone is no word).
 */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
/**
 * An address, or a word. The address's parts are bounded (RFC 5321 §4.5.3.1: a local part of 64,
 * a label of 63) so that a long run of dots and letters costs linear time, not quadratic.
 */
const ADDRESS_OR_WORD =
  /([\p{L}\p{N}][\p{L}\p{N}\p{M}._%+-]{0,63}@[\p{L}\p{N}][\p{L}\p{N}\p{M}-]{0,62}(?:\.[\p{L}\p{N}][\p{L}\p{N}\p{M}-]{0,62}){1,8})|[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

/**
 * Diacritics: the combining marks of Latin, Greek and Cyrillic letters (U+0300–036F and their
 * supplements), Hebrew points and cantillation, Arabic vowel marks. Other marks are parts of their
 * letters (Indic vowel signs) or change the word (Japanese voicing marks: か and が differ), and stay.
 */
// eslint-disable-next-line no-misleading-character-class -- ranges of combining marks, each removed alone
const DIACRITICS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]+/g;

/** Letters no decomposition takes apart that a reader of their language still matches plainly. */
const LETTER_FOLDS: Record<string, string> = {
  ß: 'ss',
  ı: 'i',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ħ: 'h',
  ŧ: 't',
  // Greek final sigma is the same letter as σ.
  ς: 'σ',
  // Arabic tatweel only stretches a word on the line.
  '\u0640': '',
};
const FOLDED_LETTERS = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'gu');

/**
 * Lower case, diacritics removed, compatibility forms unified (full-width "ＡＢＣ" → "abc", "ﬁ" →
 * "fi"), for indexing and matching. Recomposed at the end, so a Hangul syllable stays one letter.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(DIACRITICS, '')
    .toLowerCase()
    .replace(FOLDED_LETTERS, (letter) => LETTER_FOLDS[letter] ?? letter)
    .normalize('NFC');
}

/** A string cut to `max` UTF-16 units at most, never inside a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/** The CJK bigrams of a run of CJK characters (a single character stays itself). */
function bigrams(run: string, out: string[]): void {
  const chars = [...run];
  if (chars.length === 1) {
    out.push(chars[0]!);
    return;
  }
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
}

/** The terms of one word: CJK runs as bigrams, other runs whole; split at each change of script. */
function wordTerms(word: string, out: string[]): void {
  if (!CJK.test(word)) {
    out.push(cut(word, MAX_TERM_LENGTH));
    return;
  }
  let run = '';
  let runIsCjk = false;
  const flush = (): void => {
    if (!run) return;
    if (runIsCjk) bigrams(run, out);
    else out.push(cut(run, MAX_TERM_LENGTH));
    run = '';
  };
  for (const char of word) {
    const cjk = CJK.test(char);
    if (run && cjk !== runIsCjk) flush();
    runIsCjk = cjk;
    run += char;
  }
  flush();
}

/**
 * The terms of a text, in order, repeats kept (callers that index make a set). A word mixing CJK
 * and other letters is split at each change of script. An address gives itself, then its parts.
 */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const match of foldText(text).matchAll(ADDRESS_OR_WORD)) {
    if (match[1]) {
      out.push(cut(match[1], MAX_ADDRESS_LENGTH));
      for (const part of match[1].matchAll(WORD)) wordTerms(part[0], out);
    } else wordTerms(match[0], out);
  }
  return out;
}

/** Whether a term is (part of) CJK text: matched whole (bigram against bigram), not as a prefix. */
export function isCjkTerm(term: string): boolean {
  return CJK.test(term);
}

/** Limits on the terms of one message: its index record's size, and the work to make it, are bounded. */
export interface TermLimits {
  /** Distinct terms kept at most; the first ones (headers come first) win. */
  maxTerms: number;
  /** Characters of each text read at most (a 30 MB body is indexed by its start). */
  maxCharsPerText: number;
}

export const DEFAULT_TERM_LIMITS: TermLimits = { maxTerms: 2_000, maxCharsPerText: 100_000 };

/**
 * The distinct terms of several texts, in order of first appearance, within `limits`: what an index
 * record holds. Texts beyond the term limit are not read at all.
 */
export function distinctTerms(texts: Iterable<string>, limits: TermLimits = DEFAULT_TERM_LIMITS, into = new Set<string>()): Set<string> {
  for (const text of texts) {
    if (into.size >= limits.maxTerms) break;
    for (const term of terms(cut(text, limits.maxCharsPerText))) {
      into.add(term);
      if (into.size >= limits.maxTerms) break;
    }
  }
  return into;
}
