import * as z from 'zod/mini';
import { declareCommands, returns } from './declare';
import { deviceRef, flags, folderName, folderPath, id, messageIds, outgoingMessage, type outgoingAttachment } from './schemas';

export type OutgoingAttachment = z.infer<typeof outgoingAttachment>;
export type OutgoingMessage = z.infer<typeof outgoingMessage>;

export interface PopDryRunEntry {
  number: number;
  uidl: string | null;
  size: number;
}

/** What the next POP check would do, computed without changing anything. */
export interface PopDryRun {
  download: PopDryRunEntry[];
  headersOnly: PopDryRunEntry[];
  deletions: PopDryRunEntry[];
  alreadyHere: number;
  serverHasUidl: boolean;
}

/** A device's mail: syncing, folders, messages, sending; each runs in the device's engine. */
export const MAIL_COMMANDS = declareCommands({
  'device:sync': { params: z.object(deviceRef), result: returns<null>() },
  'folder:select': { params: z.object({ ...deviceRef, folderPath }), result: returns<null>() },
  'folder:create': { params: z.object({ ...deviceRef, parentPath: z.nullable(folderPath), name: folderName }), result: returns<null>() },
  'folder:rename': { params: z.object({ ...deviceRef, path: folderPath, newName: folderName }), result: returns<null>() },
  'folder:delete': { params: z.object({ ...deviceRef, path: folderPath }), result: returns<null>() },
  /**
   * Fetches and caches the body if needed, and marks the message read. `markSeen` false opens
   * without marking read (the user's "mark read" setting, or a message selected for them).
   */
  'message:open': { params: z.object({ ...deviceRef, messageId: id, markSeen: z.optional(z.boolean()) }), result: returns<null>() },
  /**
   * A message too large to show (POP, its source kept in pieces): reads its text and attachments
   * from those pieces into the cache, with `message:partsProgress` events on the way.
   */
  'message:extractParts': { params: z.object({ ...deviceRef, messageId: id }), result: returns<null>() },
  'messages:flag': { params: z.object({ ...deviceRef, messageIds, add: flags, remove: flags }), result: returns<null>() },
  'messages:move': { params: z.object({ ...deviceRef, messageIds, toPath: folderPath }), result: returns<null>() },
  /** Moves to Trash; in Trash (or without one), deletes for good. */
  'messages:delete': { params: z.object({ ...deviceRef, messageIds }), result: returns<null>() },
  'message:send': { params: outgoingMessage, result: returns<{ messageId: string }>() },
  'draft:save': { params: outgoingMessage, result: returns<{ messageId: string }>() },
  /** POP: what the next check would download and DELE, without sending either. */
  'pop:dryRun': { params: z.object(deviceRef), result: returns<PopDryRun>() },
});
