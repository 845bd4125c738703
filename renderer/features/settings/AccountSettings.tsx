import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { DEFAULT_POP_SETTINGS, incomingFor, type AccountSummary, type DeviceSummary } from '../../../common/model/account';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { useCommand } from '../../app/use-command';
import { useEscapeToClose } from '../../ui/use-escape';
import { AccountFields } from './AccountFields';
import { IdentityFields } from './IdentityFields';
import { ImapDeviceSettings } from './ImapSyncFields';
import { NotificationFields } from './NotificationFields';
import './account-settings.css';
import { PopSettingsFields } from './PopSettingsFields';
import { useFocusAfterSave } from './focus-after-save';

/** A POP device's retention and checking, saved with device:configure. */
export function PopDeviceSettings({
  account,
  device,
  onSaved,
  onDirtyChange,
}: {
  account: AccountSummary;
  device: DeviceSummary;
  /** Called after a save; without it the section stays, saying "Saved." (the Settings dialog). */
  onSaved?: () => void;
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const [savedPop, setSavedPop] = useState(device.pop ?? DEFAULT_POP_SETTINGS);
  const [pop, setPop] = useState(savedPop);
  const [saved, setSaved] = useState(false);
  const configure = useCommand('device:configure');
  const dirty = JSON.stringify(pop) !== JSON.stringify(savedPop);
  // Told in the same commit as the edit: an Escape pressed right after typing must see it.
  useLayoutEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);
  const section = useRef<HTMLDivElement>(null);
  const focusAfterSave = useFocusAfterSave(() => section.current?.querySelector<HTMLElement>('.device-error, .saved-note'));
  const change = (next: typeof pop): void => {
    setPop(next);
    setSaved(false);
    configure.clearError();
  };
  const save = async (): Promise<void> => {
    const result = await configure.run({ accountId: account.id, deviceId: device.id, pop });
    focusAfterSave();
    if (result === null) return;
    setSavedPop(pop);
    setSaved(true);
    onSaved?.();
  };
  return (
    <div ref={section}>
      <PopSettingsFields idPrefix={`settings-${device.id}`} value={pop} onChange={change} />
      {configure.error && (
        <div className="device-error" tabIndex={-1}>
          <ErrorText error={configure.error} />
        </div>
      )}
      <div className="form-actions">
        {saved && (
          <span role="status" className="saved-note" tabIndex={-1}>
            <FormattedMessage id="settings.save.saved" defaultMessage="Saved." />
          </span>
        )}
        <button type="button" className="primary" onClick={() => void save()} disabled={configure.pending}>
          <FormattedMessage id="settings.device.save" defaultMessage="Save settings" />
        </button>
      </div>
    </div>
  );
}

/** Asked when the dialog is closed with edits not saved: Escape or "Keep editing" goes back to them. */
function DiscardQuestion({ onKeep, onDiscard }: { onKeep: () => void; onDiscard: () => void }) {
  const intl = useIntl();
  const keep = useRef<HTMLButtonElement>(null);
  useEscapeToClose(onKeep);
  useEffect(() => keep.current?.focus(), []);
  return (
    <div className="discard-question" role="alertdialog" aria-label={intl.formatMessage({ id: 'settings.discard.question', defaultMessage: 'Discard your changes?' })} aria-describedby="discard-question-text">
      <span id="discard-question-text">
        <FormattedMessage id="settings.discard.question" defaultMessage="Discard your changes?" /> <span className="muted"><FormattedMessage id="settings.discard.notSaved" defaultMessage="Some settings here are not saved." /></span>
      </span>
      <button ref={keep} type="button" onClick={onKeep}>
        <FormattedMessage id="settings.discard.keepEditing" defaultMessage="Keep editing" />
      </button>
      <button type="button" className="danger" onClick={onDiscard}>
        <FormattedMessage id="settings.discard.discard" defaultMessage="Discard changes" />
      </button>
    </div>
  );
}

/** An account's settings as one of its devices has them; for POP, what happens to the server's copies, explained. */
export function AccountSettings({ account, device, onClose }: { account: AccountSummary; device: DeviceSummary; onClose: () => void }) {
  const intl = useIntl();
  // Each section saves on its own (the account's changes are checked with the servers first, the
  // device's are not), so a save never closes the dialog: the other section's edits stay, and
  // closing with edits left asks first.
  // Refs, not state: what close() reads is what the sections reported in their last commit, with no
  // render in between that an Escape could overtake on a busy machine.
  const dirtyNow = useRef({ account: false, device: false, identities: false });
  const [asking, setAsking] = useState(false);
  const onAccountDirty = useCallback((dirty: boolean) => void (dirtyNow.current.account = dirty), []);
  const onDeviceDirty = useCallback((dirty: boolean) => void (dirtyNow.current.device = dirty), []);
  const onIdentitiesDirty = useCallback((dirty: boolean) => void (dirtyNow.current.identities = dirty), []);
  const close = (): void => {
    if (dirtyNow.current.account || dirtyNow.current.device || dirtyNow.current.identities) setAsking(true);
    else onClose();
  };
  const closeButton = useRef<HTMLButtonElement>(null);
  const keepEditing = (): void => {
    setAsking(false);
    // The question's buttons go away: focus returns to the Close button that asked.
    requestAnimationFrame(() => closeButton.current?.focus());
  };
  // The address, the device (when there are several), the protocol and the server: no words to translate.
  const incoming = incomingFor(account, device.mode);
  const summary = [account.address, ...(account.devices.length > 1 ? [device.name] : []), device.mode === 'pop3' ? 'POP3' : 'IMAP', `${incoming?.host ?? ''}:${incoming?.port ?? ''}`].join(' · ');
  return (
    <Dialog label={intl.formatMessage({ id: 'settings.dialog.label', defaultMessage: 'Settings of {address}' }, { address: account.address })} onClose={close} className="account-settings">
        <h2>{account.displayName}</h2>
        <p className="muted">{summary}</p>
        <h3 className="settings-section">
          <FormattedMessage id="settings.section.account" defaultMessage="Account" />
        </h3>
        <AccountFields key={account.id} account={account} onDirtyChange={onAccountDirty} />
        <h3 className="settings-section">
          <FormattedMessage id="settings.section.identities" defaultMessage="Identities and signatures" />
        </h3>
        <IdentityFields key={`identities-${account.id}`} account={account} onDirtyChange={onIdentitiesDirty} />
        <h3 className="settings-section">
          {account.devices.length > 1 ? (
            <FormattedMessage id="settings.section.thisDevice" defaultMessage="This device ({device})" values={{ device: device.name }} />
          ) : (
            <FormattedMessage id="settings.section.thisComputer" defaultMessage="This computer" />
          )}
        </h3>
        {device.mode === 'pop3' ? (
          <PopDeviceSettings key={device.id} account={account} device={device} onDirtyChange={onDeviceDirty} />
        ) : (
          <ImapDeviceSettings key={device.id} account={account} device={device} onDirtyChange={onDeviceDirty} />
        )}
        <h3 className="settings-section">
          <FormattedMessage id="settings.section.notifications" defaultMessage="Notifications" />
        </h3>
        <NotificationFields key={`notify-${account.id}`} account={account} />
        {/* Stuck to the dialog's bottom edge: Close is in reach however far the long dialog scrolls. */}
        <div className="form-actions dialog-footer">
          {asking ? (
            <DiscardQuestion onKeep={keepEditing} onDiscard={onClose} />
          ) : (
            <button ref={closeButton} type="button" onClick={close}>
              <FormattedMessage id="common.close" defaultMessage="Close" />
            </button>
          )}
        </div>
    </Dialog>
  );
}
