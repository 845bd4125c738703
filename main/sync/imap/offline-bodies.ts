import { isKeptOffline, type ImapSyncSettings } from '../../../common/model/account';
import { messageKey, serverFolderId, type MessageRecord } from '../../../common/model/mail';
import { LARGE_MESSAGE_BYTES } from '../../../common/model/raw-source';
import { isTransientError } from '../../protocols/connection-errors';
import type { BackendEvents, DeviceCacheAccess } from '../backend';
import type { ConnectionSupervisor } from './connection-supervisor';
import type { FolderStates } from './folder-states';
import type { MessageFetch } from './message-fetch';
import { toWire } from './wire-error';

/** Message records are read from the cache this many at a time while planning. */
const PLAN_CHUNK = 200;
/** A message whose download failed this many times is left for the user to open (a reconnect loop otherwise). */
const MAX_ATTEMPTS = 2;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface OfflineBodiesDeps {
  cache: DeviceCacheAccess;
  connection: ConnectionSupervisor;
  folders: FolderStates;
  fetcher: Pick<MessageFetch, 'keepBody'>;
  settings(): ImapSyncSettings;
  progress: BackendEvents['progress'];
  now(): number;
}

/** How far a folder's bodies are known to be downloaded: every wanted UID up to `uid`, in that UIDVALIDITY. */
interface FolderMark {
  uidValidity: number | null;
  uid: number;
}

/** Of the folder's cached messages, those whose bodies the download keeps: newest first, not too large, readable. */
export function bodiesToKeep(messages: readonly MessageRecord[], cachedBodyIds: ReadonlySet<string>): MessageRecord[] {
  return messages
    .filter((m) => m.uid !== null && !m.problem && m.size <= LARGE_MESSAGE_BYTES && !cachedBodyIds.has(m.id))
    .sort((a, b) => (b.uid ?? 0) - (a.uid ?? 0));
}

/**
 * Downloads, behind the user's work, the bodies of the folders kept for offline use, as the
 * settings say (all, those of the last N days by INTERNALDATE, or none), once a folder's headers
 * are complete. One message at a time, as a background task of the command connection: opening
 * a message runs first (and waits for the download of that very message if it is under way).
 * Bodies already here are skipped; messages over LARGE_MESSAGE_BYTES stay on the server as when
 * opened. A settings change, a lost connection or a stop ends a folder's run after its current
 * message; the next header sync of the folder starts it again.
 */
export class OfflineBodies {
  /** Bumped by every settings change and stop: a run of an older generation ends. */
  private generation = 0;
  private readonly running = new Set<string>();
  /** Folders whose headers completed again during their run: run once more after it. */
  private readonly again = new Set<string>();
  private readonly marks = new Map<string, FolderMark>();
  private readonly failures = new Map<string, number>();

  constructor(private readonly deps: OfflineBodiesDeps) {}

  /** The folder's headers are complete: download the bodies the settings keep (nothing for headers only). */
  fill(path: string): void {
    const settings = this.deps.settings();
    if (settings.bodies.kind === 'headers-only' || !isKeptOffline(settings, path)) return;
    if (this.running.has(path)) {
      this.again.add(path);
      return;
    }
    this.running.add(path);
    const generation = this.generation;
    this.deps.connection.background(
      this.run(path, generation).finally(() => {
        this.running.delete(path);
        // Asked again meanwhile (restart() forgets requests older than new settings).
        if (this.again.delete(path)) this.fill(path);
      }),
    );
  }

  /** The settings changed (or the device stops): runs end after their current message, and every folder is looked at afresh. */
  restart(): void {
    this.generation++;
    this.again.clear();
    this.marks.clear();
  }

  private current(generation: number): boolean {
    return generation === this.generation && !this.deps.connection.stopped && this.deps.connection.connected;
  }

