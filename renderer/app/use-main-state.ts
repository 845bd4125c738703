import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { AppInfo, DeviceStatus, Events, SyncProgress } from '../../common/contract';
import type { ShownNotice } from '../features/status/notice-words';
import type { AccountSummary } from '../../common/model/account';
import { getApi } from '../bridge/api';
import { closeDbsExcept } from '../cache/read-db';
import { deviceKey } from './device-key';

const MAX_NOTICES = 5;

/**
 * What main tells this window, kept live: the app's info, the accounts, each device's status and
 * sync progress, and the latest notices. `onComposeRequest` is a mailto: link main passes on.
 */
export function useMainState(onComposeRequest: (fields: Events['compose:request']) => void) {
  const api = getApi();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [accounts, setAccounts] = useState<AccountSummary[] | null>(null);
  const [statuses, setStatuses] = useState<Record<string, DeviceStatus>>({});
  const [progress, setProgress] = useState<Record<string, SyncProgress>>({});
  const [notices, setNotices] = useState<ShownNotice[]>([]);

  const addNotice = useCallback((notice: ShownNotice) => setNotices((list) => [notice, ...list].slice(0, MAX_NOTICES)), []);
  const reportFailure = useCallback(
    (text: string) => addNotice({ id: crypto.randomUUID(), level: 'error', where: 'action', accountId: null, deviceId: null, words: { kind: 'worded', text }, code: null, at: Date.now() }),
    [addNotice],
  );
  const composeRequest = useRef(onComposeRequest);
  useLayoutEffect(() => {
    composeRequest.current = onComposeRequest;
  });

  useEffect(() => {
    void api.commands['app:info'](null).then((r) => r.ok && setInfo(r.value));
    void api.commands['accounts:list'](null).then((r) => r.ok && setAccounts(r.value));
    // A window opened (or reloaded) after the devices started has seen none of their events.
    void api.commands['device:statuses'](null).then((r) => r.ok && setStatuses((all) => ({ ...Object.fromEntries(r.value.map((s) => [deviceKey(s), s])), ...all })));
    const offs = [
      api.on('accounts:changed', setAccounts),
      api.on('device:status', (s) => setStatuses((all) => ({ ...all, [deviceKey(s)]: s }))),
      api.on('sync:progress', (p) => setProgress((all) => ({ ...all, [deviceKey(p)]: p }))),
      api.on('notice', addNotice),
      api.on('compose:request', (fields) => composeRequest.current(fields)),
    ];
    return () => offs.forEach((off) => off());
  }, [api, addNotice]);

  // A removed device's cache is deleted by main: stop reading it, so it is not created again.
  useEffect(() => {
    if (accounts) closeDbsExcept(new Set(accounts.flatMap((a) => a.devices.map((d) => d.dbName))));
  }, [accounts]);

  /** An account main just returned (sandbox): shown at once, before its accounts:changed event arrives. */
  const showAccount = useCallback((opened: AccountSummary): void => {
    setAccounts((list) => (list?.some((a) => a.id === opened.id) ? list.map((a) => (a.id === opened.id ? opened : a)) : [...(list ?? []), opened]));
  }, []);
  const dismissNotice = useCallback((id: string) => setNotices((list) => list.filter((n) => n.id !== id)), []);

  return { info, accounts, statuses, progress, notices, reportFailure, showAccount, dismissNotice };
}
