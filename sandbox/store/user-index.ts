import { z } from 'zod';
import { readJsonIfExists, writeFileDurable } from '../../node-lib/durable-file';
import type { UserMailbox } from './types';

/**
 * The index file of one user: every folder with its counters, every message but its bytes
 * (those are blob files), and the expunge log. Written whole and atomically after each change.
 */
const INDEX_VERSION = 1;

const message = z.object({
  uid: z.number().int().positive(),
  modseq: z.number().int().positive(),
  flags: z.array(z.string()),
  internalDate: z.number(),
  size: z.number().int().nonnegative(),
  blobId: z.string().regex(/^[0-9a-f]{64}$/),
  popUidl: z.string().nullable(),
});

const folder = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  specialUse: z.enum(['\\Sent', '\\Drafts', '\\Trash', '\\Junk', '\\Archive']).nullable(),
  uidValidity: z.number().int().positive(),
  uidNext: z.number().int().positive(),
  highestModseq: z.number().int().positive(),
  messages: z.array(message),
  expunged: z.array(z.object({ uid: z.number().int().positive(), modseq: z.number().int().positive() })),
});

const indexFile = z.object({
  version: z.literal(INDEX_VERSION),
  folders: z.array(folder),
  subscriptions: z.array(z.string()),
  lastUidValidity: z.number().int().nonnegative(),
  sampleUidls: z.array(z.string()),
});

/** The user's mailbox as last written, or undefined when none was written yet. */
export async function readUserIndex(path: string): Promise<UserMailbox | undefined> {
  const json = await readJsonIfExists(path);
  if (json === undefined) return undefined;
  const { folders, subscriptions, lastUidValidity, sampleUidls } = indexFile.parse(json);
  return { folders, subscriptions, lastUidValidity, sampleUidls };
}

/** Replaces the index file atomically (see writeFileDurable). */
export async function writeUserIndex(path: string, mailbox: UserMailbox): Promise<void> {
  await writeFileDurable(path, JSON.stringify({ version: INDEX_VERSION, ...mailbox }));
}
