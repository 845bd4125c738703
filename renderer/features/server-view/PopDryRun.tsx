import { useState } from 'react';
import type { DeviceRef, PopDryRun as DryRun } from '../../../common/contract';
import { ErrorText } from '../../ui/ErrorText';
import { count } from '../../app/format';
import { useCommand } from '../../app/use-command';

function uidls(entries: DryRun['deletions']): string {
  return entries.map((e) => e.uidl ?? `#${e.number}`).join(', ');
}

/** "The next check will download 4 messages and send DELE for 2 (UIDLs …)", in words. */
export function describeDryRun(run: DryRun): string {
  const download = run.download.length ? `download ${count(run.download.length, 'message')}` : 'download nothing';
  const headers = run.headersOnly.length ? `, only the header of ${count(run.headersOnly.length, 'message')}` : '';
  const deletions = run.deletions.length ? `send DELE for ${run.deletions.length} (UIDLs ${uidls(run.deletions)})` : 'send no DELE';
  return `The next check will ${download}${headers} and ${deletions}. ${count(run.alreadyHere, 'message')} on the server ${run.alreadyHere === 1 ? 'is' : 'are'} already here.`;
}

/** The commands the check would send, as the transcript will show them. */
function commands(run: DryRun): string {
  const list = [...run.download.map((e) => `RETR ${e.number}`), ...run.headersOnly.map((e) => `TOP ${e.number} 0`), ...run.deletions.map((e) => `DELE ${e.number}`)];
  return list.length ? list.join(', ') : 'none';
}

/** Asks main what the next POP check would do, without downloading or deleting anything. */
export function PopDryRun({ device, deviceName }: { device: DeviceRef; deviceName: string }) {
  const dryRun = useCommand('pop:dryRun');
  const [result, setResult] = useState<DryRun | null>(null);
  const ask = async (): Promise<void> => setResult(await dryRun.run(device));
  return (
    <div className="dry-run">
      <button type="button" onClick={() => void ask()} disabled={dryRun.pending} aria-label={`Dry run of the next check on ${deviceName}`}>
        {dryRun.pending ? 'Asking the server…' : 'Dry run'}
      </button>
      {result && (
        <div role="status" data-testid="dry-run-result">
          <p>{describeDryRun(result)}</p>
          <p className="muted">
            Commands: {commands(result)}
            {!result.serverHasUidl && ' · the server has no UIDL'}
          </p>
        </div>
      )}
      <ErrorText error={dryRun.error} onDismiss={() => dryRun.clearError()} />
    </div>
  );
}
