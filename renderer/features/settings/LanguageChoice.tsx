import { FormattedMessage, useIntl } from 'react-intl';
import { languageSetting, parseLanguage, type LanguageChoice } from '../../i18n/language';

/**
 * The choice of the language of the texts, dates and numbers: the system's unless one is chosen,
 * applied at once (renderer/i18n/language.ts). Two faces of the same setting: radios in
 * Preferences, and a small menu on the first-run screen, where Preferences cannot be opened yet.
 */

/** Languages by their own names, as every system lists them. */
const LANGUAGE_NAMES: ReadonlyArray<{ value: Exclude<LanguageChoice, 'system'>; name: string; lang: string }> = [
  { value: 'en', name: 'English', lang: 'en' },
  { value: 'de', name: 'Deutsch', lang: 'de' },
];

/** Preferences → Language. */
export function LanguageField() {
  const [language, setLanguage] = languageSetting.use();
  return (
    <fieldset>
      <legend>
        <FormattedMessage id="preferences.language" defaultMessage="Language" />
      </legend>
      <label className="radio">
        <input type="radio" name="language" checked={language === 'system'} onChange={() => setLanguage('system')} />
        <FormattedMessage id="preferences.language.system" defaultMessage="The system’s language" />
      </label>
      {LANGUAGE_NAMES.map((choice) => (
        <label className="radio" key={choice.value} lang={choice.lang}>
          <input type="radio" name="language" checked={language === choice.value} onChange={() => setLanguage(choice.value)} />
          {choice.name}
        </label>
      ))}
    </fieldset>
  );
}

/** A globe, the sign for a language choice that is found without reading the language it is in. */
function GlobeIcon() {
  return (
    <svg className="icon" width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18" />
      <path d="M12 3a14 14 0 0 1 0 18a14 14 0 0 1 0-18" />
    </svg>
  );
}

/**
 * The first-run screen's language menu: before an account exists there is no Preferences button
 * (and "," types into the form), so a person whose system speaks another language chooses here.
 */
export function WelcomeLanguage() {
  const intl = useIntl();
  const [language, setLanguage] = languageSetting.use();
  return (
    <div className="welcome-language">
      <GlobeIcon />
      <label htmlFor="welcome-language">
        <FormattedMessage id="preferences.language" defaultMessage="Language" />
      </label>
      <select id="welcome-language" value={language} onChange={(e) => setLanguage(parseLanguage(e.target.value))}>
        <option value="system">{intl.formatMessage({ id: 'preferences.language.system', defaultMessage: 'The system’s language' })}</option>
        {LANGUAGE_NAMES.map((choice) => (
          <option key={choice.value} value={choice.value} lang={choice.lang}>
            {choice.name}
          </option>
        ))}
      </select>
    </div>
  );
}
