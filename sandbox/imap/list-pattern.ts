import { HIERARCHY_DELIMITER } from '../store/folder-names';
import { ImapSyntaxError } from './tokenizer';

/** Longer LIST/LSUB patterns (reference included) are refused with BAD. */
export const MAX_LIST_PATTERN_LENGTH = 1_000;

const STAR = -1;
const PERCENT = -2;

/**
 * RFC 3501 §6.3.8 LIST wildcards: "*" matches anything, "%" anything but the hierarchy
 * delimiter. Matched by stepping the set of reachable pattern positions over the name
 * (an NFA, no backtracking): at most pattern × name steps, whatever the client sends.
 * Issue 11: a regular expression built from "**…*x" backtracked for minutes.
 */
export function listPatternMatcher(input: string): (name: string) => boolean {
  if (input.length > MAX_LIST_PATTERN_LENGTH) throw new ImapSyntaxError(`Mailbox pattern longer than ${MAX_LIST_PATTERN_LENGTH} characters`);
  // RFC 3501 §5.1: the name INBOX is case-insensitive, so a pattern may spell it any way.
  const pattern = /^inbox(?=$|[/*%])/i.test(input) ? `INBOX${input.slice(5)}` : input;
  // A run of wildcards is one wildcard: "*" if it holds any "*", else "%".
  const tokens: number[] = [];
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern.charCodeAt(index);
    const wildcard = char === 0x2a ? STAR : char === 0x25 ? PERCENT : 0;
    if (wildcard === 0) tokens.push(char);
    else if (tokens.at(-1) === PERCENT || tokens.at(-1) === STAR) tokens[tokens.length - 1] = tokens.at(-1) === STAR || wildcard === STAR ? STAR : PERCENT;
    else tokens.push(wildcard);
  }
  const delimiter = HIERARCHY_DELIMITER.charCodeAt(0);
  const size = tokens.length;
  return (name) => {
    let current = new Uint8Array(size + 1);
    let next = new Uint8Array(size + 1);
    const reach = (set: Uint8Array, position: number) => {
      set[position] = 1;
      // A wildcard may match nothing; wildcards never follow each other, so one step is enough.
      if (position < size && tokens[position]! < 0) set[position + 1] = 1;
    };
    reach(current, 0);
    for (let index = 0; index < name.length; index++) {
      const char = name.charCodeAt(index);
      next.fill(0);
      let alive = false;
      for (let position = 0; position < size; position++) {
        if (!current[position]) continue;
        const token = tokens[position]!;
        if (token === STAR || (token === PERCENT && char !== delimiter)) reach(next, position);
        else if (token === char) reach(next, position + 1);
        else continue;
        alive = true;
      }
      if (!alive) return false;
      [current, next] = [next, current];
    }
    return current[size] === 1;
  };
}
