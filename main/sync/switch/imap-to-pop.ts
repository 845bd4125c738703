import type { ImapFlow } from 'imapflow';
import type { CacheOp } from '../../../common/cache-protocol';
import { LOCAL_FOLDER_IDS, messageKey, serverFolderId, type FolderRecord, type MessageRecord, type PopStateRecord } from '../../../common/model/mail';
import { normalizeMessageId, sameMessageId } from '../../../common/model/message-id';
import { LARGE_MESSAGE_BYTES } from '../../../common/model/raw-source';
import type { SwitchOptions, SwitchPreview, SwitchResult } from '../../../common/model/switch';
import { TEXT_KEEP_CHARS } from '../../mime/parse-in-pieces';
import { parseMessage } from '../../mime/parse-message';
import { connectImap, MAX_LINE_BYTES, type ImapLogin } from '../../protocols/imap/imap-connection';
import { openPop3, type Pop3Login } from '../../protocols/pop3/pop3-connection';
import { refusedError } from '../../protocols/protocol-error';
import type { DeviceCacheAccess } from '../backend';
import { DEFAULT_LOCAL_FOLDERS, localFolder } from '../pop3/local-folders';
import { contentHash, storeWhole } from '../pop3/local-message';
import { readMaildrop, type MaildropEntry } from '../pop3/pop-check';
import { toSequenceSet } from '../uid-set';
import { uidFromDovecotUidl } from './match';
import { SwitchRun } from './switch-run';

/** Whole messages per FETCH and per cache transaction while downloading, and the bytes they may add up to. */
const BATCH = 200;
const BATCH_BYTES = 32 * 1024 * 1024;
/**
 * Above this size a body cached over IMAP may be cut (a part keeps at most TEXT_KEEP_CHARS
 * characters, a message over LARGE_MESSAGE_BYTES only its headers): POP needs the whole message,
 * so it is downloaded again rather than taken as it is.
 */
const MAYBE_CUT_BYTES = TEXT_KEEP_CHARS;
/** Message ids per `bodyIds` query (each is a round trip to the cache host; the progress moves per query). */
const BODY_IDS_PER_QUERY = 2000;
/** Progress and Cancel are looked at every this many messages while listing. */
const PROGRESS_EVERY = 250;
/** Downloaded during the switch but not shown until it is committed. */
const STAGING_FOLDER = 'local:switch-staging';

export interface ImapToPopDeps {
  cache: DeviceCacheAccess;
  imapLogin: ImapLogin;
  popLogin: Pop3Login;
  now(): number;
  /** Progress and Cancel; a run that reports nothing and cannot be cancelled when absent. */
  run?: SwitchRun;
}

/** The id a server message gets as a local one: the same on every run, so a resumed switch overwrites, never duplicates. */
function localIdOf(path: string, uidValidity: number, uid: number): string {
  return `local:from-imap:${uidValidity}:${path}:${uid}`;
}

function localFolderFor(folder: FolderRecord): FolderRecord {
  const ids: Partial<Record<string, string>> = { sent: LOCAL_FOLDER_IDS.sent, drafts: LOCAL_FOLDER_IDS.drafts, trash: LOCAL_FOLDER_IDS.trash };
  const id = folder.role ? ids[folder.role] : undefined;
  return id ? DEFAULT_LOCAL_FOLDERS.find((f) => f.id === id)! : localFolder(`local:copied:${folder.path}`, folder.path.split(folder.delimiter).join('/'), null);
}

interface InboxMessage {
  uid: number;
  messageId: string;
  size: number;
}

