import { join } from 'node:path';
import type { NotifySettings } from '../../common/contract';
import { announcementWordsSchema, type AnnouncementWords } from '../../common/commands/notify-commands';
import { DEFAULT_SEND_DELAY, SEND_DELAYS, type SendDelay } from '../../common/commands/mail-commands';
import { readJsonFile, writeFileDurable } from '../../node-lib/durable-file';

interface Preferences {
  /** Senders whose messages may load remote content without asking each time (lower-case addresses). */
  remoteContentSenders: string[];
  /** Which new mail is announced, per account and folder; an account not listed has the defaults. */
  notify: NotifySettings;
  /** Undo send: how long a sent message waits before it goes (seconds, 0: at once). */
  sendDelaySeconds: SendDelay;
  /** The window's words for announcements as it last sent them: main's notifications before a window opens speak them. */
  announcementWords: AnnouncementWords | null;
}

const EMPTY: Preferences = { remoteContentSenders: [], notify: { accounts: {} }, sendDelaySeconds: DEFAULT_SEND_DELAY, announcementWords: null };

/** The user's choices that are not kept with an account's record, in `preferences.json`. */
export class PreferencesStore {
  private readonly path: string;
  private loaded: Promise<Preferences> | null = null;
  private saving: Promise<void> = Promise.resolve();

  constructor(profileDir: string) {
    this.path = join(profileDir, 'preferences.json');
  }

  /** Read once; callers that come while it is read share that one object, so no change is lost. */
  private load(): Promise<Preferences> {
    this.loaded ??= readJsonFile<Partial<Preferences> | null>(this.path, {}).then(withDefaults, (error: unknown) => {
      this.loaded = null;
      throw error;
    });
    return this.loaded;
  }

  async remoteContentSenders(): Promise<string[]> {
    return [...(await this.load()).remoteContentSenders];
  }

  async setRemoteContentSender(address: string, allow: boolean): Promise<string[]> {
    const preferences = await this.load();
    const key = address.trim().toLowerCase();
    const set = new Set(preferences.remoteContentSenders);
    if (allow) set.add(key);
    else set.delete(key);
    preferences.remoteContentSenders = [...set].sort();
    await this.save(preferences);
    return [...preferences.remoteContentSenders];
  }

  async notifySettings(): Promise<NotifySettings> {
    return structuredClone((await this.load()).notify);
  }

  /**
   * Turns announcements on or off for an account (`folderPath` null) or one of its folders. An
   * account turned back on keeps its folders' choices.
   */
  async setNotifySetting(accountId: string, folderPath: string | null, enabled: boolean): Promise<NotifySettings> {
    const preferences = await this.load();
    const account = preferences.notify.accounts[accountId] ?? { enabled: true, folders: {} };
    if (folderPath === null) account.enabled = enabled;
    else account.folders[folderPath] = enabled;
    preferences.notify.accounts[accountId] = account;
    await this.save(preferences);
    return structuredClone(preferences.notify);
  }

  async sendDelay(): Promise<SendDelay> {
    return (await this.load()).sendDelaySeconds;
  }

  async setSendDelay(seconds: SendDelay): Promise<SendDelay> {
    const preferences = await this.load();
    preferences.sendDelaySeconds = seconds;
    await this.save(preferences);
    return seconds;
  }

  async announcementWords(): Promise<AnnouncementWords | null> {
    return structuredClone((await this.load()).announcementWords);
  }

  /** Keeps the window's words; the same words again (each time a window opens) write nothing. */
  async setAnnouncementWords(words: AnnouncementWords): Promise<void> {
    const preferences = await this.load();
    if (JSON.stringify(preferences.announcementWords) === JSON.stringify(words)) return;
    preferences.announcementWords = structuredClone(words);
    await this.save(preferences);
  }

  /** Forgets a removed account's choices. */
  async forgetAccount(accountId: string): Promise<void> {
    const preferences = await this.load();
    if (!(accountId in preferences.notify.accounts)) return;
    delete preferences.notify.accounts[accountId];
    await this.save(preferences);
  }

  /** One write at a time, each of the latest state: two quick changes never land out of order. */
  private save(preferences: Preferences): Promise<void> {
    const write = this.saving.catch(() => undefined).then(() => writeFileDurable(this.path, JSON.stringify(preferences, null, 2)));
    this.saving = write;
    return write;
  }
}

/** A file from an older version (or edited by hand) gets what it lacks; a malformed part is reset. */
function withDefaults(stored: Partial<Preferences> | null): Preferences {
  const notify = stored?.notify;
  const accounts = notify && typeof notify === 'object' && notify.accounts && typeof notify.accounts === 'object' ? notify.accounts : {};
  const valid = Object.entries(accounts).filter(([, a]) => a && typeof a === 'object' && typeof a.enabled === 'boolean' && a.folders && typeof a.folders === 'object');
  return {
    remoteContentSenders: Array.isArray(stored?.remoteContentSenders) ? stored.remoteContentSenders : EMPTY.remoteContentSenders,
    notify: { accounts: Object.fromEntries(valid.map(([id, a]) => [id, { enabled: a.enabled, folders: Object.fromEntries(Object.entries(a.folders).filter(([, on]) => typeof on === 'boolean')) }])) },
    sendDelaySeconds: SEND_DELAYS.find((n) => n === stored?.sendDelaySeconds) ?? DEFAULT_SEND_DELAY,
    // Words that do not pass the command's own check are dropped: English until the window sends again.
    announcementWords: announcementWordsSchema.safeParse(stored?.announcementWords).data ?? null,
  };
}
