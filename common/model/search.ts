/**
 * The words a message can be found by (sender and subject), for the local search index: lower
 * case, letters and digits of any script, at least two characters, each once. Indexed as a
 * multi-entry index in the cache, so a search is a few index lookups, not a scan.
 */
const MAX_WORDS = 48;

export function searchWords(...texts: string[]): string[] {
  const words = new Set<string>();
  for (const text of texts) {
    for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
      if (word.length >= 2) words.add(word.slice(0, 40));
      if (words.size >= MAX_WORDS) return [...words];
    }
  }
  return [...words];
}

/** The words of a message record that the search looks at. */
export function messageSearchWords(message: { subject: string; from: Array<{ name: string; address: string }> }): string[] {
  return searchWords(message.subject, ...message.from.flatMap((a) => [a.name, a.address]));
}
