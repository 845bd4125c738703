import type { AccountSummary, DeviceSummary } from './account';
import type { FolderRole } from './mail';

/**
 * Which new mail is announced, and in which words: the rules main decides by, and the words
 * Electron's main shows (English: main does not know the language the UI shows). The web
 * harness's page says the same in the language shown (renderer/features/notifications/
 * announcement-words.ts, whose English a test keeps equal to announcementText).
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
 * The English words of an announcement (Electron's main): "New mail from Ann" and its subject for one message; "5 new
 * messages in Inbox — bob@example.com" and the newest subjects, one a line, for several.
 */
export function announcementText(mail: { total: number; messages: AnnouncedMessage[] }, where: { folderName: string; accountAddress: string }): { title: string; body: string } {
  const subjectOf = (m: AnnouncedMessage): string => plainLine(m.subject) || '(no subject)';
  const first = mail.messages[0];
  if (mail.total === 1 && first) return { title: `New mail from ${plainLine(first.from, 80) || 'an unknown sender'}`, body: subjectOf(first) };
  const lines = mail.messages.slice(0, NAMED_IN_ANNOUNCEMENT).map((m) => `${plainLine(m.from, 40) || 'Unknown sender'}: ${subjectOf(m)}`);
  const more = mail.total - lines.length;
  if (more > 0) lines.push(`and ${more} more`);
  const account = plainLine(where.accountAddress, 80);
  return { title: `${mail.total} new messages in ${plainLine(where.folderName, 60)}${account ? ` — ${account}` : ''}`, body: lines.join('\n') };
}

/** A sender as an announcement names them: their name, else their address. */
export function senderName(from: ReadonlyArray<{ name: string; address: string }>): string {
  const sender = from[0];
  if (!sender) return '';
  return plainLine(sender.name) || plainLine(sender.address);
}
