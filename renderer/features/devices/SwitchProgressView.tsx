import { defineMessages, FormattedMessage, useIntl } from 'react-intl';
import type { SwitchProgress, SwitchStep } from '../../../common/model/switch';

/** Each step with how far it is: "Matching 3 of 40". */
const STEP_WORDS = defineMessages<SwitchStep>({
  // Counted in folders going to IMAP and in messages going to POP: the words name neither.
  'reading-here': { id: 'devices.switchProgress.readingHere', defaultMessage: 'Reading what this device holds {done, number} of {total, number}' },
  'reading-server': { id: 'devices.switchProgress.readingServer', defaultMessage: 'Reading the server’s messages {done, number} of {total, number}' },
  matching: { id: 'devices.switchProgress.matching', defaultMessage: 'Matching {done, number} of {total, number}' },
  moving: { id: 'devices.switchProgress.moving', defaultMessage: 'Moving messages to their folders on the server {done, number} of {total, number}' },
  uploading: { id: 'devices.switchProgress.uploading', defaultMessage: 'Uploading messages only this device has {done, number} of {total, number}' },
  states: { id: 'devices.switchProgress.states', defaultMessage: 'Setting read and flag states on the server {done, number} of {total, number}' },
  'listing-pop': { id: 'devices.switchProgress.listingPop', defaultMessage: 'Matching with the POP maildrop {done, number} of {total, number}' },
  downloading: { id: 'devices.switchProgress.downloading', defaultMessage: 'Downloading {done, number} of {total, number}' },
  copying: { id: 'devices.switchProgress.copying', defaultMessage: 'Copying server folders {done, number} of {total, number}' },
  saving: { id: 'devices.switchProgress.saving', defaultMessage: 'Saving {done, number} of {total, number}' },
});

/** How far a switch (or its preview) is, in counts, with its Cancel; Cancel is refused once the server is being changed. */
export function SwitchProgressView({ progress, cancelling, onCancel }: { progress: SwitchProgress | null; cancelling: boolean; onCancel: () => void }) {
  const intl = useIntl();
  const canCancel = !progress || progress.canCancel;
  const words = progress
    ? intl.formatMessage(STEP_WORDS[progress.step], { done: progress.done, total: progress.total })
    : intl.formatMessage({ id: 'devices.switchProgress.starting', defaultMessage: 'Starting…' });
  return (
    <div className="switch-progress" role="status" aria-label={intl.formatMessage({ id: 'devices.switchProgress.label', defaultMessage: 'Switch progress' })}>
      <p data-testid="switch-progress-words">{words}</p>
      <progress max={progress?.total || 1} value={progress?.done ?? 0} />
      {!canCancel && (
        <p className="muted">
          <FormattedMessage id="devices.switchProgress.noCancel" defaultMessage="The server is being changed now; this last step cannot be cancelled." />
        </p>
      )}
      <div className="form-actions">
        <button type="button" onClick={onCancel} disabled={!canCancel || cancelling}>
          {cancelling ? <FormattedMessage id="devices.switchProgress.cancelling" defaultMessage="Cancelling…" /> : <FormattedMessage id="devices.common.cancel" defaultMessage="Cancel" />}
        </button>
      </div>
    </div>
  );
}
