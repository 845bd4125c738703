import type { Mode } from '../../common/model/account';
import { modeName } from '../app/format';

/** The device's mode, as a small tag beside its name. */
export function ModeBadge({ mode }: { mode: Mode }) {
  return (
    <span className={`mode-badge ${mode}`} title={mode === 'imap' ? 'IMAP: the server keeps mail, folders and read states' : 'POP3: mail is downloaded to this device'}>
      {modeName(mode)}
    </span>
  );
}
