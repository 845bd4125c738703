import { useState } from 'react';
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

function timerName(everySeconds: number | null): string {
  return everySeconds === null ? 'Off' : `Every ${everySeconds} seconds`;
}

interface SandboxPanelProps {
  account: AccountSummary;
  onDemonstrating: (account: AccountSummary) => void;
  onClose: () => void;
}

/** The sandbox account's own settings: server behaviours, new mail on demand or on a timer, reset. */
export function SandboxPanel({ account, onDemonstrating, onClose }: SandboxPanelProps) {
  const state = useSandboxState();
  const personality = useCommand('sandbox:setPersonality');
  const timer = useCommand('sandbox:mailTimer');
  const send = useCommand('sandbox:sendMail');
  const [sentCount, setSentCount] = useState(0);
  const correspondents = state?.users.filter((u) => u.address !== account.address).map((u) => u.displayName) ?? [];
  const timerChoices = state && !TIMER_CHOICES.includes(state.mailEverySeconds) ? [...TIMER_CHOICES, state.mailEverySeconds] : TIMER_CHOICES;

  return (
    <Dialog label="Sandbox" className="sandbox-panel" onClose={onClose}>
        <h2>The sandbox</h2>
        <p>{SANDBOX_IN_ONE_SENTENCE}</p>
        <p className="muted small" data-testid="sandbox-status">
          {!state ? 'Asking the sandbox…' : state.running ? `Running on this computer only (127.0.0.1). People in it: ${state.users.map((u) => `${u.displayName} <${u.address}>`).join(', ')}.` : 'Not running yet: it starts with the sandbox account.'}
        </p>
        {state && <PersonalitySwitches personality={state.personality} disabled={personality.pending} onChange={(change) => void personality.run(change)} />}
        <ErrorText error={personality.error} onDismiss={() => personality.clearError()} />

        <fieldset className="sandbox-switches">
          <legend>New mail</legend>
          <div className="radio" role="radiogroup" aria-label="Mail timer">
            <span>{correspondents.length ? `${correspondents.join(' and ')} write to you:` : 'The others write to you:'}</span>
            {timerChoices.map((seconds) => (
              <label key={seconds ?? 'off'} className="radio">
                <input type="radio" name="sandbox-mail-timer" checked={state?.mailEverySeconds === seconds} disabled={!state || timer.pending} onChange={() => void timer.run({ everySeconds: seconds })} />
                {timerName(seconds)}
              </label>
            ))}
          </div>
          <div className="sandbox-row">
            <button type="button" onClick={() => void send.attempt(null).then((ok) => ok && setSentCount((n) => n + 1))} disabled={send.pending}>
              Send me a message now
            </button>
            {sentCount > 0 && (
              <span className="muted small" role="status">
                {sentCount === 1 ? 'Sent: it is in your Inbox on the server now.' : `${sentCount} sent: they are in your Inbox on the server now.`}
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
            Close
          </button>
        </div>
    </Dialog>
  );
}
