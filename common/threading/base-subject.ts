/**
 * A subject without the reply and forward prefixes mailers add ("Re:", "Fwd:", "AW:", "SV:",
 * "Antw:", "Re[2]:", "[list] Re:" …), folded for comparison: the "base subject" of RFC 5256 §2.1,
 * with the prefixes of the languages Porthole's users write in.
 */

/** Reply and forward prefixes, lower case: English, German, Nordic, Dutch, French, Spanish, Italian, Polish, Finnish, Turkish, Greek, Chinese, Japanese. */
const PREFIXES = ['re', 'fw', 'fwd', 'aw', 'wg', 'sv', 'vs', 'vb', 'antw', 'tr', 'rif', 'r', 'i', 'enc', 'res', 'odp', 'pd', 'ynt', 'ilt', 'vl', 'πρθ', 'σχετ', '回复', '回覆', '转发', '轉寄', '答复', '返信', '転送'];

// "Re:", "Re[2]:", "Re(2):", "RE :" (French spacing), "Re：" (full-width colon).
const PREFIX = new RegExp(`^(?:${PREFIXES.join('|')})\\s*(?:\\[\\d+\\]|\\(\\d+\\))?\\s*[:：]\\s*`, 'iu');
// A mailing list's tag before or between prefixes: "[dev] Re: …".
const LIST_TAG = /^\[[^\]]{1,40}\]\s*/u;

/** Bounded: a hostile subject of a million "Re:" costs no more than this many strips. */
const MAX_STRIPS = 50;

export interface SubjectParts {
  /** The subject without prefixes, case and diacritics folded, whitespace collapsed. */
  base: string;
  /** Whether a reply or forward prefix was stripped. */
  prefixed: boolean;
}

export function subjectParts(subject: string): SubjectParts {
  let rest = subject.slice(0, 2_000).trim();
  let prefixed = false;
  for (let i = 0; i < MAX_STRIPS; i++) {
    const prefix = PREFIX.exec(rest);
    if (prefix) {
      prefixed = true;
      rest = rest.slice(prefix[0].length);
      continue;
    }
    // A list tag counts only before a prefix, so "[dev] Release" keeps its tag in the base.
    const tag = LIST_TAG.exec(rest);
    if (tag && PREFIX.test(rest.slice(tag[0].length))) {
      rest = rest.slice(tag[0].length);
      continue;
    }
    break;
  }
  // RFC 5256 §2.1: a trailing "(fwd)" is a forward marker too.
  rest = rest.replace(/\s*\(fwd\)\s*$/iu, '');
  const base = rest
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
  return { base, prefixed };
}
