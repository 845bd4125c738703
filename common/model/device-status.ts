import type { StatusDetail } from './main-words';

/** Which device of which account a command or event is about. */
export interface DeviceRef {
  accountId: string;
  deviceId: string;
}

export type ConnectionState = 'offline' | 'connecting' | 'online' | 'error';

export interface DeviceStatus extends DeviceRef {
  connection: ConnectionState;
  /** What the status bar says beside the state, as a code with its values (the UI words it). */
  detail: StatusDetail;
  pendingChanges: number;
  lastSyncAt: number | null;
}
