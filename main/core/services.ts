import type { EventName, Events, Notice } from '../../common/contract';
import type { DeviceSummary } from '../../common/model/account';
import type { DeviceCacheAccess } from '../sync/backend';
import type { TranscriptStore } from '../transcript/transcript-store';

/**
 * The narrow services the command handlers are given, each an interface of what they use: a
 * handler module names the ones it needs (see its `…Services` type), never the whole core.
 */

/** Events to every window: `notice` stamps an id and the time. */
export interface CoreEvents {
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  notice(notice: Omit<Notice, 'id' | 'at'>): void;
}

/** The devices' caches, seen from main (through the cache host). */
export interface DeviceCaches {
  forDevice(device: DeviceSummary): DeviceCacheAccess;
  /** Deletes a device's whole cache on this computer. */
  drop(dbName: string): Promise<void>;
}

/** The protocol transcripts, one per account, with its passwords masked. */
export type Transcripts = Pick<TranscriptStore, 'sink' | 'setSecrets' | 'forget' | 'get'>;
