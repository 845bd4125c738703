import { join } from 'node:path';
import { readJsonFile, writeFileDurable } from '../../node-lib/durable-file';

interface Preferences {
  /** Senders whose messages may load remote content without asking each time (lower-case addresses). */
  remoteContentSenders: string[];
}

const EMPTY: Preferences = { remoteContentSenders: [] };

/** The user's choices that are not about one account, in `preferences.json`. */
export class PreferencesStore {
  private readonly path: string;
  private cached: Preferences | null = null;

  constructor(profileDir: string) {
    this.path = join(profileDir, 'preferences.json');
  }

  private async load(): Promise<Preferences> {
    this.cached ??= { ...EMPTY, ...(await readJsonFile<Partial<Preferences>>(this.path, {})) };
    return this.cached;
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
    await writeFileDurable(this.path, JSON.stringify(preferences, null, 2));
    return [...preferences.remoteContentSenders];
  }
}
