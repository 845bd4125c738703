import { FormattedMessage, useIntl } from 'react-intl';
import type { PopRetention, PopSettings } from '../../../common/model/account';
import { retentionDetail, retentionTitle } from '../../i18n/retention-words';

const KINDS: Array<PopRetention['kind']> = ['keep', 'delete-after-days', 'delete-when-deleted-here', 'delete-after-download'];

function retentionOf(kind: PopRetention['kind'], days: number): PopRetention {
  return kind === 'delete-after-days' ? { kind, days } : { kind };
}

/** Retention, checking and size limit of a POP device, each choice explained in plain words. */
export function PopSettingsFields({ value, onChange, idPrefix }: { value: PopSettings; onChange: (value: PopSettings) => void; idPrefix: string }) {
  const intl = useIntl();
  const days = value.retention.kind === 'delete-after-days' ? value.retention.days : 14;
  return (
    <fieldset className="pop-settings">
      <legend>
        <FormattedMessage id="settings.pop.legend" defaultMessage="What happens to messages on the server (POP)" />
      </legend>
      {KINDS.map((kind) => (
        <label key={kind} className="radio">
          <input type="radio" name={`${idPrefix}-retention`} value={kind} checked={value.retention.kind === kind} onChange={() => onChange({ ...value, retention: retentionOf(kind, days) })} />
          {retentionTitle(retentionOf(kind, days), intl)}
        </label>
      ))}
      {value.retention.kind === 'delete-after-days' && (
        <label className="inline">
          <FormattedMessage id="settings.pop.daysToKeep" defaultMessage="Days to keep on the server" />
          <input type="number" min={1} max={3650} value={days} aria-label={intl.formatMessage({ id: 'settings.pop.daysToKeep', defaultMessage: 'Days to keep on the server' })} onChange={(e) => onChange({ ...value, retention: { kind: 'delete-after-days', days: Math.max(1, Number(e.target.value) || 1) } })} />
        </label>
      )}
      <p className="explanation" data-testid="retention-explanation">
        {retentionDetail(value.retention, intl)}
      </p>
      <label className="inline">
        <FormattedMessage
          id="settings.pop.checkEvery"
          defaultMessage="Check for new mail every{input}minutes (empty: only at start-up and when you ask)"
          values={{
            input: (
              <input
                type="number"
                min={1}
                max={1440}
                aria-label={intl.formatMessage({ id: 'settings.pop.checkEveryLabel', defaultMessage: 'Check for new mail every (minutes)' })}
                value={value.checkEveryMinutes ?? ''}
                placeholder={intl.formatMessage({ id: 'settings.pop.never', defaultMessage: 'never' })}
                onChange={(e) => onChange({ ...value, checkEveryMinutes: e.target.value ? Math.max(1, Number(e.target.value)) : null })}
              />
            ),
          }}
        />
      </label>
      <label className="inline">
        <FormattedMessage
          id="settings.pop.headersOnly"
          defaultMessage="Download only the header of messages over{input}KB (the rest when you open them)"
          values={{
            input: (
              <input
                type="number"
                min={1}
                aria-label={intl.formatMessage({ id: 'settings.pop.headersOnlyLabel', defaultMessage: 'Download only the header of messages over (KB)' })}
                value={value.headersOnlyOverBytes === null ? '' : Math.round(value.headersOnlyOverBytes / 1024)}
                placeholder={intl.formatMessage({ id: 'settings.pop.noLimit', defaultMessage: 'no limit' })}
                onChange={(e) => onChange({ ...value, headersOnlyOverBytes: e.target.value ? Math.max(1, Number(e.target.value)) * 1024 : null })}
              />
            ),
          }}
        />
      </label>
    </fieldset>
  );
}
