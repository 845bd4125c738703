import { useState } from 'react';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import type { DeviceRef, PopDryRun as DryRun } from '../../../common/contract';
import { ErrorText } from '../../ui/ErrorText';
import { useCommand } from '../../app/use-command';

function uidls(entries: DryRun['deletions']): string {
  return entries.map((e) => e.uidl ?? `#${e.number}`).join(', ');
}

/** "The next check will download 4 messages and send DELE for 2 (UIDLs …)", in words: a part for each thing it does, as each count has its own plural. */
export function describeDryRun(run: DryRun, intl: IntlShape): string {
  const download = run.download.length
    ? intl.formatMessage({ id: 'serverView.dryRun.download', defaultMessage: '{count, plural, one {download # message} other {download # messages}}' }, { count: run.download.length })
    : intl.formatMessage({ id: 'serverView.dryRun.downloadNothing', defaultMessage: 'download nothing' });
  const headers = run.headersOnly.length
    ? intl.formatMessage({ id: 'serverView.dryRun.headers', defaultMessage: '{count, plural, one {, only the header of # message} other {, only the header of # messages}}' }, { count: run.headersOnly.length })
    : '';
  const deletions = run.deletions.length
    ? intl.formatMessage({ id: 'serverView.dryRun.deletions', defaultMessage: 'send DELE for {count} (UIDLs {uidls})' }, { count: run.deletions.length, uidls: uidls(run.deletions) })
    : intl.formatMessage({ id: 'serverView.dryRun.noDeletions', defaultMessage: 'send no DELE' });
  const plan = intl.formatMessage({ id: 'serverView.dryRun.plan', defaultMessage: 'The next check will {download}{headers} and {deletions}.' }, { download, headers, deletions });
  const alreadyHere = intl.formatMessage(
    { id: 'serverView.dryRun.alreadyHere', defaultMessage: '{count, plural, one {# message on the server is already here.} other {# messages on the server are already here.}}' },
    { count: run.alreadyHere },
  );
  return `${plan} ${alreadyHere}`;
}

/** The commands the check would send, as the transcript will show them. */
function commands(run: DryRun, intl: IntlShape): string {
  const list = [...run.download.map((e) => `RETR ${e.number}`), ...run.headersOnly.map((e) => `TOP ${e.number} 0`), ...run.deletions.map((e) => `DELE ${e.number}`)];
  return list.length ? list.join(', ') : intl.formatMessage({ id: 'serverView.dryRun.noCommands', defaultMessage: 'none' });
}

/** Asks main what the next POP check would do, without downloading or deleting anything. */
export function PopDryRun({ device, deviceName }: { device: DeviceRef; deviceName: string }) {
  const intl = useIntl();
  const dryRun = useCommand('pop:dryRun');
  const [result, setResult] = useState<DryRun | null>(null);
  const ask = async (): Promise<void> => setResult(await dryRun.run(device));
  return (
    <div className="dry-run">
      <button
        type="button"
        onClick={() => void ask()}
        disabled={dryRun.pending}
        aria-label={intl.formatMessage({ id: 'serverView.dryRun.label', defaultMessage: 'Dry run of the next check on {device}' }, { device: deviceName })}
      >
        {dryRun.pending ? <FormattedMessage id="serverView.panel.asking" defaultMessage="Asking the server…" /> : <FormattedMessage id="serverView.dryRun.button" defaultMessage="Dry run" />}
      </button>
      {result && (
        <div role="status" data-testid="dry-run-result">
          <p>{describeDryRun(result, intl)}</p>
          <p className="muted">
            <FormattedMessage
              id="serverView.dryRun.commands"
              defaultMessage="Commands: {commands}{noUidl, select, yes { · the server has no UIDL} other {}}"
              values={{ commands: commands(result, intl), noUidl: result.serverHasUidl ? 'no' : 'yes' }}
            />
          </p>
        </div>
      )}
      <ErrorText error={dryRun.error} onDismiss={() => dryRun.clearError()} />
    </div>
  );
}
