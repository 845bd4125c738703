import type { IntlShape } from 'react-intl';
import { ENGLISH_QUOTE_WORDS, type QuoteWords } from '../../common/compose/quote-words';
import { languageOfIntl } from '../i18n/intl';
import type { UiLanguage } from '../i18n/language';

/**
 * The lines a reply or forward adds (common/compose/quote-words.ts), in the language shown: what
 * Thunderbird writes in German is "Am 05.12.2026, 16:09 schrieb Ann:" and a "Weitergeleitete
 * Nachricht" divider. In English, word for word what Porthole has always written (the date as
 * RFC 5322 prints it, which tests and other programs read).
 */
export function quoteWords(intl: IntlShape, language: UiLanguage = languageOfIntl(intl)): QuoteWords {
  if (language === 'en') return ENGLISH_QUOTE_WORDS;
  const when = (time: number): string => intl.formatDate(time, { dateStyle: 'medium', timeStyle: 'short' });
  return {
    attribution: (time, sender) => intl.formatMessage({ id: 'app.quote.attribution', defaultMessage: 'On {date}, {sender} wrote:' }, { date: when(time), sender }),
    forwardDivider: intl.formatMessage({ id: 'app.quote.forwardDivider', defaultMessage: '---------- Forwarded message ----------' }),
    forwardHeader: {
      from: intl.formatMessage({ id: 'app.quote.header.from', defaultMessage: 'From' }),
      date: intl.formatMessage({ id: 'app.quote.header.date', defaultMessage: 'Date' }),
      subject: intl.formatMessage({ id: 'app.quote.header.subject', defaultMessage: 'Subject' }),
      to: intl.formatMessage({ id: 'app.quote.header.to', defaultMessage: 'To' }),
      cc: intl.formatMessage({ id: 'app.quote.header.cc', defaultMessage: 'Cc' }),
    },
    forwardDate: when,
    notQuoted: (characters) => intl.formatMessage({ id: 'app.quote.notQuoted', defaultMessage: '[… the rest of the original, {characters} characters, is not quoted]' }, { characters }),
  };
}
