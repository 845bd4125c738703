import { useEffect, useRef } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { CLOSE_SIGN } from '../../ui/icons';
import { noticeText, type ShownNotice } from './notice-words';

/** How long an info or warning notice stays up by itself; errors stay until closed. */
export const NOTICE_LIFETIME_MS = 20_000;

/** An account as a notice names it. */
export interface NoticeAccount {
  id: string;
  name: string;
}

/** How long this notice stays up by itself: info and warnings go after a while, errors stay until closed. */
export function selfDismissAfter(notice: Pick<ShownNotice, 'level'>): number | null {
  return notice.level === 'error' ? null : NOTICE_LIFETIME_MS;
}

function NoticeItem({ notice, accounts, onDismiss }: { notice: ShownNotice; accounts: readonly NoticeAccount[]; onDismiss: (id: string) => void }) {
  const intl = useIntl();
  const dismiss = useRef(onDismiss);
  useEffect(() => {
    dismiss.current = onDismiss;
  });
  useEffect(() => {
    const after = selfDismissAfter(notice);
    if (after === null) return undefined;
    const timer = setTimeout(() => dismiss.current(notice.id), after);
    return () => clearTimeout(timer);
  }, [notice]);
  // Led by the account it is about: "ana@example.com: The server sent a response … (FETCH of UID 5 in INBOX)".
  const account = notice.accountId ? accounts.find((a) => a.id === notice.accountId) : undefined;
  const text = noticeText(notice.words, intl);
  return (
    <div className={`notice ${notice.level}`} role={notice.level === 'error' ? 'alert' : 'status'}>
      <span className="notice-text">
        {account
          ? <FormattedMessage id="status.notice.ofAccount" defaultMessage="{account}: {text}" values={{ account: <bdi className="notice-account">{account.name}</bdi>, text }} />
          : text}
      </span>
      <button
        type="button"
        className="link-button notice-close"
        onClick={() => onDismiss(notice.id)}
        aria-label={intl.formatMessage({ id: 'status.notice.dismiss', defaultMessage: 'Dismiss notification' })}
        title={intl.formatMessage({ id: 'common.close', defaultMessage: 'Close' })}
      >
        {CLOSE_SIGN}
      </button>
    </div>
  );
}

/**
 * Notices from background work (sync, replay), the newest first, each naming its account and
 * each with a close button. Info and warnings close themselves after 20 s; errors stay until
 * closed. They sit in the reading pane's corner, above the status bar, never over the list.
 */
export function Notices({ notices, accounts = [], onDismiss }: { notices: ShownNotice[]; accounts?: readonly NoticeAccount[]; onDismiss: (id: string) => void }) {
  const intl = useIntl();
  if (notices.length === 0) return null;
  return (
    <section className="notices" aria-label={intl.formatMessage({ id: 'status.notices.label', defaultMessage: 'Notifications' })}>
      {notices.map((notice) => (
        <NoticeItem key={notice.id} notice={notice} accounts={accounts} onDismiss={onDismiss} />
      ))}
    </section>
  );
}
