import { FormattedMessage, useIntl } from 'react-intl';
import type { Mode } from '../../../common/model/account';
import type { DiscoveredSettings, DiscoveryStep } from '../../../common/model/discovery';
import { describeStep, MODE_MEANINGS, MODE_NAMES, offeredModes } from './setup-words';

interface FoundSettingsProps {
  domain: string;
  found: DiscoveredSettings;
  mode: Mode;
  onMode: (mode: Mode) => void;
  /** The settings as they stand, in words (setup-words' describeSettings). */
  sentence: string;
  /** The id of the sentence, for the field that asks the password to name the hosts it goes to. */
  sentenceId: string;
  /** Opens the prefilled fields; absent while they are open. */
  onEdit?: (() => void) | null;
  disabled?: boolean;
}

/** What discovery found, in one plain sentence, with the POP/IMAP choice where both exist. */
export function FoundSettings({ domain, found, mode, onMode, sentence, sentenceId, onEdit = null, disabled = false }: FoundSettingsProps) {
  const intl = useIntl();
  const modes = offeredModes(found);
  return (
    <section className="found-settings" aria-labelledby="found-settings-title">
      <h3 id="found-settings-title">
        {found.providerName ? (
          <FormattedMessage id="setup.found.provider" defaultMessage="{provider} settings found" values={{ provider: found.providerName }} />
        ) : (
          <FormattedMessage id="setup.found.domain" defaultMessage="Settings found for {domain}" values={{ domain }} />
        )}
      </h3>
      <p id={sentenceId} className="found-sentence" data-testid="found-sentence">
        {sentence}
      </p>
      {modes.length > 1 && (
        <fieldset className="mode-choice">
          <legend>
            <FormattedMessage id="setup.mode.label" defaultMessage="How to get mail" />
          </legend>
          {modes.map((m) => (
            <label key={m} className="radio mode-option">
              <input type="radio" name="setup-mode" value={m} checked={mode === m} onChange={() => onMode(m)} disabled={disabled} />
              <span>
                <FormattedMessage id="setup.mode.option" defaultMessage="{mode} — {meaning}" values={{ mode: <strong>{MODE_NAMES[m]}</strong>, meaning: intl.formatMessage(MODE_MEANINGS[m]) }} />
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {onEdit && (
        <button type="button" className="link-button edit-settings" onClick={onEdit} disabled={disabled}>
          <FormattedMessage id="setup.found.edit" defaultMessage="Edit settings" />
        </button>
      )}
    </section>
  );
}

/** "How was this found?": every step of the chain, what it tried and what came back. */
export function DiscoverySteps({ steps }: { steps: DiscoveryStep[] }) {
  if (steps.length === 0) return null;
  return (
    <details className="discovery-steps">
      <summary>
        <FormattedMessage id="setup.discovery.summary" defaultMessage="How was this found?" />
      </summary>
      <ol>
        {steps.map((step, index) => {
          const words = describeStep(step);
          return (
            <li key={index} data-outcome={step.outcome}>
              <FormattedMessage
                id="setup.discovery.step"
                defaultMessage="{source}: {outcome}"
                values={{ source: <span className="step-source">{words.source}</span>, outcome: <span className="step-outcome">{words.outcome}</span> }}
              />
              {words.detail && (
                <span className="step-detail"> <FormattedMessage id="setup.discovery.stepDetail" defaultMessage="— {detail}" values={{ detail: words.detail }} /></span>
              )}
            </li>
          );
        })}
      </ol>
    </details>
  );
}