async function listFolder(client: ImapFlow, path: string, run: SwitchRun): Promise<{ uidValidity: number; messages: InboxMessage[] }> {
  const lock = await client.getMailboxLock(path, { readOnly: true });
  try {
    const mailbox = await client.mailboxOpen(path, { readOnly: true });
    const messages: InboxMessage[] = [];
    if (mailbox.exists > 0) {
      for await (const m of client.fetch('1:*', { uid: true, envelope: true, size: true })) {
        if (messages.length % PROGRESS_EVERY === 0) run.progress('reading-server', messages.length, mailbox.exists);
        messages.push({ uid: m.uid, messageId: normalizeMessageId(m.envelope?.messageId ?? ''), size: m.size ?? 0 });
      }
    }
    return { uidValidity: Number(mailbox.uidValidity), messages };
  } finally {
    lock.release();
  }
}

/** POP message numbers for the INBOX UIDs: Dovecot's UIDL format, else Message-ID and size (TOP n 0). */
async function uidlsForInbox(popLogin: Pop3Login, inbox: { uidValidity: number; messages: InboxMessage[] }, run: SwitchRun): Promise<{ byUid: Map<number, MaildropEntry>; maildrop: MaildropEntry[] }> {
  const { session } = await openPop3(popLogin);
  try {
    run.progress('listing-pop', 0, inbox.messages.length);
    const { maildrop, hasUidl } = await readMaildrop(session);
    if (!hasUidl) throw refusedError('INVALID_ARGUMENT', { kind: 'switchNeedsUidl' });
    const inboxUids = new Set(inbox.messages.map((m) => m.uid));
    const byUid = new Map<number, MaildropEntry>();
    const unmatched: MaildropEntry[] = [];
    for (const entry of maildrop) {
      const uid = uidFromDovecotUidl(entry.uidl!, inbox.uidValidity);
      if (uid !== null && inboxUids.has(uid)) byUid.set(uid, entry);
      else unmatched.push(entry);
    }
    // Servers with another UIDL format: one TOP n 0 each (RFC 1939 §7), matched by Message-ID and size.
    for (const [index, entry] of unmatched.entries()) {
      run.progress('listing-pop', byUid.size + index, inbox.messages.length);
      const header = await parseMessage('probe', await session.top(entry.number, 0));
      const match = inbox.messages.find((m) => !byUid.has(m.uid) && sameMessageId(m.messageId, header.envelope.messageId) && m.size === entry.size);
      if (match) byUid.set(match.uid, entry);
    }
    await session.quit();
    return { byUid, maildrop };
  } finally {
    if (!session.isClosed) session.close();
  }
}

/** Which of these messages have their body here: one keys-only query per slice (no body is read). */
async function cachedBodies(cache: DeviceCacheAccess, ids: string[], run: SwitchRun): Promise<Set<string>> {
  const present = new Set<string>();
  for (let i = 0; i < ids.length; i += BODY_IDS_PER_QUERY) {
    run.progress('reading-here', i, ids.length);
    for (const id of await cache.query({ query: 'bodyIds', ids: ids.slice(i, i + BODY_IDS_PER_QUERY) })) present.add(id);
  }
  run.progress('reading-here', ids.length, ids.length);
  return present;
}

