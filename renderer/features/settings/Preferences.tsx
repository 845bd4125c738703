import { useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Dialog } from '../../ui/Dialog';
import { clampDelay, DEFAULT_DELAY_SECONDS, MAX_DELAY_SECONDS, type MarkReadSetting } from '../../app/mark-read';
import { THEME_CHOICES, type ThemeChoice } from '../../app/theme';
import { SEND_DELAYS, type SendDelay } from '../../../common/commands/mail-commands';
import { invoke } from '../../app/use-command';
import { undoKeys } from '../undo/undo-keys';
import { LanguageField } from './LanguageChoice';
import { errorText } from '../../i18n/error-words';

/** Undo send: kept by main (it holds the messages while they wait), for every window and account. */
function SendDelayField() {
  const intl = useIntl();
  const [delay, setDelay] = useState<SendDelay | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void invoke('send:delay', null).then((r) => current && (r.ok ? setDelay(r.value) : setError(errorText(r.error))));
    return () => {
      current = false;
    };
  }, []);
  const choose = async (seconds: SendDelay): Promise<void> => {
    setDelay(seconds);
    const result = await invoke('send:setDelay', { seconds });
    if (result.ok) setError(null);
    else setError(intl.formatMessage({ id: 'preferences.sendDelay.notSaved', defaultMessage: 'Not saved: {reason}' }, { reason: errorText(result.error) }));
  };
  return (
    <fieldset>
      <legend>
        <FormattedMessage id="preferences.sending" defaultMessage="Sending" />
      </legend>
      <div className="compose-field preference-row">
        <label htmlFor="send-delay">
          <FormattedMessage id="preferences.sendDelay.label" defaultMessage="Undo send" />
        </label>
        <select id="send-delay" value={delay ?? ''} disabled={delay === null} onChange={(e) => void choose(Number(e.target.value) as SendDelay)}>
          {SEND_DELAYS.map((n) => (
            <option key={n} value={n}>
              {n === 0 ? (
                <FormattedMessage id="preferences.sendDelay.off" defaultMessage="Off: send at once" />
              ) : (
                <FormattedMessage id="preferences.sendDelay.wait" defaultMessage="{seconds, plural, one {Wait # second before sending} other {Wait # seconds before sending}}" values={{ seconds: n }} />
              )}
            </option>
          ))}
        </select>
      </div>
      <p className="muted preference-note">
        <FormattedMessage
          id="preferences.sendDelay.note"
          defaultMessage="While a sent message waits, Undo (or {keys}) brings it back into the composer. It waits on this computer: if Porthole is closed meanwhile, it is sent at the next start."
          values={{ keys: undoKeys(intl) }}
        />
      </p>
      {error && <p className="error-text">{error}</p>}
    </fieldset>
  );
}

interface PreferencesProps {
  setting: MarkReadSetting;
  onChange: (setting: MarkReadSetting) => void;
  theme: ThemeChoice;
  onThemeChange: (theme: ThemeChoice) => void;
  onClose: () => void;
}

/**
 * The settings of the person at this computer, for every account and window: how Porthole marks
 * messages read (when opened, after a few seconds on screen, or only by hand: u) and whether it is
 * light or dark. A choice is saved and applied as soon as it is made.
 */
export function Preferences({ setting, onChange, theme, onThemeChange, onClose }: PreferencesProps) {
  const intl = useIntl();
  const choices = useRef<HTMLFieldSetElement>(null);
  // The seconds typed are kept while another choice is made, so switching back finds them.
  const [seconds, setSeconds] = useState(setting.when === 'after-delay' ? setting.seconds : DEFAULT_DELAY_SECONDS);
  useEffect(() => {
    choices.current?.querySelector<HTMLInputElement>('input:checked')?.focus();
  }, []);

  const choose = (when: MarkReadSetting['when']): void => onChange(when === 'after-delay' ? { when, seconds } : { when });
  const typeSeconds = (text: string): void => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value)) return;
    const next = clampDelay(value);
    setSeconds(next);
    onChange({ when: 'after-delay', seconds: next });
  };

  const secondsInput = (
    <input
      type="number"
      style={{ width: '4.5em' }}
      aria-label={intl.formatMessage({ id: 'preferences.markRead.secondsLabel', defaultMessage: 'Seconds shown before a message is marked read' })}
      min={0}
      max={MAX_DELAY_SECONDS}
      step={1}
      value={seconds}
      disabled={setting.when !== 'after-delay'}
      onChange={(e) => typeSeconds(e.target.value)}
    />
  );

  return (
    <Dialog label={intl.formatMessage({ id: 'preferences.title', defaultMessage: 'Preferences' })} onClose={onClose}>
      <h2>
        <FormattedMessage id="preferences.title" defaultMessage="Preferences" />
      </h2>
      <fieldset ref={choices}>
        <legend>
          <FormattedMessage id="preferences.markRead.legend" defaultMessage="Mark a message read" />
        </legend>
        <label className="radio">
          <input type="radio" name="mark-read" checked={setting.when === 'on-open'} onChange={() => choose('on-open')} />
          <FormattedMessage id="preferences.markRead.onOpen" defaultMessage="When I open it" />
        </label>
        <label className="radio">
          <input type="radio" name="mark-read" checked={setting.when === 'after-delay'} onChange={() => choose('after-delay')} />
          <FormattedMessage
            id="preferences.markRead.afterDelay"
            defaultMessage="{seconds, plural, one {After it has been shown for {input} second} other {After it has been shown for {input} seconds}}"
            values={{ seconds, input: secondsInput }}
          />
        </label>
        <label className="radio">
          <input type="radio" name="mark-read" checked={setting.when === 'by-hand'} onChange={() => choose('by-hand')} />
          <span className="radio-text">
            <FormattedMessage id="preferences.markRead.byHand" defaultMessage="Only when I mark it read (Mark read, or u in the main window)" />
          </span>
        </label>
      </fieldset>
      <p className="muted">
        <FormattedMessage id="preferences.markRead.note" defaultMessage="Being selected by Porthole itself, after a Delete or a Move, never marks a message read: only opening it yourself does." />
      </p>
      <fieldset>
        <legend>
          <FormattedMessage id="preferences.appearance" defaultMessage="Appearance" />
        </legend>
        {THEME_CHOICES.map((choice) => (
          <label className="radio" key={choice.value}>
            <input type="radio" name="theme" checked={theme === choice.value} onChange={() => onThemeChange(choice.value)} />
            {intl.formatMessage(choice.label)}
          </label>
        ))}
      </fieldset>
      <p className="muted">
        <FormattedMessage id="preferences.appearance.note" defaultMessage="Messages written in HTML keep the white page their sender designed them on, in dark mode too." />
      </p>
      <LanguageField />
      <SendDelayField />
      <div className="form-actions">
        <button type="button" onClick={onClose}>
          <FormattedMessage id="common.close" defaultMessage="Close" />
        </button>
      </div>
    </Dialog>
  );
}
