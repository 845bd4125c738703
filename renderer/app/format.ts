import { intl } from '../i18n/intl';

/** Times as the panels show them, in the locale of the language shown (sizes: sizeText, renderer/i18n/sizes.ts). */

export function shortDay(time: number): string {
  return intl().formatDate(time, { day: 'numeric', month: 'short' });
}

export function timeOfDay(time: number): string {
  return intl().formatTime(time, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function modeName(mode: 'imap' | 'pop3'): string {
  return mode === 'imap' ? 'IMAP' : 'POP3';
}

/** The texts are English, so the plural follows English rules whatever the number format. */
const englishPlural = new Intl.PluralRules('en');

/**
 * A number and its noun, in the form that number takes: `count(1, 'remote image')` is
 * "1 remote image", `count(3, 'change')` "3 changes"; `plural` for a noun that does not
 * just add an s (`count(2, 'copy', 'copies')`).
 */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString()} ${englishPlural.select(n) === 'one' ? noun : plural}`;
}
