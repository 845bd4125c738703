import { useState } from 'react';
import { FormattedMessage, useIntl, type MessageDescriptor } from 'react-intl';
import type { DeviceRef } from '../../../common/contract';
import { DEFAULT_POP_SETTINGS, type AccountSummary, type DeviceSummary } from '../../../common/model/account';
import { DEMO_DEVICE_NAMES } from '../../../common/model/sandbox';
import type { WireError } from '../../../common/result';
import { ErrorText } from '../../ui/ErrorText';
import { invoke } from '../../app/use-command';
import { intl as currentIntl } from '../../i18n/intl';
import { latestArrival } from './latest-arrival';
import { ResetSandbox } from './ResetSandbox';
import { SCENARIOS, type DemoDevice, type StepAction } from './scenarios';
import { DemonstrateButton } from './SandboxLaunch';
import { demoDeviceNames } from './demo-names';

type Outcome = { ok: true } | { ok: false; error: WireError };
type StepState = { state: 'running' } | { state: 'done' } | { state: 'failed'; error: WireError };

/** The demonstration's device of that mode: the one named for it (in English or the window's language) if there is one. */
function demoDevice(account: AccountSummary, mode: 'imap' | 'pop3', names: { imap: string; pop3: string }): DeviceSummary | null {
  const ofMode = account.devices.filter((d) => d.mode === mode);
  return ofMode.find((d) => d.name === names[mode]) ?? ofMode.find((d) => d.name === DEMO_DEVICE_NAMES[mode]) ?? ofMode[0] ?? null;
}

async function perform(action: StepAction, account: AccountSummary, devices: Record<DemoDevice, DeviceSummary>): Promise<Outcome> {
  const ref = (which: DemoDevice): DeviceRef => ({ accountId: account.id, deviceId: devices[which].id });
  switch (action.kind) {
    case 'phoneRetention': {
      const pop = { ...(devices.phone.pop ?? DEFAULT_POP_SETTINGS), retention: action.retention, checkEveryMinutes: null };
      return invoke('device:configure', { ...ref('phone'), pop });
    }
    case 'sendMail':
      return invoke('sandbox:sendMail', null);
    case 'check':
      return invoke('device:sync', ref(action.device));
    case 'openLatest':
    case 'deleteLatest': {
      const checked = await invoke('device:sync', ref(action.device));
      if (!checked.ok) return checked;
      const message = await latestArrival(devices[action.device]);
      if (!message) {
        return { ok: false, error: { code: 'NOT_FOUND', message: currentIntl().formatMessage({ id: 'sandbox.steps.inboxEmpty', defaultMessage: 'The {device}’s Inbox is empty.' }, { device: devices[action.device].name }) } };
      }
      if (action.kind === 'openLatest') return invoke('message:open', { ...ref(action.device), messageId: message.id });
      return invoke('messages:delete', { ...ref(action.device), messageIds: [message.id] });
    }
    default: {
      const unknownAction: never = action;
      throw new Error(`Unknown step ${JSON.stringify(unknownAction)}`);
    }
  }
}

interface GuidedStepsProps {
  account: AccountSummary;
  /** Points the server panel at the device whose view tells the scenario's story. */
  onShowServerAs: (deviceId: string) => void;
  onClose: () => void;
}

