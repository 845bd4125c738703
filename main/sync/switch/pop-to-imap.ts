import type { ImapFlow } from 'imapflow';
import type { CacheOp } from '../../../common/cache-protocol';
import { LOCAL_FOLDER_IDS, messageKey, namedFolder, serverFolderId, type FolderRecord, type MessageRecord, type NamedFolder } from '../../../common/model/mail';
import { normalizeMessageId } from '../../../common/model/message-id';
import type { MessageStates, SwitchOptions, SwitchPreview, SwitchResult } from '../../../common/model/switch';
import { connectImap, type ImapLogin } from '../../protocols/imap/imap-connection';
import type { DeviceCacheAccess } from '../backend';
import { emptyFolderRecord } from '../imap/folder-list';
import { localFolder } from '../pop3/local-folders';
import { toSequenceSet } from '../uid-set';
import { fingerprintKey, matchMessages, type MatchCandidate, type MatchedBy, type ServerCandidate } from './match';
import { differencesOf, planFlagStores, type MatchedStates } from './state-push';
import { SwitchRun } from './switch-run';

/** UIDs per UID MOVE: like the STOREs (state-push.ts), far below a server's line limit even when scattered. */
const UIDS_PER_MOVE = 2_000;

/** Envelopes are read in one FETCH per folder; progress and Cancel are looked at every this many. */
const PROGRESS_EVERY = 250;
const LOCAL_SUFFIX = ' (this computer)';

export interface PopToImapDeps {
  cache: DeviceCacheAccess;
  login: ImapLogin;
  now(): number;
  /** Progress and Cancel; a run that reports nothing and cannot be cancelled when absent. */
  run?: SwitchRun;
}

interface ServerMessage extends ServerCandidate {
  path: string;
  flags: string[];
}

interface Survey {
  localFolders: FolderRecord[];
  messages: MessageRecord[];
  sizes: Map<string, number>;
  /** Local folder id → server path it goes to. */
  targetOf: Map<string, string>;
  inboxUidValidity: number;
  server: ServerMessage[];
  serverPaths: Set<string>;
  delimiter: string;
}

interface Plan {
  matched: Array<{ local: MessageRecord; server: ServerMessage; by: MatchedBy; target: string }>;
  localOnly: Array<{ local: MessageRecord; target: string }>;
  serverOnly: number;
}

function serverRolePath(folders: Array<{ path: string; specialUse?: string }>, use: string, fallback: string): string {
  return folders.find((f) => f.specialUse === use)?.path ?? fallback;
}

async function fetchFolder(client: ImapFlow, path: string, run: SwitchRun): Promise<ServerMessage[]> {
  const lock = await client.getMailboxLock(path, { readOnly: true });
  try {
    const mailbox = await client.mailboxOpen(path, { readOnly: true });
    if (mailbox.exists === 0) return [];
    const out: ServerMessage[] = [];
    run.progress('reading-server', 0, mailbox.exists);
    for await (const m of client.fetch('1:*', { uid: true, flags: true, envelope: true, size: true, internalDate: true })) {
      if (out.length % PROGRESS_EVERY === 0) run.progress('reading-server', out.length, mailbox.exists);
      const envelope = m.envelope ?? {};
      const dateValue = envelope.date ?? m.internalDate;
      const date = dateValue ? new Date(dateValue).getTime() : 0;
      const from = (envelope.from ?? []).map((a) => ({ name: a.name ?? '', address: a.address ?? '' }));
      out.push({ path, uid: m.uid, flags: [...(m.flags ?? [])], messageId: normalizeMessageId(envelope.messageId ?? ''), fingerprint: fingerprintKey(date, from, envelope.subject ?? '', m.size ?? 0) });
    }
    return out;
  } finally {
    lock.release();
  }
}

/**
 * Where everything stands: the local messages and the server's INBOX, plus every server folder a
 * local folder maps to (so a switch interrupted after moving or uploading finds its work done).
 */
