import type { AccountSummary, DeviceSummary } from './account';
import type { FolderRole } from './mail';

/**
 * Which new mail is announced, and in which words: the rules main decides by, and the rules of the
 * words, which Electron's main says in the words the window sent it (main/notify/announcement-say.ts)
 * and the web harness's page in its own (renderer/features/notifications/announcement-words.ts).
 */

/** An account's announcement choices as kept with the preferences (see NotifySettings). */
export interface AccountAnnouncements {
  enabled: boolean;
  /** Folder path → on or off; a folder not listed follows the default (the inbox on, the others off). */
  folders: Record<string, boolean>;
}

/** How many messages an announcement of several names; the rest are counted only. */
export const NAMED_IN_ANNOUNCEMENT = 5;

/** Announcements are on for an account unless the user turned them off. */
export function accountAnnounces(settings: AccountAnnouncements | undefined): boolean {
  return settings?.enabled ?? true;
}

/** A folder announces its new mail if the user said so, else if it is the inbox. */
export function folderAnnounces(settings: AccountAnnouncements | undefined, folder: { path: string; role: FolderRole | null }): boolean {
  if (!accountAnnounces(settings)) return false;
  return settings?.folders[folder.path] ?? folder.role === 'inbox';
}

/**
 * The one device of an account whose new mail is announced (and whose inbox the icon counts): its
 * first IMAP device, else its first device. One device, so that two devices of one account (side
 * by side, or a POP device beside an IMAP one) never announce the same message twice; IMAP first,
 * because only IMAP knows a message was read elsewhere (\Seen), which POP (RFC 1939) keeps no trace of.
 */
export function announcingDevice(account: Pick<AccountSummary, 'devices'>, running: (device: DeviceSummary) => boolean = () => true): DeviceSummary | null {
  const devices = account.devices.filter(running);
  return devices.find((d) => d.mode === 'imap') ?? devices[0] ?? null;
}

/** A folder's name as people say it: the last part of its path, and "Inbox" for the inbox. */
export function folderDisplayName(path: string, role: FolderRole | null, delimiter = '/'): string {
  if (role === 'inbox' || path.toUpperCase() === 'INBOX') return 'Inbox';
  const cut = Math.max(path.lastIndexOf(delimiter), path.lastIndexOf('.'));
  return cut >= 0 && cut < path.length - 1 ? path.slice(cut + 1) : path;
}

/** What an announcement names of one message: its sender and subject, nothing of its content. */
export interface AnnouncedMessage {
  subject: string;
  from: string;
}

/** Longest title or body line shown; notification centres cut far shorter anyway. */
const MAX_LINE = 120;

/**
 * Mail text as one plain line: control characters (a newline in a header would start a fake
 * line) and the bidirectional overrides and isolates (which can make a sender's name read
 * backwards, RFC 5322 headers allow any of them once decoded) become spaces; runs of spaces
 * become one; long text is cut with an ellipsis.
 */
export function plainLine(text: string, max = MAX_LINE): string {
  const line = text.replace(/[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, ' ').replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

/**
 * The words an announcement is made of, by their ids in the window's catalogs, in English. Main
 * shows Electron's notifications and does not know the window's language: the window sends it
 * these words in its language (`notify:setWords`); until it has, they are said in English.
 */
export const ANNOUNCEMENT_ENGLISH = {
  'notifications.one.title': 'New mail from {sender}',
  'notifications.one.titleUnknown': 'New mail from an unknown sender',
  'notifications.noSubject': '(no subject)',
  'notifications.several.line': '{sender}: {subject}',
  'notifications.several.unknownSender': 'Unknown sender',
  'notifications.several.more': '{count, plural, one {and {number} more} other {and {number} more}}',
  'notifications.several.title': '{count, plural, one {{number} new message in {folder}} other {{number} new messages in {folder}}}',
  'notifications.several.titleWithAccount': '{messages} — {account}',
  'folders.name.inbox': 'Inbox',
} as const;

export type AnnouncementWordId = keyof typeof ANNOUNCEMENT_ENGLISH;

export const ANNOUNCEMENT_WORD_IDS = Object.keys(ANNOUNCEMENT_ENGLISH) as AnnouncementWordId[];

/** One word of an announcement, with its values, in some language (ICU: `{count, plural, …}`). */
export type SayAnnouncement = (id: AnnouncementWordId, values?: Record<string, string | number>) => string;

/**
 * The words of an announcement: "New mail from Ann" and its subject for one message; "5 new
 * messages in Inbox — bob@example.com" and the newest subjects, one a line, for several. The
 * rules are these, in any language: the page's (web harness) and main's (Electron) only `say` differently.
 */
export function announcementText(mail: { total: number; messages: AnnouncedMessage[] }, where: { folderPath: string; accountAddress: string }, say: SayAnnouncement): { title: string; body: string } {
  const subjectOf = (m: AnnouncedMessage): string => plainLine(m.subject) || say('notifications.noSubject');
  const first = mail.messages[0];
  if (mail.total === 1 && first) {
    const sender = plainLine(first.from, 80);
    return { title: sender ? say('notifications.one.title', { sender }) : say('notifications.one.titleUnknown'), body: subjectOf(first) };
  }
  const lines = mail.messages
    .slice(0, NAMED_IN_ANNOUNCEMENT)
    .map((m) => say('notifications.several.line', { sender: plainLine(m.from, 40) || say('notifications.several.unknownSender'), subject: subjectOf(m) }));
  const more = mail.total - lines.length;
  if (more > 0) lines.push(say('notifications.several.more', { count: more, number: String(more) }));
  // The inbox by the name the UI gives it; any other folder by its own name.
  const inbox = where.folderPath.toUpperCase() === 'INBOX';
  const folder = plainLine(inbox ? say('folders.name.inbox') : folderDisplayName(where.folderPath, null), 60);
  const messages = say('notifications.several.title', { count: mail.total, number: String(mail.total), folder });
  const account = plainLine(where.accountAddress, 80);
  return { title: account ? say('notifications.several.titleWithAccount', { messages, account }) : messages, body: lines.join('\n') };
}

/** A sender as an announcement names them: their name, else their address. */
export function senderName(from: ReadonlyArray<{ name: string; address: string }>): string {
  const sender = from[0];
  if (!sender) return '';
  return plainLine(sender.name) || plainLine(sender.address);
}
