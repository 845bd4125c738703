import { describe, expect, it } from 'vitest';
import { intlFor } from '../../../../renderer/i18n/intl';
import { headerDate, listDate, listDateTime } from '../../../../renderer/features/message-list/list-dates';

const NOW = new Date(2026, 11, 5, 16, 30);
const EARLIER_TODAY = new Date(2026, 11, 5, 9, 5).getTime();
const MARCH = new Date(2026, 2, 3, 14, 40).getTime();

describe('dates in a conversation, as the message list writes them', () => {
  it('in German: the time today, else the numeric day; a collapsed message adds its time', () => {
    const de = intlFor({ language: 'de', locale: 'de' });
    expect(listDate(EARLIER_TODAY, de, NOW)).toBe('09:05');
    expect(listDate(MARCH, de, NOW)).toBe('3.3.2026');
    expect(listDateTime(EARLIER_TODAY, de, NOW)).toBe('09:05');
    expect(listDateTime(MARCH, de, NOW)).toBe('3.3.2026, 14:40');
  });

  it('in English, the list’s own numeric day and time; nothing for a record without a date', () => {
    const en = intlFor({ language: 'en', locale: 'en-US' });
    expect(listDate(MARCH, en, NOW)).toBe('3/3/2026');
    expect(listDateTime(MARCH, en, NOW)).toBe('3/3/2026, 02:40 PM');
    expect(listDate(0, en, NOW)).toBe('');
    expect(listDateTime(Number.NaN, en, NOW)).toBe('');
  });

  it('an open message: weekday, day and time to the minute, no seconds; nothing without a date', () => {
    expect(headerDate(MARCH, intlFor({ language: 'de', locale: 'de' }))).toBe('Di., 3. März 2026, 14:40');
    expect(headerDate(MARCH, intlFor({ language: 'en', locale: 'en-US' }))).toBe('Tue, Mar 3, 2026, 2:40 PM');
    expect(headerDate(0, intlFor({ language: 'en', locale: 'en-US' }))).toBe('');
  });
});
