import { SERVICE_NAMES } from '../../common/model/mode';
import { intl } from '../i18n/intl';

/** Times as the panels show them, in the locale of the language shown (sizes: sizeText, renderer/i18n/sizes.ts). */

export function shortDay(time: number): string {
  return intl().formatDate(time, { day: 'numeric', month: 'short' });
}

export function timeOfDay(time: number): string {
  return intl().formatTime(time, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function modeName(mode: 'imap' | 'pop3'): string {
  return SERVICE_NAMES[mode];
}
