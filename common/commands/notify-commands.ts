import * as z from 'zod/mini';
import { declareCommands, returns } from './declare';
import { ANNOUNCEMENT_WORD_IDS, type AnnouncementWordId } from '../model/announcements';
import { folderPath, id } from './schemas';

/**
 * Which new mail is announced: per account on or off, and per folder within it (the inbox is on
 * by default, other folders off). Kept by main with the preferences.
 */
export interface NotifySettings {
  /** Account id → its setting; an account not listed has the default (inbox only). */
  accounts: Record<string, { enabled: boolean; folders: Record<string, boolean> }>;
}

/**
 * The words of announcements in the window's language, for the announcements main shows
 * (Electron): ICU messages by id (common/model/announcements.ts), and the locale they are in.
 */
export interface AnnouncementWords {
  locale: string;
  messages: Record<AnnouncementWordId, string>;
}

/** The words as the window sends them, and as main keeps them for the next start. */
export const announcementWordsSchema = z.object({
  locale: z.string().check(z.minLength(2), z.maxLength(35)),
  messages: z.record(z.enum(ANNOUNCEMENT_WORD_IDS), z.string().check(z.maxLength(500))),
});

/** New mail announcements and the unread count on the app's icon. */
export const NOTIFY_COMMANDS = declareCommands({
  'notify:settings': { params: z.null(), result: returns<NotifySettings>() },
  /** Turns announcements on or off for an account (`folderPath` null) or one of its folders. */
  'notify:setSettings': { params: z.object({ accountId: id, folderPath: z.nullable(folderPath), enabled: z.boolean() }), result: returns<NotifySettings>() },
  /**
   * The window's words for announcements: main keeps the last ones it was sent, also for its next
   * start (a notification before the window opens); English until a window first sent any.
   */
  'notify:setWords': { params: announcementWordsSchema, result: returns<null>() },
  /** The unread count the dock or taskbar icon shows (0 clears it). */
  'app:setUnreadBadge': { params: z.object({ count: z.int().check(z.minimum(0), z.maximum(10_000_000)) }), result: returns<null>() },
});
