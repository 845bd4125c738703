import type { PendingOpRecord } from '../../common/model/pending';

/**
 * What the server does not know yet must not be undone by a sync: flags the user changed stay
 * as the user set them, and messages being moved or deleted stay gone, until their pending
 * change has been replayed (RFC 4549 §4: the client's changes win over the server state it has
 * not yet sent them to).
 */
export class PendingOverlay {
  constructor(private readonly pending: () => readonly PendingOpRecord[]) {}

  /** UIDs of the folder that a pending move or expunge will take away. */
  leaving(folderPath: string): Set<number> {
    const uids = new Set<number>();
    for (const { change } of this.pending()) {
      if ((change.kind === 'move' || change.kind === 'expunge') && change.folderPath === folderPath) change.uids.forEach((u) => uids.add(u));
    }
    return uids;
  }

  /** The flags to show for a message, given the server's flags. */
  flags(folderPath: string, uid: number, serverFlags: string[]): string[] {
    let flags: Set<string> | null = null;
    for (const { change } of this.pending()) {
      if (change.kind !== 'flags' || change.folderPath !== folderPath || !change.uids.includes(uid)) continue;
      flags ??= new Set(serverFlags);
      change.add.forEach((f) => flags!.add(f));
      change.remove.forEach((f) => flags!.delete(f));
    }
    return flags ? [...flags] : serverFlags;
  }
}
