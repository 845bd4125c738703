import { useEffect, useState } from 'react';
import { defineMessages, useIntl, type IntlShape } from 'react-intl';
import type { SecretStorageNote } from '../../common/contract';
import { getApi } from '../bridge/api';
import { intl as currentIntl } from '../i18n/intl';

const NOTES = defineMessages({
  harnessFile: {
    id: 'setup.secretStorage.harnessFile',
    defaultMessage: 'Passwords are stored in a file readable only by your user account (web harness), not in the system keychain.',
  },
  fixedKey: {
    id: 'setup.secretStorage.fixedKey',
    defaultMessage: 'No system keyring (GNOME Keyring or KWallet) was found: passwords are encrypted with a fixed key and are only as safe as your user account.',
  },
});

/** Main's note on where passwords are kept (`app:info`), in the language shown. */
export function secretStorageText(note: SecretStorageNote, intl: IntlShape = currentIntl()): string {
  return intl.formatMessage(NOTES[note]);
}

/**
 * How passwords are kept, when it is weaker than the system keyring (the web harness's password
 * file): said once, beside the fields where a password is typed, rather than on every screen.
 */
export function useSecretStorageWarning(): string | null {
  const intl = useIntl();
  const [note, setNote] = useState<SecretStorageNote | null>(null);
  useEffect(() => {
    let live = true;
    void getApi()
      .commands['app:info'](null)
      .then((r) => live && r.ok && setNote(r.value.secretStorageWarning));
    return () => {
      live = false;
    };
  }, []);
  return note ? secretStorageText(note, intl) : null;
}
