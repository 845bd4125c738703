import { useId, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { DEFAULT_POP_SETTINGS, incomingFor, type AccountSummary, type Mode, type NewServerConsent, type PopSettings, type ServerEndpoint } from '../../../common/model/account';
import { ErrorText } from '../../ui/ErrorText';
import { modeName } from '../../app/format';
import { useCommand } from '../../app/use-command';
import { useSecretStorageWarning } from '../../app/use-secret-storage-warning';
import { EndpointFields } from '../account-setup/EndpointFields';
import { PopSettingsFields } from '../settings/PopSettingsFields';
import { defaultIncoming } from './incoming-defaults';
import { NewServerPasswordFields } from './NewServerPasswordFields';

/**
 * Opens the account as one more device. When the account has no server of the chosen mode yet,
 * it asks for one (guessed from the other server) and main checks the login before adding.
 */
export function AddDeviceForm({ account, onAdded }: { account: AccountSummary; onAdded?: () => void }) {
  const intl = useIntl();
  const id = useId();
  const [name, setName] = useState('');
  const [mode, setMode] = useState<Mode>('imap');
  const [pop, setPop] = useState<PopSettings>(DEFAULT_POP_SETTINGS);
  const [incoming, setIncoming] = useState<ServerEndpoint>(() => defaultIncoming(account, 'imap'));
  const [consent, setConsent] = useState<NewServerConsent>({});
  const add = useCommand('device:add');
  const needsServer = incomingFor(account, mode) === null;
  const secretStorageNote = useSecretStorageWarning();

  const chooseMode = (next: Mode): void => {
    setMode(next);
    setIncoming(defaultIncoming(account, next));
    setConsent({});
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const added = await add.run({ accountId: account.id, name: name.trim(), mode, pop: mode === 'pop3' ? pop : null, incoming: needsServer ? incoming : null, ...(needsServer ? consent : {}) });
    if (!added) return;
    setName('');
    setConsent({});
    onAdded?.();
  };

  return (
    <form className="device-form" onSubmit={(e) => void submit(e)} aria-label={intl.formatMessage({ id: 'devices.add.title', defaultMessage: 'Add a device' })}>
      <h3>
        <FormattedMessage id="devices.add.title" defaultMessage="Add a device" />
      </h3>
      <p className="muted">
        <FormattedMessage id="devices.add.intro" defaultMessage="A device has its own cache, connections and mode, as if it were another computer or a phone." />
      </p>
      <label htmlFor={`${id}-name`}>
        <FormattedMessage id="devices.add.name" defaultMessage="Device name" />
      </label>
      <input id={`${id}-name`} required maxLength={60} value={name} onChange={(e) => setName(e.target.value)} placeholder={intl.formatMessage({ id: 'devices.add.namePlaceholder', defaultMessage: 'Phone' })} autoComplete="off" />
      <label htmlFor={`${id}-mode`}>
        <FormattedMessage id="devices.add.mode" defaultMessage="How this device gets mail" />
      </label>
      <select id={`${id}-mode`} value={mode} onChange={(e) => chooseMode(e.target.value as Mode)}>
        <option value="imap">{intl.formatMessage({ id: 'devices.add.mode.imap', defaultMessage: 'IMAP — mail stays on the server, every device sees the same' })}</option>
        <option value="pop3">{intl.formatMessage({ id: 'devices.add.mode.pop3', defaultMessage: 'POP3 — download to this device; folders and read states stay here' })}</option>
      </select>
      {needsServer && (
        <>
          <p className="explanation">
            <FormattedMessage
              id="devices.add.needsServer"
              defaultMessage="This account has no {mode} server yet: give its address. The login is checked before the device is added."
              values={{ mode: modeName(mode) }}
            />
          </p>
          <EndpointFields legend={intl.formatMessage({ id: 'devices.add.incomingLegend', defaultMessage: 'Incoming mail ({mode})' }, { mode: modeName(mode) })} idPrefix={`${id}-incoming`} service={mode} value={incoming} onChange={setIncoming} />
          <NewServerPasswordFields idPrefix={`${id}-incoming`} endpoint={incoming} value={consent} onChange={setConsent} signsInWithProvider={account.auth?.kind === 'oauth2'} />
          {secretStorageNote && (
            <p className="explanation" role="note">
              {secretStorageNote}
            </p>
          )}
        </>
      )}
      {mode === 'pop3' && <PopSettingsFields idPrefix={`${id}-pop`} value={pop} onChange={setPop} />}
      <ErrorText error={add.error} onDismiss={() => add.clearError()} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={add.pending}>
          {add.pending ? (
            <FormattedMessage id="devices.add.adding" defaultMessage="Adding…" />
          ) : (
            <FormattedMessage id="devices.add.submit" defaultMessage="Add device" />
          )}
        </button>
      </div>
    </form>
  );
}
