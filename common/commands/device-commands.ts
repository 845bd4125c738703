import * as z from 'zod/mini';
import type { AccountSummary } from '../model/account';
import type { DeviceStatus } from '../model/device-status';
import { declareCommands, returns } from './declare';
import { deviceName, deviceRef, endpoint, id, mode, newServerConsent, popSettings } from './schemas';

/** The devices of an account: each its own cache, connections and mode, as on another computer. */
export const DEVICE_COMMANDS = declareCommands({
  /** The latest status of every running device (a window that just opened has seen no events). */
  'device:statuses': { params: z.null(), result: returns<DeviceStatus[]>() },
  /**
   * Opens the account as one more device, with its own cache, connections and mode. `incoming` is
   * needed when the account has no server of that mode yet (its login is checked first, with the
   * password typed for it: see NewServerConsent; without one, HOST_NOT_CONFIRMED).
   */
  'device:add': {
    params: z.object({ accountId: id, name: deviceName, mode, pop: z.nullable(popSettings), incoming: z.nullable(endpoint), ...newServerConsent }),
    result: returns<AccountSummary>(),
  },
  'device:rename': { params: z.object({ ...deviceRef, name: deviceName }), result: returns<AccountSummary>() },
  /** Deletes the device's cache on this computer; mail on the server is never touched. */
  'device:remove': { params: z.object(deviceRef), result: returns<AccountSummary>() },
  /** Changes a POP device's retention and checking; refused if the server cannot support it. */
  'device:configure': { params: z.object({ ...deviceRef, pop: popSettings }), result: returns<AccountSummary>() },
});
