import { app, Notification, type BrowserWindow } from 'electron';
import type { AnnouncementWords } from '../../common/commands/notify-commands';
import type { NewMail } from '../../common/contract';
import { announcementText } from '../../common/model/announcements';
import type { PortholeCore } from '../core/porthole-core';
import { announcementSay } from '../notify/announcement-say';

/** Announcements kept referenced until clicked or closed: one Electron let go of never reports its click. */
const MAX_KEPT = 50;

/**
 * Linux notification servers read the body as a subset of HTML (the Desktop Notifications spec's
 * "body-markup", which GNOME, KDE and most others announce): a subject's `<b>` or `&amp;` would be
 * markup there. Escaped, it reads as typed. Titles are never markup; macOS and Windows show text.
 */
export function notificationBody(text: string, platform: NodeJS.Platform): string {
  return platform === 'linux' ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : text;
}

/**
 * Shows each `mail:new` the core announces as a system notification (title "New mail from Ann" or
 * "5 new messages in Inbox — bob@example.com", the subjects as its body: sender and subject only,
 * never content, never HTML), in the words the window last sent (`words`; English before it has). A click brings the window forward and asks it to open the newest
 * message (`mail:openRequest`); a click while no window is open opens one and asks once it loaded.
 */
export function showNewMailNotifications(core: PortholeCore, window: () => BrowserWindow | null, openWindow: () => void, platform: NodeJS.Platform, words: () => AnnouncementWords | null): void {
  const kept = new Set<Notification>();
  const waitingForWindow: Array<() => void> = [];

  const open = (mail: NewMail): void => {
    const newest = mail.messages[0];
    if (!newest) return;
    const request = (): void => core.emit('mail:openRequest', { accountId: mail.accountId, deviceId: mail.deviceId, messageId: newest.messageId, folderPath: mail.folderPath });
    const target = window();
    if (!target || target.isDestroyed()) {
      waitingForWindow.push(request);
      openWindow();
      return;
    }
    if (target.isMinimized()) target.restore();
    target.show();
    target.focus();
    request();
  };

  app.on('browser-window-created', (_event, created) => {
    created.webContents.once('did-finish-load', () => waitingForWindow.splice(0).forEach((request) => request()));
  });

  core.on('mail:new', (mail) => {
    // Asked here, not at start: a Linux session without a notification server may get one later.
    if (!Notification.isSupported()) return;
    const account = core.accounts.get(mail.accountId);
    const text = announcementText(mail, { folderPath: mail.folderPath, accountAddress: account?.address ?? '' }, announcementSay(words()));
    const notification = new Notification({ title: text.title, body: notificationBody(text.body, platform) });
    const forget = (): void => void kept.delete(notification);
    notification.on('click', () => {
      forget();
      open(mail);
    });
    notification.on('close', forget);
    kept.add(notification);
    if (kept.size > MAX_KEPT) kept.delete(kept.values().next().value!);
    notification.show();
  });
}
