import { useIntl } from 'react-intl';
import type { Mode } from '../../common/model/account';
import { modeName } from '../app/format';

/** The device's mode, as a small tag beside its name. */
export function ModeBadge({ mode }: { mode: Mode }) {
  const intl = useIntl();
  const title =
    mode === 'imap'
      ? intl.formatMessage({ id: 'ui.modeBadge.imap', defaultMessage: 'IMAP: the server keeps mail, folders and read states' })
      : intl.formatMessage({ id: 'ui.modeBadge.pop3', defaultMessage: 'POP3: mail is downloaded to this device' });
  return (
    <span className={`mode-badge ${mode}`} title={title}>
      {modeName(mode)}
    </span>
  );
}
