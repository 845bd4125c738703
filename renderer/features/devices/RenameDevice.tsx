import { useState, type FormEvent } from 'react';
import type { DeviceRef } from '../../../common/contract';
import { ErrorText } from '../../ui/ErrorText';
import { useCommand } from '../../app/use-command';

/** A new name for a device; names are unique within the account. */
export function RenameDevice({ device, currentName, onDone }: { device: DeviceRef; currentName: string; onDone: () => void }) {
  const [name, setName] = useState(currentName);
  const rename = useCommand('device:rename');
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if ((await rename.run({ ...device, name: name.trim() })) !== null) onDone();
  };
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label={`Rename ${currentName}`}>
      <input aria-label="New device name" required maxLength={60} autoFocus value={name} onChange={(e) => setName(e.target.value)} />
      <button type="button" onClick={onDone} disabled={rename.pending}>
        Cancel
      </button>
      <button type="submit" className="primary" disabled={rename.pending}>
        Save name
      </button>
      <ErrorText error={rename.error} />
    </form>
  );
}
