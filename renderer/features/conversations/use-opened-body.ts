import { useEffect, useState } from 'react';
import type { DeviceRef } from '../../../common/contract';
import { invoke } from '../../app/use-command';
import { useBody } from '../../cache/hooks';
import { intl } from '../../i18n/intl';
import { errorText } from '../../i18n/error-words';

/** The device whose cache is `dbName`, from main's account list (asked once per database). */
const devices = new Map<string, Promise<DeviceRef | null>>();

export function deviceOf(dbName: string): Promise<DeviceRef | null> {
  let found = devices.get(dbName);
  if (!found) {
    found = invoke('accounts:list', null).then((r) => {
      if (!r.ok) return null;
      for (const account of r.value) for (const device of account.devices) if (device.dbName === dbName) return { accountId: account.id, deviceId: device.id };
      return null;
    });
    // A failed lookup is asked again next time, not remembered.
    void found.then((device) => device ?? devices.delete(dbName));
    devices.set(dbName, found);
  }
  return found;
}

/** Fetches a message's body into the cache without marking it read; the error's words, or null once it is there. */
export async function fetchBodyQuietly(dbName: string, messageId: string): Promise<string | null> {
  const device = await deviceOf(dbName);
  if (!device) return intl().formatMessage({ id: 'conversations.deviceGone', defaultMessage: 'its device is gone.' });
  const result = await invoke('message:open', { ...device, messageId, markSeen: false });
  return result.ok ? null : errorText(result.error);
}

/**
 * Asks main for the body of a message opened inside a conversation (not the selected one, whose
 * body the app fetches): `message:open` without marking it read, once its body is not cached.
 * Returns the error to show in its place when main could not fetch it.
 */
export function useOpenedBody(dbName: string, messageId: string): string | null {
  const body = useBody(dbName, messageId);
  const [error, setError] = useState<{ messageId: string; text: string } | null>(null);
  const missing = body === null;
  useEffect(() => {
    if (!missing) return undefined;
    let current = true;
    void deviceOf(dbName).then(async (device) => {
      if (!device) return current && setError({ messageId, text: intl().formatMessage({ id: 'conversations.openDeviceGone', defaultMessage: 'This message could not be opened: its device is gone.' }) });
      const result = await invoke('message:open', { ...device, messageId, markSeen: false });
      if (!result.ok && current) setError({ messageId, text: errorText(result.error) });
    });
    return () => {
      current = false;
    };
  }, [dbName, messageId, missing]);
  return error?.messageId === messageId ? error.text : null;
}
