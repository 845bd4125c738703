import { namedFolder, type FolderRecord, type NamedFolder } from '../../../common/model/mail';
import { emptyFolderRecord } from './folder-list';

/**
 * What the IMAP engine knows of the server's folders: each one's record as last committed to
 * the cache (its sync state included), and which folder the user has selected.
 */
export class FolderStates {
  private readonly byPath = new Map<string, FolderRecord>();
  selectedPath = 'INBOX';

  /** The cache's server folders, at start. */
  load(folders: readonly FolderRecord[]): void {
    for (const folder of folders) if (folder.origin === 'server') this.byPath.set(folder.path, folder);
  }

  /** After a LIST: exactly these folders. */
  replaceAll(folders: readonly FolderRecord[]): void {
    this.byPath.clear();
    for (const folder of folders) this.byPath.set(folder.path, folder);
  }

  all(): ReadonlyMap<string, FolderRecord> {
    return this.byPath;
  }

  has(path: string): boolean {
    return this.byPath.has(path);
  }

  get(path: string): FolderRecord | undefined {
    return this.byPath.get(path);
  }

  /** The folder's record, or an empty one for a folder not listed yet. */
  state(path: string): FolderRecord {
    return this.byPath.get(path) ?? emptyFolderRecord(path);
  }

  /** The folder as a notice names it (an unlisted one by its path). */
  named(path: string): NamedFolder {
    return namedFolder(this.state(path));
  }

  set(path: string, folder: FolderRecord): void {
    this.byPath.set(path, folder);
  }

  delete(path: string): void {
    this.byPath.delete(path);
  }

  /** The folder with a special-use role (RFC 6154), or null. */
  pathForRole(role: 'sent' | 'drafts' | 'trash'): string | null {
    return [...this.byPath.values()].find((f) => f.role === role)?.path ?? null;
  }

  delimiter(): string {
    return this.byPath.get('INBOX')?.delimiter ?? [...this.byPath.values()][0]?.delimiter ?? '/';
  }
}
