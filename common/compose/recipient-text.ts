/**
 * A To, Cc or Bcc field as the user types it: addresses separated by commas (or semicolons, as
 * some clients write them), where a comma inside a quoted name or inside `<…>` separates nothing
 * (RFC 5322 §3.4). Only what completion and the typo warning need: where each entry starts and
 * ends, and the address it names. Main hands the whole field to nodemailer, which parses it fully.
 */

export interface RecipientEntry {
  /** Offsets in the field's text: the entry is `text.slice(start, end)`, separators left out. */
  start: number;
  end: number;
  text: string;
}

/** The field's entries, in order, each trimmed of the separator but not of spaces. */
export function recipientEntries(text: string): RecipientEntry[] {
  const entries: RecipientEntry[] = [];
  let start = 0;
  let quoted = false;
  let angle = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && c === '<') angle = true;
    else if (!quoted && c === '>') angle = false;
    else if (!quoted && !angle && (c === ',' || c === ';')) {
      entries.push({ start, end: i, text: text.slice(start, i) });
      start = i + 1;
    }
  }
  entries.push({ start, end: text.length, text: text.slice(start) });
  return entries;
}

/** The entry the caret is in (at its end while typing). */
export function entryAt(text: string, caret: number): RecipientEntry {
  return recipientEntries(text).find((e) => caret >= e.start && caret <= e.end) ?? { start: text.length, end: text.length, text: '' };
}

/** The address an entry names, lower case: the part in `<…>`, or the entry itself when it has an @; null otherwise. */
export function entryAddress(entry: string): string | null {
  const angled = /<([^<>]*)>\s*$/.exec(entry);
  const address = (angled ? angled[1]! : entry).trim().replace(/^"|"$/g, '');
  return /^[^@\s<>",]+@[^@\s<>",]+$/.test(address) ? address.toLowerCase() : null;
}

/** The addresses a field names, lower case, each once. */
export function fieldAddresses(text: string): string[] {
  return [...new Set(recipientEntries(text).flatMap((e) => entryAddress(e.text) ?? []))];
}

/**
 * The field with one entry replaced by `replacement` and a separator after it, and where the caret
 * goes (after that separator): what choosing a completion does. Spaces the user typed before the
 * entry stay; the next entry, if any, keeps its place.
 */
export function replaceEntry(text: string, entry: RecipientEntry, replacement: string): { text: string; caret: number } {
  const before = text.slice(0, entry.start);
  const lead = entry.start === 0 ? '' : ' ';
  const after = text.slice(entry.end).replace(/^[,;]\s*/, '');
  const inserted = `${before.replace(/\s*$/, '')}${lead}${replacement}, `;
  return { text: inserted + after, caret: inserted.length };
}

/** The field with every entry naming `typed` (any case) naming `meant` instead, its display name kept. */
export function withAddressReplaced(text: string, typed: string, meant: string): string {
  let out = '';
  let from = 0;
  for (const entry of recipientEntries(text)) {
    if (entryAddress(entry.text) !== typed.toLowerCase()) continue;
    const at = entry.text.toLowerCase().lastIndexOf(typed.toLowerCase());
    out += text.slice(from, entry.start + at) + meant;
    from = entry.start + at + typed.length;
  }
  return out + text.slice(from);
}
