import { defineMessages, type IntlShape, type MessageDescriptor } from 'react-intl';
import type { DeviceStatus } from '../../../common/contract';
import { AFTER_CONNECTED_MESSAGES, ERROR_MESSAGES, type ErrorCode } from '../../../common/errors';
import { errorText } from '../../i18n/error-words';
import { intl as currentIntl } from '../../i18n/intl';

/**
 * The fixed words main gives a device's state (main/sync/imap/connection-supervisor.ts,
 * main/sync/pop3/pop3-backend.ts), said in the language shown; any other detail (a server's
 * answer, a count) is shown as main wrote it.
 */
const FIXED_DETAILS: ReadonlyMap<string, MessageDescriptor> = new Map(
  Object.entries(
    defineMessages({
      Connected: { id: 'status.detail.connected', defaultMessage: 'Connected' },
      'Connecting…': { id: 'status.detail.connecting', defaultMessage: 'Connecting…' },
      'Not connected': { id: 'status.detail.notConnected', defaultMessage: 'Not connected' },
      Stopped: { id: 'status.detail.stopped', defaultMessage: 'Stopped' },
      'Connection lost; reconnecting…': { id: 'status.detail.reconnecting', defaultMessage: 'Connection lost; reconnecting…' },
      'Checking mail…': { id: 'status.detail.checkingMail', defaultMessage: 'Checking mail…' },
    }),
  ),
);

function detailWords(detail: string, intl: IntlShape): string {
  const fixed = FIXED_DETAILS.get(detail);
  if (fixed) return intl.formatMessage(fixed);
  const code = (Object.keys(ERROR_MESSAGES) as ErrorCode[]).find((c) => ERROR_MESSAGES[c] === detail || AFTER_CONNECTED_MESSAGES[c] === detail);
  return code ? errorText({ code, message: detail }, intl) : detail;
}

const LABELS: Record<DeviceStatus['connection'], MessageDescriptor> = defineMessages({
  online: { id: 'status.connection.online', defaultMessage: 'Online' },
  connecting: { id: 'status.connection.connecting', defaultMessage: 'Connecting' },
  offline: { id: 'status.connection.offline', defaultMessage: 'Offline' },
  error: { id: 'status.connection.error', defaultMessage: 'Problem' },
});

/**
 * The status line of a device: its state and main's detail, except that a device which had
 * already worked in this run (it synced or checked at least once) is not told to check its port
 * when the server goes away: the hint is replaced by what happened.
 */
/** `intl`: a component's own (useIntl), so the line follows a change of language. */
export function connectionWords(status: Pick<DeviceStatus, 'connection' | 'detail' | 'lastSyncAt'>, intl: IntlShape = currentIntl()): string {
  // The detail is main's, in English: its fixed words and general error words are said in the language shown.
  let detail = status.detail;
  if (status.lastSyncAt !== null) {
    for (const [code, text] of Object.entries(AFTER_CONNECTED_MESSAGES) as Array<[ErrorCode, string]>) detail = detail.replace(ERROR_MESSAGES[code], text);
  }
  return intl.formatMessage({ id: 'status.connection.line', defaultMessage: '{state} — {detail}' }, { state: intl.formatMessage(LABELS[status.connection]), detail: detailWords(detail, intl) });
}
