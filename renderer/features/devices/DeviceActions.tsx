import { FormattedMessage, useIntl } from 'react-intl';
import type { FolderRecord, MessageRecord } from '../../../common/model/mail';
import type { MessageAction } from '../../app/message-actions';

interface DeviceActionsProps {
  deviceName: string;
  message: MessageRecord | null;
  folders: FolderRecord[];
  busy: boolean;
  onAction: (action: MessageAction) => void;
  onMove: (folderPath: string) => void;
}

/** What a column can do to its selected message: read/unread, flag, delete, move. */
export function DeviceActions({ deviceName, message, folders, busy, onAction, onMove }: DeviceActionsProps) {
  const intl = useIntl();
  const disabled = !message || busy;
  const targets = message ? folders.filter((f) => !f.noSelect && f.id !== message.folderId) : [];
  return (
    <div className="device-actions" role="toolbar" aria-label={intl.formatMessage({ id: 'devices.actions.label', defaultMessage: 'Message actions on {device}' }, { device: deviceName })}>
      <button type="button" className="small" disabled={disabled} onClick={() => onAction('toggleRead')}>
        {message?.seen ? <FormattedMessage id="devices.actions.markUnread" defaultMessage="Mark unread" /> : <FormattedMessage id="devices.actions.markRead" defaultMessage="Mark read" />}
      </button>
      <button type="button" className="small" disabled={disabled} onClick={() => onAction('toggleFlag')} aria-pressed={message?.flagged === 1}>
        {message?.flagged ? <FormattedMessage id="devices.actions.unflag" defaultMessage="Unflag" /> : <FormattedMessage id="devices.actions.flag" defaultMessage="Flag" />}
      </button>
      <button type="button" className="small" disabled={disabled} onClick={() => onAction('delete')}>
        <FormattedMessage id="devices.actions.delete" defaultMessage="Delete" />
      </button>
      <select aria-label={intl.formatMessage({ id: 'devices.actions.moveLabel', defaultMessage: 'Move to folder' })} value="" disabled={disabled} onChange={(e) => e.target.value && onMove(e.target.value)}>
        <option value="">{intl.formatMessage({ id: 'devices.actions.moveTo', defaultMessage: 'Move to…' })}</option>
        {targets.map((f) => (
          <option key={f.id} value={f.path}>
            {f.path}
          </option>
        ))}
      </select>
    </div>
  );
}