async function survey(client: ImapFlow, cache: DeviceCacheAccess, run: SwitchRun): Promise<Survey> {
  const list = await client.list();
  const delimiter = list[0]?.delimiter ?? '/';
  const localFolders = (await cache.query({ query: 'folders' })).filter((f) => f.origin === 'local');
  const targetOf = new Map<string, string>();
  for (const folder of localFolders) {
    if (folder.id === LOCAL_FOLDER_IDS.inbox) targetOf.set(folder.id, 'INBOX');
    else if (folder.id === LOCAL_FOLDER_IDS.sent) targetOf.set(folder.id, serverRolePath(list, '\\Sent', 'Sent'));
    else if (folder.id === LOCAL_FOLDER_IDS.drafts) targetOf.set(folder.id, serverRolePath(list, '\\Drafts', 'Drafts'));
    else if (folder.id === LOCAL_FOLDER_IDS.trash) targetOf.set(folder.id, serverRolePath(list, '\\Trash', 'Trash'));
    else targetOf.set(folder.id, folder.path.split('/').join(delimiter));
  }
  run.progress('reading-here', 0, localFolders.length);
  const messages = (await Promise.all(localFolders.map((f) => cache.query({ query: 'folderMessages', folderId: f.id })))).flat();
  run.progress('reading-here', localFolders.length, localFolders.length);
  const states = await cache.query({ query: 'popStates' });
  const sizes = new Map(states.filter((s) => s.messageId).map((s) => [s.messageId, s.size]));
  const serverPaths = new Set(list.map((f) => f.path));
  const paths = new Set(['INBOX', ...[...targetOf.values()].filter((p) => serverPaths.has(p))]);
  // One folder after the other: imapflow runs one SELECT at a time anyway, and progress stays readable.
  const server: ServerMessage[] = [];
  for (const path of paths) server.push(...(await fetchFolder(client, path, run)));
  const inbox = await client.status('INBOX', { uidValidity: true });
  return { localFolders, messages, sizes, targetOf, inboxUidValidity: Number(inbox ? inbox.uidValidity : 0), server, serverPaths, delimiter };
}

function candidateOf(s: Survey, m: MessageRecord): MatchCandidate {
  return { key: m.id, uidl: m.popUidl, messageId: m.messageId, fingerprint: fingerprintKey(m.date, m.from, m.subject, s.sizes.get(m.id) ?? m.size) };
}

/**
 * Pairs each local message with its server copy. A message already in its target folder (a
 * switch resumed after moving or uploading it) is found there first; otherwise only messages
 * that came from the maildrop (they have a UIDL) can match INBOX: a local Sent copy is never
 * taken for the received copy of the same mail.
 */
function plan(s: Survey): Plan {
  const result: Plan = { matched: [], localOnly: [], serverOnly: 0 };
  const matched = new Map<string, { server: ServerMessage; by: MatchedBy }>();
  const used = new Set<ServerMessage>();
  const pair = (locals: MessageRecord[], server: ServerMessage[], uidValidity: number): void => {
    const open = locals.filter((m) => !matched.has(m.id));
    const byUid = new Map(server.filter((m) => !used.has(m)).map((m) => [m.uid, m]));
    for (const [key, match] of matchMessages(open.map((m) => candidateOf(s, m)), [...byUid.values()], uidValidity)) {
      const serverMessage = byUid.get(match.uid)!;
      matched.set(key, { server: serverMessage, by: match.by });
      used.add(serverMessage);
    }
  };
  const targetPaths = new Set([...s.targetOf.values()].filter((p) => p !== 'INBOX'));
  for (const path of targetPaths) {
    pair(
      s.messages.filter((m) => s.targetOf.get(m.folderId) === path),
      s.server.filter((m) => m.path === path),
      -1,
    );
  }
  pair(
    s.messages.filter((m) => m.popUidl !== null),
    s.server.filter((m) => m.path === 'INBOX'),
    s.inboxUidValidity,
  );
  for (const local of s.messages) {
    const target = s.targetOf.get(local.folderId) ?? 'INBOX';
    const match = matched.get(local.id);
    if (match) result.matched.push({ local, server: match.server, by: match.by, target });
    else result.localOnly.push({ local, target });
  }
  result.serverOnly = s.server.filter((m) => m.path === 'INBOX' && !used.has(m)).length;
  return result;
}

/** The local folder as the preview names it (the window says a standard one in its language). */
function localFolderOf(s: Survey, folderId: string): NamedFolder {
  const folder = s.localFolders.find((f) => f.id === folderId);
  return folder ? namedFolder(folder) : { id: folderId, origin: 'local', path: folderId, name: folderId, role: null };
}

