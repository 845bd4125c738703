/**
 * The lines a reply or a forward adds to a message: the attribution line before a quoted original,
 * a forward's divider and header, the note on a quote cut short. The renderer words them in the
 * language the user writes in (renderer/app/quote-words.ts); these are the English ones, word for
 * word what Porthole has always written.
 */
export interface QuoteWords {
  /** "On Thu, 03 Dec 2026 09:00:00 GMT, Ann wrote:" */
  attribution(time: number, sender: string): string;
  forwardDivider: string;
  /** The forwarded header's labels and its date. */
  forwardHeader: { from: string; date: string; subject: string; to: string; cc: string };
  forwardDate(time: number): string;
  /** The line that ends a quote cut short. */
  notQuoted(characters: number): string;
}

export const ENGLISH_QUOTE_WORDS: QuoteWords = {
  attribution: (time, sender) => `On ${new Date(time).toUTCString()}, ${sender} wrote:`,
  forwardDivider: '---------- Forwarded message ----------',
  forwardHeader: { from: 'From', date: 'Date', subject: 'Subject', to: 'To', cc: 'Cc' },
  forwardDate: (time) => new Date(time).toUTCString(),
  notQuoted: (characters) => `[… the rest of the original, ${characters} characters, is not quoted]`,
};

/**
 * An attribution line in any language Porthole writes (English, German: "Am … schrieb Ann:"), and
 * the ones other programs write in them: where a quoted original starts, for placing a signature
 * above it and for reading only the user's own words.
 */
export function isAttributionLine(line: string): boolean {
  return /^On .* wrote:\s*$/.test(line) || /^Am .* schrieb .*:\s*$/.test(line);
}

/** A forwarded message's divider, as Porthole writes it in English or German. */
export const FORWARD_DIVIDERS: readonly string[] = ['---------- Forwarded message ----------', '---------- Weitergeleitete Nachricht ----------'];
