import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { RawIntlProvider } from 'react-intl';
import { intlFor } from '../../renderer/i18n/intl';
import type { UiLanguage } from '../../renderer/i18n/language';

/** Static markup of `element` inside the translation layer, in English unless asked otherwise. */
export function renderInLanguage(element: ReactElement, language: UiLanguage = 'en'): string {
  return renderToStaticMarkup(createElement(RawIntlProvider, { value: intlFor({ language, locale: language }) }, element));
}
