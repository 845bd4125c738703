import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { DeviceRef } from '../../../common/contract';
import { ErrorText } from '../../ui/ErrorText';
import { useCommand } from '../../app/use-command';

/** A new name for a device; names are unique within the account. */
export function RenameDevice({ device, currentName, onDone }: { device: DeviceRef; currentName: string; onDone: () => void }) {
  const intl = useIntl();
  const [name, setName] = useState(currentName);
  const rename = useCommand('device:rename');
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if ((await rename.run({ ...device, name: name.trim() })) !== null) onDone();
  };
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label={intl.formatMessage({ id: 'devices.rename.label', defaultMessage: 'Rename {device}' }, { device: currentName })}>
      <input aria-label={intl.formatMessage({ id: 'devices.rename.newName', defaultMessage: 'New device name' })} required maxLength={60} autoFocus value={name} onChange={(e) => setName(e.target.value)} />
      <button type="button" onClick={onDone} disabled={rename.pending}>
        <FormattedMessage id="devices.common.cancel" defaultMessage="Cancel" />
      </button>
      <button type="submit" className="primary" disabled={rename.pending}>
        <FormattedMessage id="devices.rename.save" defaultMessage="Save name" />
      </button>
      <ErrorText error={rename.error} />
    </form>
  );
}
