import { useState } from 'react';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import type { AccountSummary } from '../../../common/model/account';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { useCommand } from '../../app/use-command';
import { PersonalitySwitches } from './PersonalitySwitches';
import { ResetSandbox } from './ResetSandbox';
import { DemonstrateButton, SANDBOX_IN_ONE_SENTENCE } from './SandboxLaunch';
import { useSandboxState } from './use-sandbox-state';

/** The mail timer's choices, in seconds (null: off). */
const TIMER_CHOICES: Array<number | null> = [null, 15, 60];

function timerName(everySeconds: number | null, intl: IntlShape): string {
  return everySeconds === null
    ? intl.formatMessage({ id: 'sandbox.timer.off', defaultMessage: 'Off' })
    : intl.formatMessage({ id: 'sandbox.timer.every', defaultMessage: '{seconds, plural, one {Every # second} other {Every # seconds}}' }, { seconds: everySeconds });
}

interface SandboxPanelProps {
  account: AccountSummary;
  onDemonstrating: (account: AccountSummary) => void;
  onClose: () => void;
}

/** The sandbox account's own settings: server behaviours, new mail on demand or on a timer, reset. */
export function SandboxPanel({ account, onDemonstrating, onClose }: SandboxPanelProps) {
  const intl = useIntl();
  const state = useSandboxState();
  const personality = useCommand('sandbox:setPersonality');
  const timer = useCommand('sandbox:mailTimer');
  const send = useCommand('sandbox:sendMail');
  const [sentCount, setSentCount] = useState(0);
  const correspondents = state?.users.filter((u) => u.address !== account.address).map((u) => u.displayName) ?? [];
  const timerChoices = state && !TIMER_CHOICES.includes(state.mailEverySeconds) ? [...TIMER_CHOICES, state.mailEverySeconds] : TIMER_CHOICES;

  return (
    <Dialog label={intl.formatMessage({ id: 'sandbox.common.name', defaultMessage: 'Sandbox' })} className="sandbox-panel" onClose={onClose}>
        <h2>
          <FormattedMessage id="sandbox.panel.title" defaultMessage="The sandbox" />
        </h2>
        <p>{intl.formatMessage(SANDBOX_IN_ONE_SENTENCE)}</p>
        <p className="muted small" data-testid="sandbox-status">
          {!state ? (
            <FormattedMessage id="sandbox.panel.asking" defaultMessage="Asking the sandbox…" />
          ) : state.running ? (
            <FormattedMessage
              id="sandbox.panel.running"
              defaultMessage="Running on this computer only (127.0.0.1). People in it: {people}."
              values={{ people: state.users.map((u) => `${u.displayName} <${u.address}>`).join(', ') }}
            />
          ) : (
            <FormattedMessage id="sandbox.panel.notRunning" defaultMessage="Not running yet: it starts with the sandbox account." />
          )}
        </p>
        {state && <PersonalitySwitches personality={state.personality} disabled={personality.pending} onChange={(change) => void personality.run(change)} />}
        <ErrorText error={personality.error} onDismiss={() => personality.clearError()} />

        <fieldset className="sandbox-switches">
          <legend>
            <FormattedMessage id="sandbox.panel.newMail" defaultMessage="New mail" />
          </legend>
          <div className="radio" role="radiogroup" aria-label={intl.formatMessage({ id: 'sandbox.timer.label', defaultMessage: 'Mail timer' })}>
            <span>
              {correspondents.length ? (
                <FormattedMessage id="sandbox.timer.writers" defaultMessage="{people} write to you:" values={{ people: intl.formatList(correspondents, { type: 'conjunction' }) }} />
              ) : (
                <FormattedMessage id="sandbox.timer.others" defaultMessage="The others write to you:" />
              )}
            </span>
            {timerChoices.map((seconds) => (
              <label key={seconds ?? 'off'} className="radio">
                <input type="radio" name="sandbox-mail-timer" checked={state?.mailEverySeconds === seconds} disabled={!state || timer.pending} onChange={() => void timer.run({ everySeconds: seconds })} />
                {timerName(seconds, intl)}
              </label>
            ))}
          </div>
          <div className="sandbox-row">
            <button type="button" onClick={() => void send.attempt(null).then((ok) => ok && setSentCount((n) => n + 1))} disabled={send.pending}>
              <FormattedMessage id="sandbox.panel.sendNow" defaultMessage="Send me a message now" />
            </button>
            {sentCount > 0 && (
              <span className="muted small" role="status">
                <FormattedMessage
                  id="sandbox.panel.sent"
                  defaultMessage="{count, plural, one {Sent: it is in your Inbox on the server now.} other {# sent: they are in your Inbox on the server now.}}"
                  values={{ count: sentCount }}
                />
              </span>
            )}
          </div>
          <ErrorText error={timer.error ?? send.error} onDismiss={() => {
              timer.clearError();
              send.clearError();
            }} />
        </fieldset>

        <ResetSandbox />
        <div className="form-actions">
          <DemonstrateButton onOpened={onDemonstrating} />
          <button type="button" onClick={onClose}>
            <FormattedMessage id="common.close" defaultMessage="Close" />
          </button>
        </div>
    </Dialog>
  );
}
