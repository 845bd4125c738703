import type { IntlShape } from 'react-intl';

/**
 * Dates as the message list and the conversations write them: the time today, else the day in the
 * locale's numeric form (5.12.2026, 12/5/2026). A collapsed message of a conversation adds its time
 * to the day, in the same forms, since a conversation often has several messages of one day. None
 * for a record without a real date (an unreadable message cached with date 0; never 1/1/1970).
 */

const sameDay = (a: Date, b: Date): boolean => a.toDateString() === b.toDateString();

const TIME = { hour: '2-digit', minute: '2-digit' } as const;
const DAY = { year: 'numeric', month: 'numeric', day: 'numeric' } as const;

/** A list row's date. */
export function listDate(time: number, intl: IntlShape, now: Date = new Date()): string {
  if (!Number.isFinite(time) || time <= 0) return '';
  const date = new Date(time);
  return sameDay(date, now) ? intl.formatTime(date, TIME) : intl.formatDate(date, DAY);
}

/** A collapsed message's date: the list's time today, else the list's day with that time ("5.12.2026, 09:05"). */
export function listDateTime(time: number, intl: IntlShape, now: Date = new Date()): string {
  if (!Number.isFinite(time) || time <= 0) return '';
  const date = new Date(time);
  return sameDay(date, now) ? intl.formatTime(date, TIME) : intl.formatDate(date, { ...DAY, ...TIME });
}

/**
 * An open message's date, in the reader's header, the device columns' reader and a printout: the
 * weekday, day and time to the minute ("Sat, Dec 5, 2026, 10:49 PM", "Sa., 5. Dez. 2026, 22:49"),
 * as Apple Mail and Thunderbird write it. Seconds only cluttered it.
 */
export function headerDate(time: number, intl: IntlShape): string {
  if (!Number.isFinite(time) || time <= 0) return '';
  return intl.formatDate(new Date(time), { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
}
