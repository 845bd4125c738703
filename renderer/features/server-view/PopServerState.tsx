import { DEFAULT_POP_SETTINGS, type AccountSummary, type DeviceSummary } from '../../../common/model/account';
import { describePopDecision } from '../../../common/model/pop-retention';
import { describeRetention, NO_UIDL_EXPLANATION } from '../../../common/model/retention-words';
import type { PopServerView } from '../../../common/model/server-view';
import { count, timeOfDay } from '../../app/format';
import { usePopStates } from '../../cache/hooks';
import { GoneFromServer } from './GoneFromServer';
import { PopDryRun } from './PopDryRun';
import { formatOctets } from '../../../common/model/raw-source';

interface PopServerStateProps {
  account: AccountSummary;
  device: DeviceSummary;
  view: PopServerView;
  refreshing: boolean;
  onRefresh: () => void;
}

/** The maildrop as the server lists it, and this device's decision about each message in words. */
export function PopServerState({ account, device, view, refreshing, onRefresh }: PopServerStateProps) {
  const states = usePopStates(device.dbName);
  const retention = (device.pop ?? DEFAULT_POP_SETTINGS).retention;
  return (
    <div className="server-state">
      <div className="server-actions">
        <button type="button" onClick={onRefresh} disabled={refreshing} aria-label="Refresh the maildrop listing">
          {refreshing ? 'Refreshing…' : 'Refresh'}
        </button>
        <PopDryRun device={{ accountId: account.id, deviceId: device.id }} deviceName={device.name} />
      </div>
      <p data-testid="maildrop-summary">
        {view.count === 0 ? 'The maildrop is empty.' : `${count(view.count, 'message')} in the maildrop (${formatOctets(view.totalSize)}).`}{' '}
        <span className="muted">Listed at {timeOfDay(view.at)}; {device.name}’s setting: {describeRetention(retention).title}.</span>
      </p>
      {!view.hasUidl && <p className="warning">{NO_UIDL_EXPLANATION}</p>}
      <table className="data-table" aria-label="The maildrop">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">UIDL</th>
            <th scope="col">Size</th>
            <th scope="col">Subject</th>
            <th scope="col">{device.name}’s decision</th>
          </tr>
        </thead>
        <tbody>
          {view.messages.map((m) => (
            <tr key={`${m.number}:${m.uidl ?? ''}`} data-uidl={m.uidl ?? undefined}>
              <td>{m.number}</td>
              <td className="uidl">{m.uidl ?? '—'}</td>
              <td className="size">{formatOctets(m.size)}</td>
              <td>{m.subject || '(no subject)'}</td>
              <td className="decision">{states ? describePopDecision(m.uidl ? states.get(m.uidl) : undefined, retention, view.at, true) : '…'}</td>
            </tr>
          ))}
          {view.messages.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                Nothing in the maildrop.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {view.truncated && <p className="muted">Showing the newest {view.messages.length} of {view.count} messages.</p>}
      <GoneFromServer devices={account.devices} view={view} />
    </div>
  );
}