export async function previewImapToPop(deps: ImapToPopDeps): Promise<SwitchPreview> {
  const run = deps.run ?? new SwitchRun('preview');
  const client = await connectImap(deps.imapLogin, { disableAutoIdle: true });
  try {
    const inbox = await listFolder(client, 'INBOX', run);
    const here = await cachedBodies(deps.cache, inbox.messages.map((m) => messageKey(serverFolderId('INBOX'), m.uid)), run);
    // As the switch will count them: a body over MAYBE_CUT_BYTES is downloaded again.
    const cachedWhole = inbox.messages.filter((m) => here.has(messageKey(serverFolderId('INBOX'), m.uid)) && m.size <= MAYBE_CUT_BYTES).length;
    const list = await client.list({ statusQuery: { messages: true } });
    return {
      from: 'imap',
      to: 'pop3',
      matched: 0,
      matchedBy: { uidl: 0, messageId: 0, hash: 0 },
      statesToPush: 0,
      stateChanges: [],
      inboxOnlyHere: 0,
      localFolders: [],
      serverOnly: 0,
      cachedWhole,
      toDownload: inbox.messages.length - cachedWhole,
      serverFolders: list.filter((f) => f.path.toUpperCase() !== 'INBOX' && !f.flags.has('\\Noselect')).map((f) => ({ path: f.path, messages: f.status?.messages ?? 0 })),
      retentionAfter: { kind: 'pop-rule', retention: { kind: 'keep' } },
    };
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/**
 * IMAP → POP (ARCHITECTURE.md §2, invariant 5). Changes nothing on the server. The INBOX messages whose body is here
 * become local as they are, the others are downloaded whole; a POP state is built from the
 * server's UIDLs so the first POP check downloads nothing twice; the chosen server folders are
 * copied down as local folders. Downloads are staged (hidden, with stable ids) and everything
 * becomes visible in one last transaction, so an interrupted switch resumes without duplicates.
 */
export async function runImapToPop(deps: ImapToPopDeps, options: SwitchOptions): Promise<SwitchResult> {
  if ((await deps.cache.query({ query: 'pendingCount' })) > 0) {
    throw refusedError('INVALID_ARGUMENT', { kind: 'switchChangesPending' });
  }
  const run = deps.run ?? new SwitchRun('switch');
  // Whole messages up to the download limit: the default literal cap is for headers (1 MB).
  const client = await connectImap(deps.imapLogin, { disableAutoIdle: true, maxLiteralSize: LARGE_MESSAGE_BYTES + MAX_LINE_BYTES });
  try {
    const folders = await deps.cache.query({ query: 'folders' });
    const inbox = await listFolder(client, 'INBOX', run);
    const { byUid } = await uidlsForInbox(deps.popLogin, inbox, run);
    const inboxId = serverFolderId('INBOX');
    const cached = await cachedBodies(deps.cache, inbox.messages.map((m) => messageKey(inboxId, m.uid)), run);
    const final: CacheOp[] = [];
    // Cached INBOX messages are renamed with their final record (one write each); the rest are put.
    const renames: Array<{ from: string; to: string; folderId: string; uid: null; record: MessageRecord }> = [];
    const records: MessageRecord[] = [];
    const states: PopStateRecord[] = [];

    /** Downloads whole messages into the hidden staging folder, in batches, with stable ids. */
    const download = async (path: string, uidValidity: number, wanted: InboxMessage[], step: 'downloading' | 'copying'): Promise<Map<number, { record: MessageRecord; hash: string }>> => {
      const out = new Map<number, { record: MessageRecord; hash: string }>();
      // A message over the download limit stays on the server: POP fetches it at its first check.
      const uids = wanted.filter((m) => m.size <= LARGE_MESSAGE_BYTES).map((m) => m.uid);
      const sizes = new Map(wanted.map((m) => [m.uid, m.size]));
      for (let i = 0; i < uids.length; ) {
        // Up to BATCH messages and BATCH_BYTES, at least one: whole sources are held until the batch is written.
        let end = i;
        let bytes = 0;
        while (end < uids.length && end - i < BATCH && (end === i || bytes + (sizes.get(uids[end]!) ?? 0) <= BATCH_BYTES)) bytes += sizes.get(uids[end++]!) ?? 0;
        run.progress(step, i, uids.length);
        // One putMessages per batch; bodies and sources as they come.
        const messages: MessageRecord[] = [];
        const ops: CacheOp[] = [];
        const lock = await client.getMailboxLock(path, { readOnly: true });
        try {
          for await (const m of client.fetch(toSequenceSet(uids.slice(i, end)), { uid: true, source: true, flags: true }, { uid: true })) {
            if (!m.source) continue;
            const stored = await storeWhole(new Uint8Array(m.source), STAGING_FOLDER, [...(m.flags ?? [])], { now: deps.now(), id: localIdOf(path, uidValidity, m.uid) });
            messages.push(stored.message);
            ops.push(...stored.ops.filter((op) => op.op !== 'putMessages'));
            out.set(m.uid, { record: stored.message, hash: contentHash(m.source) });
          }
        } finally {
          lock.release();
        }
        await deps.cache.apply([{ op: 'putMessages', messages }, ...ops]);
        i = end;
      }
      run.progress(step, uids.length, uids.length);
      return out;
    };

    // INBOX: cached bodies become local in place; the rest is downloaded now. Every message
    // gets its POP UIDL, so POP actions (delete here, retention) know its server copy.
    const toFetch = inbox.messages.filter((m) => !cached.has(messageKey(inboxId, m.uid)) || m.size > MAYBE_CUT_BYTES);
    const fetched = await download('INBOX', inbox.uidValidity, toFetch, 'downloading');
    let downloaded = fetched.size;
    const cachedRecords = new Map((await deps.cache.query({ query: 'messagesByIds', ids: [...cached] })).map((r) => [r.id, r]));
    for (const m of inbox.messages) {
      const serverId = messageKey(inboxId, m.uid);
      const localId = localIdOf('INBOX', inbox.uidValidity, m.uid);
      const entry = byUid.get(m.uid);
      const fetchedOne = fetched.get(m.uid);
      const base = fetchedOne?.record ?? cachedRecords.get(serverId);
      if (!base) continue;
      const record: MessageRecord = { ...base, id: localId, folderId: LOCAL_FOLDER_IDS.inbox, uid: null, popUidl: entry?.uidl ?? null };
      if (fetchedOne) records.push(record);
      else renames.push({ from: serverId, to: localId, folderId: LOCAL_FOLDER_IDS.inbox, uid: null, record });
      if (!entry?.uidl) continue;
      // Over the download limit only its headers are here: POP fetches the rest, and never deletes it before.
      const headersOnly = !fetchedOne && m.size > LARGE_MESSAGE_BYTES;
      states.push({
        uidl: entry.uidl,
        messageId: localId,
        size: entry.size,
        contentHash: fetchedOne?.hash ?? '',
        messageIdHeader: m.messageId,
        firstSeenAt: deps.now(),
        downloadedAt: headersOnly ? null : deps.now(),
        headersOnly,
        deleteRequested: false,
        serverDeletedAt: null,
        serverDeletedBy: null,
      });
    }

    // The server folders the user chose become local folders (Sent, Drafts and Trash by role).
    let copiedFolders = 0;
    const localFolders = new Map(DEFAULT_LOCAL_FOLDERS.map((f) => [f.id, f]));
    for (const path of options.copyFolders) {
      const folder = folders.find((f) => f.origin === 'server' && f.path === path);
      if (!folder || path.toUpperCase() === 'INBOX') continue;
      const target = localFolderFor(folder);
      localFolders.set(target.id, target);
      const listed = await listFolder(client, path, run);
      const copied = await download(path, listed.uidValidity, listed.messages, 'copying');
      for (const { record } of copied.values()) records.push({ ...record, folderId: target.id });
      downloaded += copied.size;
      copiedFolders += 1;
    }

    // One transaction: local folders and messages appear, server folders and their cache go.
    // Cancel is honoured up to here: until then only the hidden staging folder was written.
    run.pointOfNoReturn();
    run.progress('saving', 0, 1);
    final.push({ op: 'putFolders', folders: [...localFolders.values()] });
    final.push({ op: 'renameMessages', renames });
    final.push({ op: 'putMessages', messages: records });
    final.push({ op: 'putPopStates', states });
    for (const folder of folders) if (folder.origin === 'server') final.push({ op: 'deleteFolder', id: folder.id });
    await deps.cache.apply(final);
    run.progress('saving', 1, 1);
    return { matched: states.length, uploaded: 0, statesPushed: 0, downloaded, copiedFolders, keptLocal: inbox.messages.length };
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** An IMAP → POP switch reached its local phase once no server folder is left in the cache. */
export function imapToPopCommitted(folders: FolderRecord[]): boolean {
  return !folders.some((f) => f.origin === 'server') && folders.some((f) => f.id === LOCAL_FOLDER_IDS.inbox && f.role === 'inbox');
}
