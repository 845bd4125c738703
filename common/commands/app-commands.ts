import * as z from 'zod/mini';
import type { LinkNotOpened } from '../link-policy';
import type { SecretStorageNote } from '../model/main-words';
import type { MessageFile } from '../model/message-file';
import type { TranscriptEntry } from '../model/transcript';
import { declareCommands, returns } from './declare';
import { emailAddress, fileName, folderPath, id, messageFileBytes, mode } from './schemas';

export interface AppInfo {
  version: string;
  transport: 'electron' | 'web';
  /** Where passwords are kept; `file` is the harness's owner-only file, not a keychain. */
  secretStorage: 'keychain' | 'file';
  /** Said beside the password fields when the store is weaker than a keychain (the UI words it). */
  secretStorageWarning: SecretStorageNote | null;
  /** The password store is weak (Linux without a keyring): adding an account needs the user's yes. */
  secretStorageNeedsConsent: boolean;
}

/** Light or dark: as the system says, or forced by the user (Preferences). */
export type ThemeChoice = 'system' | 'light' | 'dark';

/** What main did with a link the user clicked in a message. */
export type LinkOpened = { action: 'opened' } | { action: 'open-in-page'; url: string } | { action: 'refused'; refusal: LinkNotOpened };

export interface FetchedImage {
  url: string;
  /** `data:` URL of the image, or null when it could not be fetched or was not an image. */
  dataUrl: string | null;
}

/** The app, links and remote content, the transcript and the server panel. */
export const APP_COMMANDS = declareCommands({
  'app:info': { params: z.null(), result: returns<AppInfo>() },
  /** The theme the user chose: the window's own frame and menus follow it (Electron's nativeTheme). */
  'app:setTheme': { params: z.object({ theme: z.enum(['system', 'light', 'dark']) }), result: returns<null>() },
  /** Opens a web link from a message in the system browser (checked again here: http/https only). */
  'link:open': { params: z.object({ url: z.string().check(z.minLength(1), z.maxLength(8_192)) }), result: returns<LinkOpened>() },
  /** Senders whose mail may show remote content without asking each time. */
  'remote:allowedSenders': { params: z.null(), result: returns<string[]>() },
  'remote:allowSender': { params: z.object({ address: emailAddress, allow: z.boolean() }), result: returns<string[]>() },
  /** Remote images of one message, fetched by main only when the user asked for them. */
  'remote:fetchImages': { params: z.object({ urls: z.array(z.string().check(z.maxLength(8_192))).check(z.maxLength(200)) }), result: returns<FetchedImage[]>() },
  /** The account's protocol transcript so far (secrets already removed). */
  'transcript:get': { params: z.object({ accountId: id }), result: returns<TranscriptEntry[]>() },
  /** Start (or move) the account's server panel: IMAP folder live, or the POP maildrop. */
  'serverView:watch': { params: z.object({ accountId: id, mode, folderPath: z.nullable(folderPath) }), result: returns<null>() },
  'serverView:unwatch': { params: z.object({ accountId: id }), result: returns<null>() },
  /** Reads a message file the user dropped or chose (.eml) for showing, read-only; nothing is stored. */
  'file:readMessage': { params: z.object({ fileName, bytes: messageFileBytes }), result: returns<MessageFile>() },
});
