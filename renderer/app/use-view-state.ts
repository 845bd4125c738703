import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AccountSummary, DeviceSummary } from '../../common/model/account';
import { loadView, saveView } from './view-memory';

/** Where the three panes are: an account's device, a folder of it, a message in it. */
export interface Selection {
  accountId: string;
  deviceId: string;
  /** Null until the user picks one: the device's inbox. */
  folderId: string | null;
  messageId: string | null;
}

/** The device an account shows until the user picks another: the one chosen before, else its first. */
export function deviceOf(account: AccountSummary, chosenIds: Readonly<Record<string, string>>): DeviceSummary {
  return account.devices.find((d) => d.id === chosenIds[account.id]) ?? account.devices[0]!;
}

/**
 * What this window shows: the layout, its panels, and the selection, each account's chosen
 * device; remembered across a reload (view-memory.ts), the message excepted.
 */
export function useViewState(accounts: readonly AccountSummary[] | null) {
  // What this window showed before a reload; read once.
  const [remembered] = useState(loadView);
  const [chosen, setChosen] = useState<Selection | null>(() => (remembered.place ? { ...remembered.place, messageId: null } : null));
  const [chosenDevices, setChosenDevices] = useState<Readonly<Record<string, string>>>(remembered.chosenDevices);
  const [layout, setLayout] = useState(remembered.layout);
  const [serverPanelOpen, setServerPanelOpen] = useState(remembered.serverPanelOpen);
  const [guideOpen, setGuideOpen] = useState(remembered.guideOpen);

  // Until the user chooses, and after their account or device is removed: the first account's inbox.
  const selection = useMemo((): Selection | null => {
    if (!accounts || accounts.length === 0) return null;
    const chosenAccount = chosen ? accounts.find((a) => a.id === chosen.accountId) : undefined;
    if (chosen && chosenAccount?.devices.some((d) => d.id === chosen.deviceId)) return chosen;
    const target = chosenAccount ?? accounts[0]!;
    return { accountId: target.id, deviceId: deviceOf(target, chosenDevices).id, folderId: null, messageId: null };
  }, [accounts, chosen, chosenDevices]);

  const place = selection ? { accountId: selection.accountId, deviceId: selection.deviceId, folderId: selection.folderId } : null;
  const placeKey = JSON.stringify(place);
  useEffect(() => {
    saveView({ layout, serverPanelOpen, guideOpen, chosenDevices: { ...chosenDevices }, place: JSON.parse(placeKey) as typeof place });
  }, [layout, serverPanelOpen, guideOpen, chosenDevices, placeKey]);

  const selectMessageId = useCallback(
    (messageId: string | null) => {
      if (selection) setChosen({ ...selection, messageId });
    },
    [selection],
  );

  return {
    selection,
    layout,
    setLayout,
    serverPanelOpen,
    setServerPanelOpen,
    guideOpen,
    setGuideOpen,
    /** The device an account shows now. */
    deviceOf: (account: AccountSummary): DeviceSummary => deviceOf(account, chosenDevices),
    /** An account's device, at its inbox, chosen from now on. */
    chooseDevice: (accountId: string, deviceId: string): void => {
      setChosenDevices((ids) => ({ ...ids, [accountId]: deviceId }));
      setChosen({ accountId, deviceId, folderId: null, messageId: null });
    },
    /** An account, with the device it shows, at its inbox. */
    chooseAccount: (account: AccountSummary): void => setChosen({ accountId: account.id, deviceId: deviceOf(account, chosenDevices).id, folderId: null, messageId: null }),
    chooseFolder: (accountId: string, deviceId: string, folderId: string): void => setChosen({ accountId, deviceId, folderId, messageId: null }),
    selectMessageId,
  };
}
