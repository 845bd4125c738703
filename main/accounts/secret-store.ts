import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import type { SecretStorageNote } from '../../common/model/main-words';
import { readJsonFile, writeFileDurable } from '../../node-lib/durable-file';

/** Where passwords live. Electron uses the OS keychain through safeStorage; the harness a private file. */
export interface SecretStore {
  readonly kind: 'keychain' | 'file';
  /** Shown to the user when the store is weaker than a keychain (the UI words it). */
  readonly warning: SecretStorageNote | null;
  /** Weak enough that the user must agree before a password is stored (not just be told). */
  readonly needsConsent: boolean;
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/**
 * The web harness's store: a JSON file readable only by its owner (mode 0600). Not a keychain,
 * and the UI says so.
 */
export class FileSecretStore implements SecretStore {
  readonly kind = 'file';
  // The harness is a development and demonstration tool: it says so on screen, every time.
  readonly needsConsent: boolean = false;
  // "Passwords are stored in a file readable only by your user account (web harness), not in the system keychain."
  readonly warning = 'harnessFile';
  private readonly path: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(profileDir: string) {
    this.path = join(profileDir, 'secrets.json');
  }

  async get(key: string): Promise<string | null> {
    const secrets = await readJsonFile<Record<string, string>>(this.path, {});
    return secrets[key] ?? null;
  }

  set(key: string, value: string): Promise<void> {
    return this.update((secrets) => {
      secrets[key] = value;
    });
  }

  delete(key: string): Promise<void> {
    return this.update((secrets) => {
      delete secrets[key];
    });
  }

  private update(change: (secrets: Record<string, string>) => void): Promise<void> {
    const next = this.queue.then(async () => {
      const secrets = await readJsonFile<Record<string, string>>(this.path, {});
      change(secrets);
      await writeFileDurable(this.path, JSON.stringify(secrets), 0o600);
      await chmod(this.path, 0o600);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}

export function secretKey(accountId: string, service: 'incoming' | 'smtp'): string {
  return `${accountId}/${service}`;
}
