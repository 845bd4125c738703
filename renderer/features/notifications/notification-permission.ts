import { useCallback, useEffect, useState } from 'react';

/** Whether this page may show desktop notifications; `unsupported`: the browser has no Notification API. */
export type NotificationPermissionState = NotificationPermission | 'unsupported';

function currentPermission(): NotificationPermissionState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/**
 * The browser's notification permission, kept current (the user may change it in the site's
 * settings), and `ask`, for a button the user pressed: browsers ignore or penalise a prompt that
 * no gesture started, so Porthole never asks at load.
 */
export function useNotificationPermission(): { permission: NotificationPermissionState; ask: () => Promise<void> } {
  const [permission, setPermission] = useState(currentPermission);
  useEffect(() => {
    if (typeof navigator.permissions?.query !== 'function') return;
    let status: PermissionStatus | null = null;
    const update = (): void => setPermission(currentPermission());
    void navigator.permissions
      .query({ name: 'notifications' })
      .then((s) => {
        status = s;
        s.addEventListener('change', update);
      })
      .catch(() => undefined);
    return () => status?.removeEventListener('change', update);
  }, []);
  const ask = useCallback(async () => {
    if (typeof Notification === 'undefined') return;
    setPermission(await Notification.requestPermission());
  }, []);
  return { permission, ask };
}
