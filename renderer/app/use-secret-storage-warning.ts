import { useEffect, useState } from 'react';
import { getApi } from '../bridge/api';

/**
 * How passwords are kept, when it is weaker than the system keyring (the web harness's password
 * file): said once, beside the fields where a password is typed, rather than on every screen.
 */
export function useSecretStorageWarning(): string | null {
  const [warning, setWarning] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void getApi()
      .commands['app:info'](null)
      .then((r) => live && r.ok && setWarning(r.value.secretStorageWarning));
    return () => {
      live = false;
    };
  }, []);
  return warning;
}
