import { describe, expect, it } from 'vitest';
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
