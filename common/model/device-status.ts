/** Which device of which account a command or event is about. */
export interface DeviceRef {
  accountId: string;
  deviceId: string;
}

export type ConnectionState = 'offline' | 'connecting' | 'online' | 'error';

export interface DeviceStatus extends DeviceRef {
  connection: ConnectionState;
  /** Plain words for the status bar, e.g. "Waiting to reconnect in 8 s". */
  detail: string;
  pendingChanges: number;
  lastSyncAt: number | null;
}
