import type { SwitchProgress, SwitchStep } from '../../../common/model/switch';

const STEP_WORDS: Record<SwitchStep, string> = {
  // Counted in folders going to IMAP and in messages going to POP: the words name neither.
  'reading-here': 'Reading what this device holds',
  'reading-server': 'Reading the server’s messages',
  matching: 'Matching',
  moving: 'Moving messages to their folders on the server',
  uploading: 'Uploading messages only this device has',
  states: 'Setting read and flag states on the server',
  'listing-pop': 'Matching with the POP maildrop',
  downloading: 'Downloading',
  copying: 'Copying server folders',
  saving: 'Saving',
};

/** How far a switch (or its preview) is, in counts, with its Cancel; Cancel is refused once the server is being changed. */
export function SwitchProgressView({ progress, cancelling, onCancel }: { progress: SwitchProgress | null; cancelling: boolean; onCancel: () => void }) {
  const canCancel = !progress || progress.canCancel;
  const words = progress ? `${STEP_WORDS[progress.step]} ${progress.done.toLocaleString()} of ${progress.total.toLocaleString()}` : 'Starting…';
  return (
    <div className="switch-progress" role="status" aria-label="Switch progress">
      <p data-testid="switch-progress-words">{words}</p>
      <progress max={progress?.total || 1} value={progress?.done ?? 0} />
      {!canCancel && <p className="muted">The server is being changed now; this last step cannot be cancelled.</p>}
      <div className="form-actions">
        <button type="button" onClick={onCancel} disabled={!canCancel || cancelling}>
          {cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      </div>
    </div>
  );
}
