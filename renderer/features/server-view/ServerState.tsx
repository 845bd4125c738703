import { FormattedMessage } from 'react-intl';
import type { AccountSummary, DeviceSummary } from '../../../common/model/account';
import type { ServerView } from '../../../common/model/server-view';
import { modeName } from '../../app/format';
import { ImapServerState } from './ImapServerState';
import { PopServerState } from './PopServerState';

interface ServerStateProps {
  account: AccountSummary;
  device: DeviceSummary;
  view: ServerView;
  refreshing: boolean;
  onRefresh: () => void;
}

/** The server's side, by what the observer reported: an IMAP folder, the POP maildrop, or why it could not look. */
export function ServerState({ account, device, view, refreshing, onRefresh }: ServerStateProps) {
  switch (view.kind) {
    case 'imap':
      return <ImapServerState view={view} />;
    case 'pop3':
      return <PopServerState account={account} device={device} view={view} refreshing={refreshing} onRefresh={onRefresh} />;
    case 'error':
      return (
        <div className="server-state">
          <p className="error-text" role="alert">
            <FormattedMessage
              id="serverView.error.couldNotLook"
              defaultMessage="The server panel could not look at the {protocol} server: {reason}"
              values={{ protocol: modeName(view.mode), reason: view.message }}
            />
          </p>
          <button type="button" onClick={onRefresh} disabled={refreshing}>
            <FormattedMessage id="serverView.error.tryAgain" defaultMessage="Try again" />
          </button>
        </div>
      );
    default: {
      const unknownView: never = view;
      return <p>{String(unknownView)}</p>;
    }
  }
}
