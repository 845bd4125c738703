import { defineMessages, type IntlShape, type MessageDescriptor } from 'react-intl';
import type { BrokenFetch, DeviceStatus, ErrorWords, StatusDetail, StatusRetry } from '../../../common/contract';
import { AFTER_CONNECTED_MESSAGES, ERROR_MESSAGES } from '../../../common/errors';
import { errorText } from '../../i18n/error-words';
import { intl as currentIntl } from '../../i18n/intl';

/** The details main sends without values (main/sync/imap/connection-supervisor.ts, main/sync/pop3/pop3-backend.ts). */
const FIXED: Record<Extract<StatusDetail['kind'], 'notConnected' | 'notChecked' | 'connecting' | 'connected' | 'stopped' | 'reconnecting' | 'checkingMail' | 'mailboxBusy'>, MessageDescriptor> = defineMessages({
  connected: { id: 'status.detail.connected', defaultMessage: 'Connected' },
  connecting: { id: 'status.detail.connecting', defaultMessage: 'Connecting…' },
  notConnected: { id: 'status.detail.notConnected', defaultMessage: 'Not connected' },
  notChecked: { id: 'status.detail.notChecked', defaultMessage: 'Not checked yet' },
  stopped: { id: 'status.detail.stopped', defaultMessage: 'Stopped' },
  reconnecting: { id: 'status.detail.reconnecting', defaultMessage: 'Connection lost; reconnecting…' },
  checkingMail: { id: 'status.detail.checkingMail', defaultMessage: 'Checking mail…' },
  mailboxBusy: { id: 'status.detail.mailboxBusy', defaultMessage: 'The mailbox is busy (another program is checking it, or an old session has not ended).' },
});

const RETRY: Record<StatusRetry['words'], MessageDescriptor> = defineMessages({
  retrying: { id: 'status.detail.retrying', defaultMessage: 'Retrying in {seconds} s.' },
  tryingAgain: { id: 'status.detail.tryingAgain', defaultMessage: 'Trying again in {seconds} s.' },
});

/**
 * An error on the status line: once the device had worked in this run (`lastSyncAt`), a refused or
 * unanswered connection says what happened rather than the port or host hint.
 */
function statusError(error: ErrorWords, lastSyncAt: number | null, intl: IntlShape): string {
  const afterConnected = AFTER_CONNECTED_MESSAGES[error.code];
  const message = lastSyncAt !== null && afterConnected ? error.message.replace(ERROR_MESSAGES[error.code], afterConnected) : error.message;
  return errorText(message === error.message ? error : { code: error.code, message }, intl);
}

/** "FETCH of UID 42" / "FETCH of 50 messages (UID 1 to 100)": which answer broke the connection. */
function fetchWords({ uids, range }: BrokenFetch, intl: IntlShape): string {
  if (uids.length === 0) return intl.formatMessage({ id: 'status.detail.fetchRange', defaultMessage: 'FETCH of UID {range}' }, { range });
  if (uids.length === 1) return intl.formatMessage({ id: 'status.detail.fetchOne', defaultMessage: 'FETCH of UID {uid}' }, { uid: String(uids[0]) });
  return intl.formatMessage(
    { id: 'status.detail.fetchMany', defaultMessage: 'FETCH of {count} messages (UID {low} to {high})' },
    { count: String(uids.length), low: String(Math.min(...uids)), high: String(Math.max(...uids)) },
  );
}

/** "Last checked 05:14 PM; 8 new; 1 could not be stored (see the list); 3 deleted from the server", the time in the locale shown. */
function checkedWords(detail: Extract<StatusDetail, { kind: 'checked' }>, intl: IntlShape): string {
  const parts = [
    intl.formatMessage({ id: 'status.detail.lastChecked', defaultMessage: 'Last checked {time}' }, { time: intl.formatTime(detail.at, { hour: '2-digit', minute: '2-digit' }) }),
    intl.formatMessage(
      { id: 'status.detail.newMessages', defaultMessage: '{count, plural, =0 {nothing new} one {{number} new} other {{number} new}}' },
      { count: detail.downloaded, number: String(detail.downloaded) },
    ),
    detail.failed
      ? intl.formatMessage(
          { id: 'status.detail.notStored', defaultMessage: '{count, plural, one {{number} could not be stored (see the list)} other {{number} could not be stored (see the list)}}' },
          { count: detail.failed, number: String(detail.failed) },
        )
      : null,
    detail.deleted
      ? intl.formatMessage(
          { id: 'status.detail.deletedFromServer', defaultMessage: '{count, plural, one {{number} deleted from the server} other {{number} deleted from the server}}' },
          { count: detail.deleted, number: String(detail.deleted) },
        )
      : null,
  ].filter((part) => part !== null);
  return parts.reduce((earlier, later) => intl.formatMessage({ id: 'status.detail.parts', defaultMessage: '{earlier}; {later}' }, { earlier, later }));
}

/** What main says of a device's state, in the language shown (without the retry). */
function baseWords(detail: StatusDetail, lastSyncAt: number | null, intl: IntlShape): string {
  switch (detail.kind) {
    case 'notConnected':
    case 'notChecked':
    case 'connecting':
    case 'connected':
    case 'stopped':
    case 'reconnecting':
    case 'checkingMail':
    case 'mailboxBusy':
      return intl.formatMessage(FIXED[detail.kind]);
    case 'downloading':
      return intl.formatMessage({ id: 'status.detail.downloading', defaultMessage: 'Downloading {done} of {total}…' }, { done: String(detail.done), total: String(detail.total) });
    case 'checked':
      return checkedWords(detail, intl);
    case 'error':
      return statusError(detail.error, lastSyncAt, intl);
    case 'brokenFetch':
      return intl.formatMessage(
        {
          id: 'status.detail.brokenFetch',
          defaultMessage: '{error} ({fetch}); {outcome, select, unreadable {that message is shown as unreadable.} other {finding the message that causes it.}}',
        },
        { error: statusError(detail.error, lastSyncAt, intl).replace(/\.$/, ''), fetch: fetchWords(detail.fetch, intl), outcome: detail.outcome },
      );
    default: {
      const unknownDetail: never = detail;
      return String(unknownDetail);
    }
  }
}

/** The detail of a device's status line in the language shown: "Last checked 17:14; 8 new", "… Retrying in 8 s." */
export function statusDetailText(detail: StatusDetail, lastSyncAt: number | null, intl: IntlShape = currentIntl()): string {
  const base = baseWords(detail, lastSyncAt, intl);
  if (!detail.retry) return base;
  const retry = intl.formatMessage(RETRY[detail.retry.words], { seconds: String(detail.retry.inSeconds) });
  return intl.formatMessage({ id: 'status.detail.withRetry', defaultMessage: '{detail} {retry}' }, { detail: base, retry });
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
 * `intl`: a component's own (useIntl), so the line follows a change of language.
 */
export function connectionWords(status: Pick<DeviceStatus, 'connection' | 'detail' | 'lastSyncAt'>, intl: IntlShape = currentIntl()): string {
  return intl.formatMessage(
    { id: 'status.connection.line', defaultMessage: '{state} — {detail}' },
    { state: intl.formatMessage(LABELS[status.connection]), detail: statusDetailText(status.detail, status.lastSyncAt, intl) },
  );
}
