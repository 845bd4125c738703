/**
 * Words that say a file comes with the message, in the languages Porthole's users write most:
 * English, German, French, Spanish, Italian, Portuguese, Dutch, Swedish, Danish/Norwegian, Polish.
 * Each is matched as a whole word (or as a word start where it ends in `*`), case- and
 * accent-insensitively, so "Attached", "ANBEI" and "ci-joint" all count, "attaché" does not.
 */
const MENTIONS = [
  'attach', 'attached', 'attaching', 'attachment', 'attachments', 'enclosed', 'enclosing',
  'anbei', 'angehängt*', 'anhang', 'anhänge', 'anhängen', 'beigefügt*', 'im anhang',
  'ci-joint*', 'pièce jointe', 'pièces jointes', 'en pièce jointe',
  'adjunto', 'adjunta', 'adjuntos', 'adjuntas', 'archivo adjunto',
  'allegato', 'allegati', 'in allegato',
  'anexo', 'anexos', 'em anexo',
  'bijlage', 'bijgevoegd',
  'bifogad*', 'bilaga', 'bilagor',
  'vedhæft*', 'vedlagt*',
  'załącznik*', 'w załączniku',
] as const;

/** Folds case and accents away; keeps letters of every script (so "ä" and "a" compare equal). */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

const PATTERN = new RegExp(
  MENTIONS.map((word) => {
    const open = word.endsWith('*');
    const body = fold(open ? word.slice(0, -1) : word).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
    // A word start takes the rest of its word too ("ci-joint" → "ci-jointe"); a whole word ends there.
    return `(?<![\\p{L}\\p{N}])${body}${open ? '[\\p{L}\\p{N}]*' : '(?![\\p{L}\\p{N}])'}`;
  }).join('|'),
  'u',
);

/**
 * The part of a reply or forward the user wrote: what comes before the quoted original (lines
 * starting with ">", the attribution line before them, a forwarded message's divider) and before
 * the signature ("-- " on its own line, RFC 3676 §4.3).
 */
export function ownText(text: string): string {
  const own: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line === '-- ' || /^-{5,}\s*(forwarded message|original message|weitergeleitete nachricht|ursprüngliche nachricht)/i.test(line)) break;
    if (line.startsWith('>')) continue;
    own.push(line);
  }
  return own.join('\n');
}

/**
 * The word in the user's own text that says a file is attached ("attached", "anbei", "ci-joint"…),
 * as typed, or null. Quoted text and signatures are not read: a reply to "see attached" mentions
 * nothing by itself.
 */
export function attachmentMention(text: string): string | null {
  const own = ownText(text);
  // Folded one code point at a time, remembering where each folded character came from, so the
  // user sees the word in their own spelling ("Anbei", "ci-jointe").
  let folded = '';
  const origin: number[] = [];
  let at = 0;
  for (const char of own) {
    const f = fold(char);
    folded += f;
    for (let i = 0; i < f.length; i++) origin.push(at);
    at += char.length;
  }
  origin.push(at);
  const match = PATTERN.exec(folded);
  if (!match) return null;
  const start = origin[match.index] ?? 0;
  const lastOrigin = origin[match.index + match[0].length - 1] ?? start;
  const lastChar = own.codePointAt(lastOrigin) ?? 0;
  return own.slice(start, lastOrigin + (lastChar > 0xffff ? 2 : 1));
}