/** Every matched message whose read/flag state is not the same here and on the server. */
function stateChanges(s: Survey, p: Plan): MatchedStates[] {
  const out: MatchedStates[] = [];
  for (const m of p.matched) {
    const differences = differencesOf(m.local.flags, m.server.flags);
    if (!differences.length) continue;
    const sender = m.local.from[0];
    out.push({
      id: m.local.id,
      subject: m.local.subject,
      from: sender ? sender.name || sender.address : '',
      folder: localFolderOf(s, m.local.folderId),
      differences,
      path: m.server.path,
      uid: m.server.uid,
    });
  }
  return out;
}

export async function previewPopToImap(deps: PopToImapDeps): Promise<SwitchPreview> {
  const run = deps.run ?? new SwitchRun('preview');
  const client = await connectImap(deps.login, { disableAutoIdle: true });
  try {
    const s = await survey(client, deps.cache, run);
    run.progress('matching', 0, s.messages.length);
    const p = plan(s);
    run.progress('matching', s.messages.length, s.messages.length);
    const changes: MessageStates[] = stateChanges(s, p).map(({ path: _path, uid: _uid, ...rest }) => rest);
    const count = (by: MatchedBy): number => p.matched.filter((m) => m.by === by).length;
    const localFolders = s.localFolders
      .filter((f) => f.id !== LOCAL_FOLDER_IDS.inbox)
      .map((f) => ({ path: f.path, messages: s.messages.filter((m) => m.folderId === f.id).length }))
      .filter((f) => f.messages > 0);
    return {
      from: 'pop3',
      to: 'imap',
      matched: p.matched.length,
      matchedBy: { uidl: count('uidl'), messageId: count('messageId'), hash: count('hash') },
      statesToPush: changes.length,
      stateChanges: changes,
      inboxOnlyHere: p.localOnly.filter((l) => l.local.folderId === LOCAL_FOLDER_IDS.inbox).length,
      localFolders,
      serverOnly: p.serverOnly,
      cachedWhole: 0,
      toDownload: 0,
      serverFolders: [],
      retentionAfter: { kind: 'imap-keeps-all' },
    };
  } finally {
    await client.logout().catch(() => client.close());
  }
}

async function ensureFolder(client: ImapFlow, path: string, known: Set<string>): Promise<void> {
  if (known.has(path)) return;
  await client.mailboxCreate(path).catch(() => undefined);
  known.add(path);
}

/**
 * POP → IMAP (ARCHITECTURE.md §2, invariant 5). Server phase (safe to repeat: a second run finds its own moves and
 * uploads by Message-ID/hash and does not repeat them): matched messages filed in local folders
 * move to server folders of the same name, local-only ones are uploaded with APPEND if the user
 * agreed, read/flag states go to the server only as the user chose (`stateDirection`), in one
 * STORE per folder and flag set. Local phase, one transaction:
 * matched and uploaded messages take their server ids (keeping their bodies), what stays local
 * stays in local folders, the POP state is dropped.
 */
