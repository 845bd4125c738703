import { useEffect, useRef, useState } from 'react';
import { Dialog } from '../../ui/Dialog';
import { clampDelay, DEFAULT_DELAY_SECONDS, MAX_DELAY_SECONDS, type MarkReadSetting } from '../../app/mark-read';
import { THEME_CHOICES, type ThemeChoice } from '../../app/theme';
import { SEND_DELAYS, type SendDelay } from '../../../common/commands/mail-commands';
import { invoke } from '../../app/use-command';
import { undoKeys } from '../undo/undo-keys';

/** Undo send: kept by main (it holds the messages while they wait), for every window and account. */
function SendDelayField() {
  const [delay, setDelay] = useState<SendDelay | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void invoke('send:delay', null).then((r) => current && (r.ok ? setDelay(r.value) : setError(r.error.message)));
    return () => {
      current = false;
    };
  }, []);
  const choose = async (seconds: SendDelay): Promise<void> => {
    setDelay(seconds);
    const result = await invoke('send:setDelay', { seconds });
    if (result.ok) setError(null);
    else setError(`Not saved: ${result.error.message}`);
  };
  return (
    <fieldset>
      <legend>Sending</legend>
      <div className="compose-field preference-row">
        <label htmlFor="send-delay">Undo send</label>
        <select id="send-delay" value={delay ?? ''} disabled={delay === null} onChange={(e) => void choose(Number(e.target.value) as SendDelay)}>
          {SEND_DELAYS.map((n) => (
            <option key={n} value={n}>
              {n === 0 ? 'Off: send at once' : `Wait ${n} seconds before sending`}
            </option>
          ))}
        </select>
      </div>
      <p className="muted preference-note">While a sent message waits, Undo (or {undoKeys}) brings it back into the composer. It waits on this computer: if Porthole is closed meanwhile, it is sent at the next start.</p>
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

  return (
    <Dialog label="Preferences" onClose={onClose}>
      <h2>Preferences</h2>
      <fieldset ref={choices}>
        <legend>Mark a message read</legend>
        <label className="radio">
          <input type="radio" name="mark-read" checked={setting.when === 'on-open'} onChange={() => choose('on-open')} />
          When I open it
        </label>
        <label className="radio">
          <input type="radio" name="mark-read" checked={setting.when === 'after-delay'} onChange={() => choose('after-delay')} />
          After it has been shown for
          <input
            type="number"
            style={{ width: '4.5em' }}
            aria-label="Seconds shown before a message is marked read"
            min={0}
            max={MAX_DELAY_SECONDS}
            step={1}
            value={seconds}
            disabled={setting.when !== 'after-delay'}
            onChange={(e) => typeSeconds(e.target.value)}
          />
          seconds
        </label>
        <label className="radio">
          <input type="radio" name="mark-read" checked={setting.when === 'by-hand'} onChange={() => choose('by-hand')} />
          Only when I mark it read (Mark read, or u in the main window)
        </label>
      </fieldset>
      <p className="muted">Being selected by Porthole itself, after a Delete or a Move, never marks a message read: only opening it yourself does.</p>
      <fieldset>
        <legend>Appearance</legend>
        {THEME_CHOICES.map((choice) => (
          <label className="radio" key={choice.value}>
            <input type="radio" name="theme" checked={theme === choice.value} onChange={() => onThemeChange(choice.value)} />
            {choice.label}
          </label>
        ))}
      </fieldset>
      <p className="muted">Messages written in HTML keep the white page their sender designed them on, in dark mode too.</p>
      <SendDelayField />
      <div className="form-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
