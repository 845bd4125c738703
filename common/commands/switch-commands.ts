import * as z from 'zod/mini';
import type { SwitchPreview, SwitchResult } from '../model/switch';
import { declareCommands, returns } from './declare';
import { deviceRef, endpoint, folderPath, id, mode, newServerConsent } from './schemas';

/** Switching a device between POP and IMAP in place (main/core/switch-handlers.ts). */
export const SWITCH_COMMANDS = declareCommands({
  /** What switching the device to `to` would do, in numbers; changes nothing. */
  'device:switchPreview': { params: z.object({ ...deviceRef, to: mode, incoming: z.nullable(endpoint), ...newServerConsent }), result: returns<SwitchPreview>() },
  /** Switches the device's mode in place (POP ↔ IMAP) without losing or duplicating mail. */
  'device:switchMode': {
    params: z.object({
      ...deviceRef,
      to: mode,
      incoming: z.nullable(endpoint),
      ...newServerConsent,
      options: z.object({
        upload: z.boolean(),
        pushStates: z.boolean(),
        pushMessages: z.optional(z.array(id).check(z.maxLength(1_000_000))),
        copyFolders: z.array(folderPath).check(z.maxLength(1_000)),
      }),
    }),
    result: returns<SwitchResult>(),
  },
  /** Stops the device's running switch preview or switch; false when none runs or it is already changing the server. */
  'device:switchCancel': { params: z.object(deviceRef), result: returns<boolean>() },
});
