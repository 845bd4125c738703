import { FormattedMessage, useIntl } from 'react-intl';
import { DEFAULT_POP_SETTINGS, type AccountSummary, type DeviceSummary } from '../../../common/model/account';
import { popDecision } from '../../../common/model/pop-retention';
import type { PopServerView } from '../../../common/model/server-view';
import { timeOfDay } from '../../app/format';
import { usePopStates } from '../../cache/hooks';
import { GoneFromServer } from './GoneFromServer';
import { PopDryRun } from './PopDryRun';
import { ServerMessageTable } from './ServerMessageTable';
import { sizeText } from '../../i18n/sizes';
import { popDecisionText } from '../../i18n/pop-decision-words';
import { noUidlText, retentionTitle } from '../../i18n/retention-words';

/** POP's own words, a message's number in the maildrop, and the dash of a value the server did not give: the same in every language. */
const POP_WORDS = { number: '#', uidl: 'UIDL' } as const;
const NO_VALUE = '—';
/** A decision not known yet (this device's records still loading). */
const NOT_YET = '…';

interface PopServerStateProps {
  account: AccountSummary;
  device: DeviceSummary;
  view: PopServerView;
  refreshing: boolean;
  onRefresh: () => void;
}

/** The maildrop as the server lists it, and this device's decision about each message in words. */
export function PopServerState({ account, device, view, refreshing, onRefresh }: PopServerStateProps) {
  const intl = useIntl();
  const states = usePopStates(device.dbName);
  const retention = (device.pop ?? DEFAULT_POP_SETTINGS).retention;
  const summary =
    view.count === 0 ? (
      <FormattedMessage id="serverView.pop.empty" defaultMessage="The maildrop is empty." />
    ) : (
      <FormattedMessage id="serverView.pop.summary" defaultMessage="{count, plural, one {# message} other {# messages}} in the maildrop ({size})." values={{ count: view.count, size: sizeText(view.totalSize) }} />
    );
  const listed = (
    <FormattedMessage id="serverView.pop.listedAt" defaultMessage="Listed at {time}; {device}’s setting: {setting}." values={{ time: timeOfDay(view.at), device: device.name, setting: retentionTitle(retention, intl) }} />
  );
  return (
    <div className="server-state">
      <div className="server-actions">
        <button type="button" onClick={onRefresh} disabled={refreshing} aria-label={intl.formatMessage({ id: 'serverView.pop.refreshLabel', defaultMessage: 'Refresh the maildrop listing' })}>
          {refreshing ? <FormattedMessage id="serverView.pop.refreshing" defaultMessage="Refreshing…" /> : <FormattedMessage id="serverView.pop.refresh" defaultMessage="Refresh" />}
        </button>
        <PopDryRun device={{ accountId: account.id, deviceId: device.id }} deviceName={device.name} />
      </div>
      <p data-testid="maildrop-summary">
        {summary} <span className="muted">{listed}</span>
      </p>
      {!view.hasUidl && <p className="warning">{noUidlText(intl)}</p>}
      <ServerMessageTable
        label={intl.formatMessage({ id: 'serverView.pop.maildropLabel', defaultMessage: 'The maildrop' })}
        leading={[
          { header: POP_WORDS.number, cell: (m) => m.number },
          { header: POP_WORDS.uidl, cell: (m) => m.uidl ?? NO_VALUE, className: 'uidl' },
        ]}
        trailing={[
          {
            header: <FormattedMessage id="serverView.pop.decision" defaultMessage="{device}’s decision" values={{ device: device.name }} />,
            cell: (m) => (states ? popDecisionText(popDecision(m.uidl ? states.get(m.uidl) : undefined, retention, view.at, true), intl) : NOT_YET),
            className: 'decision',
          },
        ]}
        messages={view.messages}
        keyOf={(m) => `${m.number}:${m.uidl ?? ''}`}
        rowData={(m) => ({ 'data-uidl': m.uidl ?? undefined })}
        empty={<FormattedMessage id="serverView.pop.nothing" defaultMessage="Nothing in the maildrop." />}
        truncatedFrom={view.truncated ? view.count : null}
      />
      <GoneFromServer devices={account.devices} view={view} />
    </div>
  );
}
