import { useId, useRef, useState } from 'react';
import { defineMessages, FormattedMessage, useIntl } from 'react-intl';
import { incomingFor, type AccountSummary, type DeviceSummary, type Mode, type NewServerConsent, type ServerEndpoint } from '../../../common/model/account';
import type { SwitchOptions, SwitchPreview, SwitchResult } from '../../../common/model/switch';
import { ErrorText } from '../../ui/ErrorText';
import { modeName } from '../../app/format';
import { useCommand } from '../../app/use-command';
import { useEscapeToClose } from '../../ui/use-escape';
import { EndpointFields } from '../account-setup/EndpointFields';
import { defaultIncoming } from './incoming-defaults';
import { NewServerPasswordFields } from './NewServerPasswordFields';
import { SwitchOptionsFields } from './SwitchOptionsFields';
import { SwitchPreviewNumbers } from './SwitchPreviewNumbers';
import { SwitchProgressView } from './SwitchProgressView';
import { SwitchResultView } from './SwitchResultView';
import { useSwitchProgress } from './use-switch-progress';

const MEANING = defineMessages<Mode>({
  imap: {
    id: 'devices.switch.meaning.imap',
    defaultMessage:
      'With IMAP the server keeps every message, folder and read state, and every device sees the same. Messages already here are matched to the server’s (by UIDL, Message-ID, then content), so nothing appears twice.',
  },
  pop3: {
    id: 'devices.switch.meaning.pop3',
    defaultMessage:
      'With POP this device downloads mail whole and keeps folders and read states to itself. What is cached here becomes local; the rest is downloaded. Retention starts at “leave messages on the server”.',
  },
});

/**
 * Switching a device between POP and IMAP in place: the incoming server if the account has none
 * for the new mode, then the preview in numbers and the options, then the switch and its result.
 * Each step shows its own error where it happened.
 */
