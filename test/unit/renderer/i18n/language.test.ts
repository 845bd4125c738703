import { describe, expect, it } from 'vitest';
import { intlFor } from '../../../../renderer/i18n/intl';
import { parseLanguage, resolveLocale } from '../../../../renderer/i18n/language';

describe('the language shown and the locale of dates and numbers', () => {
  it.each([
    ['a German system', ['de-DE', 'en-US'], { language: 'de', locale: 'de-DE' }],
    ['an Austrian system keeps its region', ['de-AT'], { language: 'de', locale: 'de-AT' }],
    ['a British system', ['en-GB'], { language: 'en', locale: 'en-GB' }],
    ['French first, German second: German texts, German formats', ['fr-FR', 'de-CH'], { language: 'de', locale: 'de-CH' }],
    ['no shipped language: English texts with the system’s formats', ['fr-FR'], { language: 'en', locale: 'fr-FR' }],
    ['nothing known', [], { language: 'en', locale: 'en' }],
    ['a damaged tag is skipped', ['not a tag!', 'de'], { language: 'de', locale: 'de' }],
  ])('following the system: %s', (_case, system, wanted) => {
    expect(resolveLocale('system', system)).toEqual(wanted);
  });

  it('a chosen language keeps the system’s region when it is the same language, and its own formats otherwise', () => {
    expect(resolveLocale('de', ['de-AT', 'en-US'])).toEqual({ language: 'de', locale: 'de-AT' });
    expect(resolveLocale('de', ['en-US'])).toEqual({ language: 'de', locale: 'de' });
    expect(resolveLocale('en', ['de-DE', 'en-GB'])).toEqual({ language: 'en', locale: 'en-GB' });
  });

  it('anything stored that is not a choice follows the system', () => {
    expect(parseLanguage('de')).toBe('de');
    expect(parseLanguage('en')).toBe('en');
    expect(parseLanguage('fr')).toBe('system');
    expect(parseLanguage(null)).toBe('system');
  });
});

describe('the layer for English texts', () => {
  it('takes an English locale as its default (no missing-translation work per text), and English plural rules elsewhere', () => {
    const british = intlFor({ language: 'en', locale: 'en-GB' });
    expect(british.defaultLocale).toBe('en-GB');
    expect(british.formatMessage({ id: 'x.count', defaultMessage: '{count, plural, one {# message} other {# messages}}' }, { count: 1234 })).toBe('1,234 messages');
    const onFrench = intlFor({ language: 'en', locale: 'fr-FR' });
    expect(onFrench.defaultLocale).toBe('en');
    expect(onFrench.formatMessage({ id: 'x.count', defaultMessage: '{count, plural, one {# message} other {# messages}}' }, { count: 0 })).toBe('0 messages');
    expect(intlFor({ language: 'de', locale: 'de-DE' }).defaultLocale).toBe('en');
  });
});