  private async run(path: string, generation: number): Promise<void> {
    const uidValidity = this.deps.folders.state(path).uidValidity;
    const mark = this.marks.get(path);
    const after = mark && mark.uidValidity === uidValidity ? mark.uid : 0;
    const { wanted, highestUid } = await this.plan(path, after);
    if (!this.current(generation)) return;
    const total = wanted.length;
    const bytesTotal = wanted.reduce((sum, m) => sum + m.size, 0);
    let done = 0;
    let bytesDone = 0;
    const report = (phase: 'download' | 'done'): void => this.deps.progress({ folderPath: path, phase, done, total, bytesDone, bytesTotal });
    if (total === 0) {
      this.marks.set(path, { uidValidity, uid: highestUid });
      return;
    }
    report('download');
    try {
      for (const message of wanted) {
        if (!this.current(generation)) return;
        await this.keepOne(message);
        done += 1;
        bytesDone += message.size;
        if (done < total) report('download');
      }
      if (this.current(generation)) this.marks.set(path, { uidValidity, uid: highestUid });
    } finally {
      // Also when stopped half-way: the status bar stops showing a download that no longer runs.
      report('done');
    }
  }

  /** One message; a failure is counted against it, and a message that keeps failing is left alone. */
  private async keepOne(message: MessageRecord): Promise<void> {
    if ((this.failures.get(message.id) ?? 0) >= MAX_ATTEMPTS) return;
    try {
      await this.deps.fetcher.keepBody(message);
    } catch (error) {
      this.failures.set(message.id, (this.failures.get(message.id) ?? 0) + 1);
      // Gone from the server (the cache already dropped it) or refused: the next message.
      // Connection lost: the run ends; the reconnect's sync starts it again.
      if (isTransientError(toWire(error))) throw error;
    }
  }

  /** The folder's cached messages above `afterUid` whose bodies are wanted and not here yet, newest first. */
  private async plan(path: string, afterUid: number): Promise<{ wanted: MessageRecord[]; highestUid: number }> {
    const folderId = serverFolderId(path);
    const cachedUids = (await this.deps.cache.query({ query: 'messageUids', folderId })).filter((uid) => uid > afterUid);
    const highestUid = cachedUids.reduce((max, uid) => Math.max(max, uid), afterUid);
    const settings = this.deps.settings();
    let uids = cachedUids;
    if (settings.bodies.kind === 'recent-days' && uids.length > 0) {
      const recent = new Set(await this.searchSince(path, new Date(this.deps.now() - settings.bodies.days * DAY_MS), afterUid));
      uids = uids.filter((uid) => recent.has(uid));
    }
    uids.sort((a, b) => b - a);
    const wanted: MessageRecord[] = [];
    for (let start = 0; start < uids.length; start += PLAN_CHUNK) {
      const ids = uids.slice(start, start + PLAN_CHUNK).map((uid) => messageKey(folderId, uid));
      const [messages, withBodies] = await Promise.all([this.deps.cache.query({ query: 'messagesByIds', ids }), this.deps.cache.query({ query: 'bodyIds', ids })]);
      wanted.push(...bodiesToKeep(messages, new Set(withBodies)));
    }
    return { wanted, highestUid };
  }

  /** UIDs above `afterUid` whose INTERNALDATE is on or after `since`'s day (RFC 3501 §6.4.4 SINCE, a date without time). */
  private searchSince(path: string, since: Date, afterUid: number): Promise<number[]> {
    const connection = this.deps.connection;
    return connection.runTask('background', `search ${path} since ${since.toISOString().slice(0, 10)}`, async () => {
      const client = connection.requireClient();
      const lock = await client.getMailboxLock(path);
      try {
        const found = await client.search({ since, uid: `${afterUid + 1}:*` }, { uid: true });
        // `n:*` names the highest UID even when it is below n (RFC 3501 §6.4.8).
        return Array.isArray(found) ? found.filter((uid) => uid > afterUid) : [];
      } finally {
        lock.release();
      }
    });
  }
}