export function SwitchModeDialog({ account, device, onClose }: { account: AccountSummary; device: DeviceSummary; onClose: () => void }) {
  const intl = useIntl();
  const id = useId();
  // Fixed when opened: once the switch is done, the device's mode in the account changes.
  const [from] = useState<Mode>(device.mode);
  const to: Mode = from === 'imap' ? 'pop3' : 'imap';
  const [needsServer] = useState(() => incomingFor(account, to) === null);
  const [incoming, setIncoming] = useState<ServerEndpoint>(() => defaultIncoming(account, to));
  const [consent, setConsent] = useState<NewServerConsent>({});
  const [preview, setPreview] = useState<SwitchPreview | null>(null);
  // Nothing of this device's read/flag states goes to the server unless the user asks (issue 12 item 2).
  const [options, setOptions] = useState<SwitchOptions>({ upload: true, pushStates: false, pushMessages: [], copyFolders: [] });
  const [result, setResult] = useState<SwitchResult | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  // Read after the command returns, when the state in this closure is stale.
  const cancelAsked = useRef(false);
  const previewCommand = useCommand('device:switchPreview');
  const switchCommand = useCommand('device:switchMode');
  const cancelCommand = useCommand('device:switchCancel');
  const [progress, setProgress] = useSwitchProgress(device.id);
  const ref = { accountId: account.id, deviceId: device.id, to, ...(needsServer ? { incoming, ...consent } : { incoming: null }) };

  const start = (): void => {
    setProgress(null);
    setCancelled(false);
    setCancelling(false);
    cancelAsked.current = false;
  };

  const askPreview = async (): Promise<void> => {
    start();
    const answer = await previewCommand.run(ref);
    setCancelling(false);
    if (cancelAsked.current) {
      // A cancelled preview is no error: the dialog is back where it was.
      previewCommand.clearError();
      setCancelled(true);
      return;
    }
    if (!answer) return;
    setPreview(answer);
    setOptions((o) => ({ ...o, copyFolders: answer.serverFolders.map((f) => f.path) }));
  };

  const runSwitch = async (): Promise<void> => {
    start();
    const done = await switchCommand.run({ ...ref, options });
    setCancelling(false);
    if (done?.cancelled) setCancelled(true);
    else if (done) setResult(done);
  };

  const cancelRun = async (): Promise<void> => {
    cancelAsked.current = true;
    setCancelling(true);
    // Refused once the server is being changed: the switch then runs to its end.
    if (!(await cancelCommand.run({ accountId: account.id, deviceId: device.id }))) {
      cancelAsked.current = false;
      setCancelling(false);
    }
  };

  const busy = previewCommand.pending || switchCommand.pending;
  // While a preview or switch runs, Escape does not close the dialog: the run would go on out of
  // sight, without its progress, its Cancel or its result. Cancel is the way to stop it.
  useEscapeToClose(ignoreEscape, busy);
  return (
    <section className="switch-mode" role="group" aria-label={intl.formatMessage({ id: 'devices.switch.label', defaultMessage: 'Switch {device} to {mode}' }, { device: device.name, mode: modeName(to) })}>
      <h3>
        <FormattedMessage id="devices.switch.title" defaultMessage="Switch “{device}” from {from} to {to}" values={{ device: device.name, from: modeName(from), to: modeName(to) }} />
      </h3>
      <p className="explanation">{intl.formatMessage(MEANING[to])}</p>
      {needsServer && !preview && (
        <>
          <EndpointFields legend={intl.formatMessage({ id: 'devices.switch.incomingLegend', defaultMessage: 'Incoming mail ({mode}) — this account has no {mode} server yet' }, { mode: modeName(to) })} idPrefix={`${id}-incoming`} service={to} value={incoming} onChange={setIncoming} />
          <NewServerPasswordFields idPrefix={`${id}-incoming`} endpoint={incoming} value={consent} onChange={setConsent} signsInWithProvider={account.auth?.kind === 'oauth2'} />
        </>
      )}
      {busy && <SwitchProgressView progress={progress} cancelling={cancelling} onCancel={() => void cancelRun()} />}
      {cancelled && !busy && (
        <p className="explanation" role="status" data-testid="switch-cancelled">
          <FormattedMessage
            id="devices.switch.cancelled"
            defaultMessage="{stage, select, switch {The switch was cancelled} other {The preview was cancelled}}. “{device}” still uses {mode}, and nothing was changed on the server."
            values={{ stage: preview ? 'switch' : 'preview', device: device.name, mode: modeName(from) }}
          />
        </p>
      )}
      {!preview && !busy && (
        <>
          <ErrorText error={previewCommand.error} onDismiss={() => previewCommand.clearError()} />
          <div className="form-actions">
            <button type="button" onClick={onClose} disabled={busy}>
              <FormattedMessage id="devices.common.cancel" defaultMessage="Cancel" />
            </button>
            <button type="button" className="primary" onClick={() => void askPreview()} disabled={busy}>
              {previewCommand.pending ? (
                <FormattedMessage id="devices.switch.previewing" defaultMessage="Looking at the server…" />
              ) : (
                <FormattedMessage id="devices.switch.preview" defaultMessage="Preview the switch" />
              )}
            </button>
          </div>
        </>
      )}
      {preview && !result && !busy && (
        <>
          <SwitchPreviewNumbers preview={preview} />
          <SwitchOptionsFields preview={preview} value={options} onChange={setOptions} />
          <ErrorText error={switchCommand.error} onDismiss={() => switchCommand.clearError()} />
          <div className="form-actions">
            <button type="button" onClick={() => setPreview(null)} disabled={busy}>
              <FormattedMessage id="devices.switch.back" defaultMessage="Back" />
            </button>
            <button type="button" onClick={onClose} disabled={busy}>
              <FormattedMessage id="devices.common.cancel" defaultMessage="Cancel" />
            </button>
            <button type="button" className="primary" onClick={() => void runSwitch()} disabled={busy}>
              {switchCommand.pending ? (
                <FormattedMessage id="devices.switch.switching" defaultMessage="Switching…" />
              ) : (
                <FormattedMessage id="devices.switch.run" defaultMessage="Switch to {mode}" values={{ mode: modeName(to) }} />
              )}
            </button>
          </div>
        </>
      )}
      {result && (
        <>
          <SwitchResultView result={result} to={to} />
          <div className="form-actions">
            <button type="button" className="primary" onClick={onClose}>
              <FormattedMessage id="devices.switch.done" defaultMessage="Done" />
            </button>
          </div>
        </>
      )}
    </section>
  );
}

const ignoreEscape = (): void => undefined;
