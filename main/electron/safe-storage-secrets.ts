import { join } from 'node:path';
import { safeStorage } from 'electron';
import { readJsonFile, writeFileDurable } from '../../node-lib/durable-file';
import type { SecretStorageNote } from '../../common/model/main-words';
import type { SecretStore } from '../accounts/secret-store';

/**
 * Passwords encrypted with the OS keychain (Electron safeStorage, async API), stored as
 * base64 ciphertext in the profile. On Linux without a keyring, Electron falls back to a fixed
 * key (`basic_text`): the user is told, never silently downgraded.
 */
export class SafeStorageSecretStore implements SecretStore {
  readonly kind = 'keychain';
  readonly warning: SecretStorageNote | null;
  readonly needsConsent: boolean;
  private readonly path: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(profileDir: string) {
    this.path = join(profileDir, 'secrets.enc.json');
    this.warning =
      process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text'
        ? // "No system keyring (GNOME Keyring or KWallet) was found: passwords are encrypted with a fixed key …"
          'fixedKey'
        : null;
    this.needsConsent = this.warning !== null;
  }

  async get(key: string): Promise<string | null> {
    const stored = await readJsonFile<Record<string, string>>(this.path, {});
    const encrypted = stored[key];
    if (!encrypted) return null;
    const { result } = await safeStorage.decryptStringAsync(Buffer.from(encrypted, 'base64'));
    return result;
  }

  set(key: string, value: string): Promise<void> {
    return this.update(async (stored) => {
      stored[key] = (await safeStorage.encryptStringAsync(value)).toString('base64');
    });
  }

  delete(key: string): Promise<void> {
    return this.update((stored) => {
      delete stored[key];
      return Promise.resolve();
    });
  }

  private update(change: (stored: Record<string, string>) => Promise<void>): Promise<void> {
    const next = this.queue.then(async () => {
      const stored = await readJsonFile<Record<string, string>>(this.path, {});
      await change(stored);
      await writeFileDurable(this.path, JSON.stringify(stored), 0o600);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
