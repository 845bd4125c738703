import { useEffect, useMemo, useState } from 'react';
import type { ConnectionState } from '../../../common/model/device-status';
import type { AccountSummary } from '../../../common/model/account';
import { getApi } from '../../bridge/api';

/** A device a search can look in: which account, how it reads mail, its cache, whether it is online. */
export interface SearchDevice {
  accountId: string;
  deviceId: string;
  address: string;
  mode: 'imap' | 'pop3';
  dbName: string;
  connection: ConnectionState | null;
}

/**
 * Every device of every account, with its connection, as main says: the search needs the shown
 * device's account (to ask its server) and the other accounts' caches ("All accounts"), while the
 * App passes it only the shown cache. (If the App passes them one day, this goes.)
 */
export function useSearchDevices(): SearchDevice[] {
  const [accounts, setAccounts] = useState<AccountSummary[]>([]);
  const [connections, setConnections] = useState<Record<string, ConnectionState>>({});
  useEffect(() => {
    const api = getApi();
    let live = true;
    const keyOf = (s: { accountId: string; deviceId: string }): string => `${s.accountId}/${s.deviceId}`;
    void api.commands['accounts:list'](null).then((r) => live && r.ok && setAccounts(r.value));
    void api.commands['device:statuses'](null).then((r) => live && r.ok && setConnections((all) => ({ ...Object.fromEntries(r.value.map((s) => [keyOf(s), s.connection])), ...all })));
    const offs = [api.on('accounts:changed', setAccounts), api.on('device:status', (s) => setConnections((all) => ({ ...all, [keyOf(s)]: s.connection })))];
    return () => {
      live = false;
      offs.forEach((off) => off());
    };
  }, []);
  return useMemo(
    () => accounts.flatMap((a) => a.devices.map((d) => ({ accountId: a.id, deviceId: d.id, address: a.address, mode: d.mode, dbName: d.dbName, connection: connections[`${a.id}/${d.id}`] ?? null }))),
    [accounts, connections],
  );
}
