import type { SwitchOptions, SwitchPreview } from '../../../common/model/switch';
import { count } from '../../app/format';
import { SwitchStateList } from './SwitchStateList';

/**
 * The choices of a switch: upload, and which read/flag states go to the server (to IMAP; none
 * unless chosen), or which server folders to copy down (to POP).
 */
export function SwitchOptionsFields({ preview, value, onChange }: { preview: SwitchPreview; value: SwitchOptions; onChange: (value: SwitchOptions) => void }) {
  if (preview.to === 'imap') {
    return (
      <fieldset className="switch-options">
        <legend>Options</legend>
        <label className="checkbox">
          <input type="checkbox" checked={value.upload} onChange={(e) => onChange({ ...value, upload: e.target.checked })} />
          Upload the messages and folders only this device has (local folders, local Sent) to the server with APPEND; otherwise they stay local
        </label>
        {preview.stateChanges.length > 0 && (
          <>
            <label className="checkbox">
              <input type="checkbox" checked={value.pushStates} onChange={(e) => onChange({ ...value, pushStates: e.target.checked })} />
              Also mark on the server what was read, flagged or answered here (this never clears what another device marked)
            </label>
            <SwitchStateList changes={preview.stateChanges} value={value} onChange={onChange} />
          </>
        )}
      </fieldset>
    );
  }
  const toggle = (path: string, on: boolean): void => onChange({ ...value, copyFolders: on ? [...value.copyFolders, path] : value.copyFolders.filter((p) => p !== path) });
  return (
    <fieldset className="switch-options">
      <legend>Server folders to copy down as local folders</legend>
      {preview.serverFolders.length === 0 && <p className="muted">The server has no folders besides INBOX.</p>}
      {preview.serverFolders.map((f) => (
        <label key={f.path} className="checkbox">
          <input type="checkbox" checked={value.copyFolders.includes(f.path)} onChange={(e) => toggle(f.path, e.target.checked)} />
          Copy {f.path} ({count(f.messages, 'message')})
        </label>
      ))}
    </fieldset>
  );
}