/** The devices issue's scenarios as steps whose buttons do the actions, and what to watch after them. */
export function GuidedSteps({ account, onShowServerAs, onClose }: GuidedStepsProps) {
  const intl = useIntl();
  const [scenarioId, setScenarioId] = useState(SCENARIOS[0]!.id);
  const [steps, setSteps] = useState<Readonly<Record<number, StepState>>>({});
  const scenario = SCENARIOS.find((s) => s.id === scenarioId) ?? SCENARIOS[0]!;
  const names = demoDeviceNames(intl);
  const laptop = demoDevice(account, 'imap', names);
  const phone = demoDevice(account, 'pop3', names);

  const header = (
    <header className="guide-header">
      <h2>
        <FormattedMessage id="sandbox.steps.title" defaultMessage="Guided steps" />
      </h2>
      <button type="button" className="link-button small" onClick={onClose} aria-label={intl.formatMessage({ id: 'sandbox.steps.close', defaultMessage: 'Close the guided steps' })}>
        <FormattedMessage id="common.close" defaultMessage="Close" />
      </button>
    </header>
  );
  if (!laptop || !phone) {
    return (
      <section className="guided-steps" aria-label={intl.formatMessage({ id: 'sandbox.steps.title', defaultMessage: 'Guided steps' })}>
        {header}
        <p>
          <FormattedMessage id="sandbox.steps.needDevices" defaultMessage="The scenarios need a Laptop on IMAP and a Phone on POP." />
        </p>
        <DemonstrateButton onOpened={() => undefined} />
      </section>
    );
  }
  const devices = { laptop, phone };
  // The steps quote the devices by their names: made in the language the sandbox started in.
  const say = (words: MessageDescriptor): string => intl.formatMessage(words, { laptop: laptop.name, phone: phone.name });

  const choose = (id: string): void => {
    setScenarioId(id);
    setSteps({});
    const next = SCENARIOS.find((s) => s.id === id);
    if (next) onShowServerAs(devices[next.serverAs].id);
  };

  const run = async (index: number, action: StepAction): Promise<void> => {
    onShowServerAs(devices[scenario.serverAs].id);
    setSteps((all) => ({ ...all, [index]: { state: 'running' } }));
    const outcome = await perform(action, account, devices);
    setSteps((all) => ({ ...all, [index]: outcome.ok ? { state: 'done' } : { state: 'failed', error: outcome.error } }));
  };

  const allDone = scenario.steps.every((_, i) => steps[i]?.state === 'done');
  return (
    <section className="guided-steps" aria-label={intl.formatMessage({ id: 'sandbox.steps.title', defaultMessage: 'Guided steps' })}>
      {header}
      <label htmlFor="guide-scenario">
        <FormattedMessage id="sandbox.steps.scenario" defaultMessage="Scenario" />
      </label>
      <select id="guide-scenario" value={scenario.id} onChange={(e) => choose(e.target.value)}>
        {SCENARIOS.map((s) => (
          <option key={s.id} value={s.id}>
            {say(s.title)}
          </option>
        ))}
      </select>
      <section aria-label={intl.formatMessage({ id: 'sandbox.steps.scenarioLabel', defaultMessage: 'Scenario: {title}' }, { title: say(scenario.title) })}>
        <h3>{say(scenario.title)}</h3>
        <p className="small">{say(scenario.intro)}</p>
        <ol className="guide-steps">
          {scenario.steps.map((step, index) => {
            const state = steps[index];
            return (
              <li key={step.label.id} aria-label={intl.formatMessage({ id: 'sandbox.steps.step', defaultMessage: 'Step {number}' }, { number: index + 1 })}>
                <button type="button" className={state?.state === 'done' ? undefined : 'primary'} onClick={() => void run(index, step.action)} disabled={state?.state === 'running'}>
                  {say(step.label)}
                </button>
                {step.note && <p className="explanation small">{say(step.note)}</p>}
                <span className="muted small step-state" role="status" data-testid="step-state">
                  {state?.state === 'running' ? (
                    <FormattedMessage id="sandbox.steps.working" defaultMessage="Working…" />
                  ) : state?.state === 'done' ? (
                    <FormattedMessage id="sandbox.steps.done" defaultMessage="✓ Done" />
                  ) : (
                    ''
                  )}
                </span>
                {state?.state === 'failed' && <ErrorText error={state.error} />}
              </li>
            );
          })}
        </ol>
        <div className={`guide-watch${allDone ? ' ready' : ''}`} role="note" aria-label={intl.formatMessage({ id: 'sandbox.steps.watchLabel', defaultMessage: 'What to watch' })}>
          <h4>{allDone ? <FormattedMessage id="sandbox.steps.nowWatch" defaultMessage="Now watch" /> : <FormattedMessage id="sandbox.steps.watchAfter" defaultMessage="What to watch, after the steps" />}</h4>
          <ul>
            {scenario.watch.map((line) => (
              <li key={line.id}>{say(line)}</li>
            ))}
          </ul>
        </div>
      </section>
      <ResetSandbox />
    </section>
  );
}
