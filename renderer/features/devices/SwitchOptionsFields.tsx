import { FormattedMessage } from 'react-intl';
import type { SwitchOptions, SwitchPreview } from '../../../common/model/switch';
import { SwitchStateList } from './SwitchStateList';

/**
 * The choices of a switch: upload, and which read/flag states go to the server (to IMAP; none
 * unless chosen), or which server folders to copy down (to POP).
 */
export function SwitchOptionsFields({ preview, value, onChange }: { preview: SwitchPreview; value: SwitchOptions; onChange: (value: SwitchOptions) => void }) {
  if (preview.to === 'imap') {
    return (
      <fieldset className="switch-options">
        <legend>
          <FormattedMessage id="devices.switchOptions.legend" defaultMessage="Options" />
        </legend>
        <label className="checkbox">
          <input type="checkbox" checked={value.upload} onChange={(e) => onChange({ ...value, upload: e.target.checked })} />
          <FormattedMessage
            id="devices.switchOptions.upload"
            defaultMessage="Upload the messages and folders only this device has (local folders, local Sent) to the server with APPEND; otherwise they stay local"
          />
        </label>
        {preview.stateChanges.length > 0 && (
          <>
            <label className="checkbox">
              <input type="checkbox" checked={value.pushStates} onChange={(e) => onChange({ ...value, pushStates: e.target.checked })} />
              <FormattedMessage
                id="devices.switchOptions.pushStates"
                defaultMessage="Also mark on the server what was read, flagged or answered here (this never clears what another device marked)"
              />
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
      <legend>
        <FormattedMessage id="devices.switchOptions.copyLegend" defaultMessage="Server folders to copy down as local folders" />
      </legend>
      {preview.serverFolders.length === 0 && (
        <p className="muted">
          <FormattedMessage id="devices.switchOptions.noFolders" defaultMessage="The server has no folders besides INBOX." />
        </p>
      )}
      {preview.serverFolders.map((f) => (
        <label key={f.path} className="checkbox">
          <input type="checkbox" checked={value.copyFolders.includes(f.path)} onChange={(e) => toggle(f.path, e.target.checked)} />
          <FormattedMessage
            id="devices.switchOptions.copyFolder"
            defaultMessage="Copy {folder} ({count, plural, one {# message} other {# messages}})"
            values={{ folder: f.path, count: f.messages }}
          />
        </label>
      ))}
    </fieldset>
  );
}
