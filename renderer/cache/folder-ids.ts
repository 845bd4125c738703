import Dexie from 'dexie';
import { readDb } from './read-db';

/** A folder's messages in date order, on the [folderId+date] index. */
export function folderRange(dbName: string, folderId: string) {
  return readDb(dbName).messages.where('[folderId+date]').between([folderId, Dexie.minKey], [folderId, Dexie.maxKey]);
}

/**
 * Every id of a folder, newest first. Read oldest first (IndexedDB's getAllKeys, one request) and
 * reversed, which is faster than a reverse cursor.
 */
export async function readFolderIds(dbName: string, folderId: string): Promise<string[]> {
  return (await folderRange(dbName, folderId).primaryKeys()).reverse();
}

export interface FolderIdsRequest {
  dbName: string;
  folderId: string;
}

/**
 * Ids as they cross from the folder-ids worker: one string of every id and an Int32Array of their
 * lengths. 100,000 keys read on the page held its thread 54 ms in one task while IndexedDB's answer
 * was deserialised, mid-scroll (a profile of the conversation list, 2026-12-05); a string and a
 * typed array cost next to nothing to receive. Lengths, not a separator: an id holds a folder's
 * path, which a server names.
 */
export interface PackedIds {
  text: string;
  lengths: Int32Array;
}

export function packIds(ids: readonly string[]): PackedIds {
  return { text: ids.join(''), lengths: Int32Array.from(ids, (id) => id.length) };
}

export function unpackIds({ text, lengths }: PackedIds): string[] {
  const ids = new Array<string>(lengths.length);
  let at = 0;
  for (let i = 0; i < lengths.length; i++) ids[i] = text.slice(at, (at += lengths[i]!));
  return ids;
}
