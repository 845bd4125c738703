import { createIntl, createIntlCache, ReactIntlErrorCode, type IntlShape } from 'react-intl';
import { useSyncExternalStore } from 'react';
import { GERMAN } from './catalog-de';
import { languageSetting, resolveLocale, type LanguageChoice, type ResolvedLocale, type UiLanguage } from './language';

/**
 * Porthole's translation layer (FormatJS: ICU messages, plurals from the CLDR rules, dates and
 * numbers from the locale). A text is written once, in English, where it is used, with an id:
 * `<FormattedMessage id="area.name" defaultMessage="…" />` or `useIntl().formatMessage(…)` in
 * components, `intl().formatMessage(…)` elsewhere. The other languages' catalogs sit beside this
 * file, one JSON file per area (`de/reader.json`); test/unit/renderer/i18n/catalogs.test.ts
 * extracts every message from the code and fails on a missing, stale or mismatched translation,
 * and ESLint (formatjs/no-literal-string-in-jsx) fails on text in JSX that bypasses the layer.
 */

const CATALOGS: Record<UiLanguage, Readonly<Record<string, string>>> = {
  // English is the code's own text (defaultMessage).
  en: {},
  de: GERMAN,
};

const cache = createIntlCache();

/** The layer for one language and locale (the app uses `intl()`; tests render in a language of their choice). */
export function intlFor({ language, locale }: ResolvedLocale): IntlShape {
  return createIntl(
    {
      locale,
      messages: CATALOGS[language],
      // English is the code's own text. Where the locale is English too (en-US, en-GB), it is the
      // default locale, so FormatJS does not build a MissingTranslationError (an Error, with its
      // stack) for every text it formats: up to 12 ms of a scroll frame of the conversation list
      // (scenario 9's profile). English texts on another language's system (fr-FR) keep 'en' for
      // their plural rules ("0 messages"), and that cost.
      defaultLocale: language === 'en' && locale.toLowerCase().split('-')[0] === 'en' ? locale : 'en',
      onError: (error) => {
        if (error.code !== ReactIntlErrorCode.MISSING_TRANSLATION) console.warn(error.message);
      },
    },
    cache,
  );
}

const NO_LOCALES: readonly string[] = [];

function systemLocales(): readonly string[] {
  if (typeof navigator === 'undefined') return NO_LOCALES;
  return navigator.languages.length ? navigator.languages : [navigator.language];
}

let current: { key: string; intl: IntlShape } | null = null;
let lastResolved: { choice: LanguageChoice; systemLocales: readonly string[]; resolved: ResolvedLocale } | null = null;

/**
 * The language and locale shown now, resolved again only when the setting or the system's list
 * changed: `intl()` is called per list row and per folder name, and canonicalising every system
 * locale each time was work repeated on the scroll path. navigator.languages is the same array
 * until the system's languages change (HTML: "the same object … until"), so identity tells.
 */
function resolvedNow(): ResolvedLocale {
  const choice = languageSetting.read();
  const locales = systemLocales();
  if (!lastResolved || lastResolved.choice !== choice || lastResolved.systemLocales !== locales) lastResolved = { choice, systemLocales: locales, resolved: resolveLocale(choice, locales) };
  return lastResolved.resolved;
}

/** The translation layer in the language chosen now (outside React; components use useIntl). */
export function intl(): IntlShape {
  const resolved = resolvedNow();
  const key = `${resolved.language}\n${resolved.locale}`;
  if (!current || current.key !== key) current = { key, intl: intlFor(resolved) };
  return current.intl;
}

/**
 * The language a layer speaks, told by its catalog (its locale may be another language's: English
 * texts with a French system's formats). Words that English takes from common/ check this, so a
 * caller's own layer decides, not the window's.
 */
export function languageOfIntl(layer: IntlShape): UiLanguage {
  return (Object.keys(CATALOGS) as UiLanguage[]).find((language) => CATALOGS[language] === layer.messages) ?? 'en';
}

/** The language shown now: 'en' or 'de'. */
export function uiLanguage(): UiLanguage {
  return resolvedNow().language;
}

function subscribe(listener: () => void): () => void {
  const unsubscribe = languageSetting.subscribe(listener);
  window.addEventListener('languagechange', listener);
  return () => {
    unsubscribe();
    window.removeEventListener('languagechange', listener);
  };
}

/** The layer for the React tree (RawIntlProvider), following a change of the setting or the system's language. */
export function useCurrentIntl(): IntlShape {
  return useSyncExternalStore(subscribe, intl);
}

/** Keeps the document's language (screen readers, hyphenation, spell checking) on the one shown. */
export function followDocumentLanguage(root: HTMLElement): () => void {
  const apply = (): void => {
    root.lang = intl().locale;
  };
  apply();
  return subscribe(apply);
}
