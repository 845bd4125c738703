import * as z from 'zod/mini';
import { MAX_WATCHED_FOLDERS, type AccountSummary, type ImapSyncSettings } from '../model/account';
import type { DeviceStatus } from '../model/device-status';
import { declareCommands, returns } from './declare';
import { deviceName, deviceRef, endpoint, folderPath, id, mode, newServerConsent, popSettings } from './schemas';

const bodyKeeping = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('recent-days'), days: z.int().check(z.minimum(1), z.maximum(3_650)) }),
  z.object({ kind: z.literal('headers-only') }),
]);

/** An IMAP device's sync settings (see ImapSyncSettings). */
export const imapSyncSettings = z.object({
  checkEveryMinutes: z.nullable(z.int().check(z.minimum(1), z.maximum(24 * 60))),
  offlineFolders: z.discriminatedUnion('kind', [z.object({ kind: z.literal('all') }), z.object({ kind: z.literal('some'), paths: z.array(folderPath).check(z.maxLength(10_000)) })]),
  bodies: bodyKeeping,
  idleFolders: z.array(folderPath).check(z.maxLength(MAX_WATCHED_FOLDERS)),
});

// The model's interface and this schema describe the same record: a change to one that the
// other does not follow fails the type check here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<z.infer<typeof imapSyncSettings>, ImapSyncSettings> = true;
void sameShape;

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
  /**
   * Changes a POP device's retention and checking (refused if the server cannot support it), or
   * what an IMAP device keeps for offline use and watches; the running device follows at once.
   */
  'device:configure': {
    params: z.union([z.object({ ...deviceRef, pop: popSettings }), z.object({ ...deviceRef, imapSync: imapSyncSettings })]),
    result: returns<AccountSummary>(),
  },
});