export async function runPopToImap(deps: PopToImapDeps, options: SwitchOptions): Promise<SwitchResult> {
  const run = deps.run ?? new SwitchRun('switch');
  const client = await connectImap(deps.login, { disableAutoIdle: true });
  try {
    let s = await survey(client, deps.cache, run);
    run.progress('matching', 0, s.messages.length);
    let p = plan(s);
    run.progress('matching', s.messages.length, s.messages.length);
    const known = new Set(s.serverPaths);
    // Where messages moved or were uploaded to: only those folders are read again afterwards.
    const changedPaths = new Set<string>();
    const movedAway = new Set<string>();
    // Matched messages go with their local folder (Trash too: deleted here means deleted there),
    // one UID MOVE per source and target folder (RFC 6851), not one per message.
    const moves = new Map<string, { from: string; to: string; uids: number[] }>();
    for (const m of p.matched) {
      if (m.server.path === m.target) continue;
      const key = `${m.server.path}\n${m.target}`;
      const group = moves.get(key) ?? { from: m.server.path, to: m.target, uids: [] };
      group.uids.push(m.server.uid);
      moves.set(key, group);
    }
    const toMove = [...moves.values()].reduce((n, g) => n + g.uids.length, 0);
    const toUpload = options.upload ? p.localOnly : [];
    if (toMove + toUpload.length > 0) run.pointOfNoReturn();
    let moved = 0;
    for (const group of moves.values()) {
      run.progress('moving', moved, toMove);
      await ensureFolder(client, group.to, known);
      const lock = await client.getMailboxLock(group.from);
      try {
        // In slices, as STOREs are: scattered UIDs make a long set, and a server limits its line (Dovecot: 64 KB).
        const sorted = [...group.uids].sort((a, b) => a - b);
        for (let i = 0; i < sorted.length; i += UIDS_PER_MOVE) await client.messageMove(toSequenceSet(sorted.slice(i, i + UIDS_PER_MOVE)), group.to, { uid: true });
      } finally {
        lock.release();
      }
      for (const uid of group.uids) movedAway.add(`${group.from}\n${uid}`);
      changedPaths.add(group.to);
      moved += group.uids.length;
    }
    let uploaded = 0;
    for (const l of toUpload) {
      run.progress('uploading', uploaded, toUpload.length);
      const source = await deps.cache.query({ query: 'rawSource', messageId: l.local.id });
      if (!source) continue;
      await ensureFolder(client, l.target, known);
      await client.append(l.target, Buffer.from(source.raw), l.local.flags.filter((f) => f.startsWith('\\') && f !== '\\Recent'), new Date(l.local.date));
      changedPaths.add(l.target);
      uploaded += 1;
    }
    if (changedPaths.size > 0) {
      // Look again where things arrived: every moved or uploaded message now has its final folder and UID.
      const kept = s.server.filter((m) => !changedPaths.has(m.path) && !movedAway.has(`${m.path}\n${m.uid}`));
      const fresh: ServerMessage[] = [];
      for (const path of changedPaths) fresh.push(...(await fetchFolder(client, path, run)));
      s = { ...s, server: [...kept, ...fresh], serverPaths: new Set(known) };
      p = plan(s);
    }
    // States: by default the server's stay (other devices set them); only what the user chose goes up.
    const { stores, messages: statesPushed } = planFlagStores(stateChanges(s, p), options);
    if (stores.length) run.pointOfNoReturn();
    for (const [index, store] of stores.entries()) {
      run.progress('states', index, stores.length);
      const lock = await client.getMailboxLock(store.path);
      try {
        if (store.action === 'add') await client.messageFlagsAdd(store.uids, store.flags, { uid: true });
        else await client.messageFlagsRemove(store.uids, store.flags, { uid: true });
      } finally {
        lock.release();
      }
    }
    run.pointOfNoReturn();
    run.progress('saving', 0, 1);
    const ops: CacheOp[] = [];
    const serverFolders = new Set<string>(['INBOX']);
    ops.push({
      op: 'renameMessages',
      renames: p.matched.map((m) => {
        serverFolders.add(m.server.path);
        const folderId = serverFolderId(m.server.path);
        return { from: m.local.id, to: messageKey(folderId, m.server.uid), folderId, uid: m.server.uid };
      }),
    });
    // Server folder records; the IMAP engine's first sync fills them and overwrites the headers.
    ops.push({ op: 'putFolders', folders: [...serverFolders].map((path) => emptyFolderRecord(path, { delimiter: s.delimiter })) });
    // What stays on this computer keeps its folders, which stop playing server roles.
    const stays = new Set(p.localOnly.map((l) => l.local.folderId));
    for (const folder of s.localFolders) {
      if (!stays.has(folder.id)) ops.push({ op: 'deleteFolder', id: folder.id });
      else if (folder.role) ops.push({ op: 'putFolders', folders: [localFolder(folder.id, `${folder.name}${LOCAL_SUFFIX}`, null)] });
    }
    ops.push({ op: 'clearPopStates' });
    await deps.cache.apply(ops);
    run.progress('saving', 1, 1);
    return { matched: p.matched.length, uploaded, statesPushed, downloaded: 0, copiedFolders: 0, keptLocal: p.localOnly.length };
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** A POP → IMAP switch reached its local phase once the cache holds the server's INBOX folder. */
export function popToImapCommitted(folders: FolderRecord[]): boolean {
  return folders.some((f) => f.id === serverFolderId('INBOX'));
}

