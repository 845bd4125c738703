import { storedSetting } from '../app/stored-setting';

/**
 * The language of Porthole's texts: as the system says (the default, like Thunderbird and Apple
 * Mail), or chosen in Preferences. Dates and numbers follow the system's region whenever it uses
 * the language shown (de-AT, en-GB), so a chosen language does not undo a region's formats.
 */
export type LanguageChoice = 'system' | UiLanguage;
/** The languages whose texts are complete (the catalogs in renderer/i18n/). */
export type UiLanguage = 'en' | 'de';

export const UI_LANGUAGES: readonly UiLanguage[] = ['en', 'de'];

/** Anything stored that is not a known choice (an old or hand-edited value) follows the system. */
export function parseLanguage(stored: string | null): LanguageChoice {
  return stored === 'en' || stored === 'de' ? stored : 'system';
}

export const languageSetting = storedSetting<LanguageChoice>('porthole.language', parseLanguage, (value) => value);

/** The language shown and the locale that formats dates and numbers. */
export interface ResolvedLocale {
  language: UiLanguage;
  locale: string;
}

const languageOf = (tag: string): string => tag.split('-')[0]!.toLowerCase();

/** A tag the platform's Intl accepts, or null (a hand-made or damaged navigator value). */
function validTag(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * `systemLocales` in the order of preference (navigator.languages). The system's first locale in
 * a shipped language wins; with none, English texts with the system's own formats.
 */
export function resolveLocale(choice: LanguageChoice, systemLocales: readonly string[]): ResolvedLocale {
  const tags = systemLocales.flatMap((tag) => validTag(tag) ?? []);
  if (choice === 'system') {
    const shipped = tags.find((tag) => (UI_LANGUAGES as readonly string[]).includes(languageOf(tag)));
    if (shipped) return { language: languageOf(shipped) as UiLanguage, locale: shipped };
    return { language: 'en', locale: tags[0] ?? 'en' };
  }
  return { language: choice, locale: tags.find((tag) => languageOf(tag) === choice) ?? choice };
}
