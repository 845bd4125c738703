import { useEffect, useState, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { DeviceStatus, SyncProgress } from '../../../common/contract';
import type { AccountSummary } from '../../../common/model/account';
import type { FolderRecord } from '../../../common/model/mail';
import { emptyDraft } from '../../../common/compose/reply';
import { deviceKey } from '../../app/device-key';
import { modeName } from '../../app/format';
import { loadSideBySideView, saveSideBySideView } from '../../app/view-memory';
import { useFolders } from '../../cache/hooks';
import { Composer } from '../composer/Composer';
import { ServerPanel } from '../server-view/ServerPanel';
import { DeviceColumn } from './DeviceColumn';
import { DeviceManager } from './DeviceManager';

interface SideBySideProps {
  account: AccountSummary;
  statuses: Readonly<Record<string, DeviceStatus>>;
  progress: Readonly<Record<string, SyncProgress>>;
  /** Controls above the columns that belong to the app (the layout toggle, the account picker). */
  toolbar: ReactNode;
  /** A panel before the columns (the sandbox's guided steps), given a way to point the server panel at a device. */
  guide?: (showServerAs: (deviceId: string) => void) => ReactNode;
  /** Told when a column's composer opens or closes: undo send waits while a message is being written. */
  onComposingChange?: (composing: boolean) => void;
}

/**
 * Two or more devices of one account as columns, with the server panel beside them: act on one
 * device and watch the others and the server follow (or not), each from its own cache.
 */
export function SideBySide({ account, statuses, progress, toolbar, guide, onComposingChange }: SideBySideProps) {
  const intl = useIntl();
  // Which columns, folders and server-panel device were shown survives a reload (App keeps the rest).
  const [remembered] = useState(() => loadSideBySideView(account.id));
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set(remembered.hidden));
  const [folderIds, setFolderIds] = useState<Readonly<Record<string, string>>>(remembered.folderIds);
  const [panelDeviceId, setPanelDeviceId] = useState<string | null>(remembered.panelDeviceId);
  useEffect(() => saveSideBySideView(account.id, { hidden: [...hidden], folderIds, panelDeviceId }), [account.id, hidden, folderIds, panelDeviceId]);
  const [composeFor, setComposeFor] = useState<string | null>(null);
  const [managing, setManaging] = useState(false);
  const shown = account.devices.filter((d) => !hidden.has(d.id));
  const panelDevice = account.devices.find((d) => d.id === panelDeviceId) ?? shown[0] ?? account.devices[0]!;
  const panelFolders = useFolders(panelDevice.dbName);
  const panelFolder = panelFolders?.find((f) => f.id === folderIds[panelDevice.id]) ?? panelFolders?.find((f) => f.role === 'inbox') ?? null;
  const composer = account.devices.find((d) => d.id === composeFor) ?? null;
  const composing = composer !== null;
  useEffect(() => {
    onComposingChange?.(composing);
    return () => onComposingChange?.(false);
  }, [composing, onComposingChange]);

  const toggle = (deviceId: string, show: boolean): void => {
    const next = new Set(hidden);
    if (show) next.delete(deviceId);
    else next.add(deviceId);
    setHidden(next);
  };

  return (
    <div className="side-by-side">
      <header className="sbs-header">
        {toolbar}
        <fieldset className="sbs-devices">
          <legend className="visually-hidden">
            <FormattedMessage id="devices.sideBySide.shown" defaultMessage="Devices shown" />
          </legend>
          {account.devices.map((d) => (
            <label key={d.id} className="checkbox">
              <input type="checkbox" checked={!hidden.has(d.id)} onChange={(e) => toggle(d.id, e.target.checked)} aria-label={intl.formatMessage({ id: 'devices.sideBySide.show', defaultMessage: 'Show {device}' }, { device: d.name })} />
              <FormattedMessage id="devices.common.nameAndMode" defaultMessage="{device} · {mode}" values={{ device: d.name, mode: modeName(d.mode) }} />
            </label>
          ))}
        </fieldset>
        <button type="button" onClick={() => setManaging(true)} aria-label={intl.formatMessage({ id: 'devices.manager.title', defaultMessage: 'Devices of {account}' }, { account: account.address })}>
          <FormattedMessage id="devices.sideBySide.devices" defaultMessage="Devices…" />
        </button>
      </header>
      {account.devices.length < 2 && (
        <p className="warning" role="note">
          <FormattedMessage
            id="devices.sideBySide.oneDevice"
            defaultMessage="{account} has one device. Add another (“Devices…”) to watch two devices of one mailbox side by side."
            values={{ account: account.displayName }}
          />
        </p>
      )}
      {/* Minimums chosen so the guide, two devices and the server panel fit a 1024-pixel window; narrower windows scroll sideways. */}
      <div className="sbs-columns" style={{ gridTemplateColumns: `${guide ? 'minmax(220px, 320px) ' : ''}repeat(${shown.length}, minmax(230px, 1fr)) minmax(300px, 1.3fr)` }}>
        {guide?.(setPanelDeviceId)}
        {shown.map((d) => (
          <DeviceColumn
            key={d.id}
            account={account}
            device={d}
            status={statuses[deviceKey({ accountId: account.id, deviceId: d.id })] ?? null}
            progress={progress[deviceKey({ accountId: account.id, deviceId: d.id })] ?? null}
            folderId={folderIds[d.id] ?? null}
            onSelectFolder={(f: FolderRecord) => setFolderIds((ids) => ({ ...ids, [d.id]: f.id }))}
            onCompose={() => setComposeFor(d.id)}
          />
        ))}
        <ServerPanel
          account={account}
          device={panelDevice}
          folder={panelFolder}
          deviceChooser={
            <select aria-label={intl.formatMessage({ id: 'devices.sideBySide.panelDevice', defaultMessage: 'Server panel as seen by' })} value={panelDevice.id} onChange={(e) => setPanelDeviceId(e.target.value)}>
              {account.devices.map((d) => (
                <option key={d.id} value={d.id}>
                  {intl.formatMessage({ id: 'devices.sideBySide.seenBy', defaultMessage: 'as seen by {device} ({mode})' }, { device: d.name, mode: modeName(d.mode) })}
                </option>
              ))}
            </select>
          }
        />
      </div>
      {composer && (
        <Composer
          device={{ accountId: account.id, deviceId: composer.id }}
          dbName={composer.dbName}
          account={account}
          sentFrom={`${composer.name} (${modeName(composer.mode)})`}
          initial={emptyDraft()}
          onClose={() => setComposeFor(null)}
        />
      )}
      {managing && <DeviceManager account={account} onClose={() => setManaging(false)} />}
    </div>
  );
}
