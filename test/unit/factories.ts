import type { AttachmentRecord, BodyRecord, FolderRecord, MessageRecord } from '../../common/model/mail';
import type { PendingOpRecord } from '../../common/model/pending';

/** Record factories for unit tests: a complete, valid record, with the fields a test cares about overridden. */

export function folder(overrides: Partial<FolderRecord> = {}): FolderRecord {
  const path = overrides.path ?? 'INBOX';
  return {
    id: `server:${path}`,
    origin: 'server',
    path,
    name: path,
    delimiter: '/',
    parentPath: '',
    role: path === 'INBOX' ? 'inbox' : null,
    noSelect: false,
    serverTotal: null,
    serverUnseen: null,
    uidValidity: 1,
    uidNext: 1,
    highestModseq: null,
    backfillBelowUid: null,
    syncedAt: null,
    ...overrides,
  };
}

export function message(overrides: Partial<MessageRecord> = {}): MessageRecord {
  const folderId = overrides.folderId ?? 'server:INBOX';
  const uid = overrides.uid === undefined ? 1 : overrides.uid;
  return {
    id: `${folderId}#${uid}`,
    folderId,
    uid,
    messageId: `<m${uid}@example.test>`,
    inReplyTo: '',
    subject: 'Hello',
    from: [{ name: 'Ann', address: 'ann@example.test' }],
    to: [{ name: 'Bob', address: 'bob@example.test' }],
    cc: [],
    replyTo: [],
    date: Date.UTC(2026, 0, 1),
    size: 100,
    flags: [],
    seen: 0,
    flagged: 0,
    hasAttachments: false,
    snippet: 'Snippet',
    popUidl: null,
    ...overrides,
  };
}

export function body(overrides: Partial<BodyRecord> = {}): BodyRecord {
  return {
    messageId: 'server:INBOX#1',
    text: 'Body text',
    html: null,
    headers: [],
    references: [],
    attachments: [],
    fetchedAt: 0,
    parseWarnings: [],
    ...overrides,
  };
}

export function attachment(overrides: Partial<AttachmentRecord> = {}): AttachmentRecord {
  const messageId = overrides.messageId ?? 'server:INBOX#1';
  return { id: `${messageId}/0`, messageId, content: new Uint8Array([1, 2, 3]), ...overrides };
}

export function pendingOp(overrides: Partial<PendingOpRecord> = {}): PendingOpRecord {
  return {
    id: 'op-1',
    seq: 1,
    change: { kind: 'flags', folderPath: 'INBOX', uids: [1], add: ['\\Seen'], remove: [] },
    createdAt: 0,
    attempts: 0,
    lastError: null,
    ...overrides,
  };
}

/** A seeded pseudo-random generator (mulberry32), so a failing random case can be reproduced. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomBytes(random: () => number, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => Math.floor(random() * 256));
}
