import { serverFolderId, type FolderRole, type NamedFolder } from '../../common/model/mail';

/** A server folder as main's words name it: its name is the path's last part. */
export function serverFolder(path: string, role: FolderRole | null = path.toUpperCase() === 'INBOX' ? 'inbox' : null): NamedFolder {
  return { id: serverFolderId(path), origin: 'server', path, name: path.slice(path.lastIndexOf('/') + 1), role };
}
