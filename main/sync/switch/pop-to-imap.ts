import type { ImapFlow } from 'imapflow';
import type { CacheOp } from '../../../common/cache-protocol';
import { FLAG_ANSWERED, FLAG_FLAGGED, FLAG_SEEN, LOCAL_FOLDER_IDS, messageKey, serverFolderId, type FolderRecord, type MessageRecord } from '../../../common/model/mail';
import { normalizeMessageId } from '../../../common/model/message-id';
import type { SwitchOptions, SwitchPreview, SwitchResult } from '../../../common/model/switch';
import { connectImap, type ImapLogin } from '../../protocols/imap/imap-connection';
import type { DeviceCacheAccess } from '../backend';
import { emptyFolderRecord } from '../imap/folder-list';
import { localFolder } from '../pop3/local-folders';
import { fingerprintKey, matchMessages, type MatchCandidate, type MatchedBy, type ServerCandidate } from './match';

const PUSHABLE_FLAGS = [FLAG_SEEN, FLAG_FLAGGED, FLAG_ANSWERED];
const LOCAL_SUFFIX = ' (this computer)';

export interface PopToImapDeps {
  cache: DeviceCacheAccess;
  login: ImapLogin;
  now(): number;
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

async function fetchFolder(client: ImapFlow, path: string): Promise<ServerMessage[]> {
  const lock = await client.getMailboxLock(path, { readOnly: true });
  try {
    const mailbox = await client.mailboxOpen(path, { readOnly: true });
    if (mailbox.exists === 0) return [];
    const out: ServerMessage[] = [];
    for await (const m of client.fetch('1:*', { uid: true, flags: true, envelope: true, size: true, internalDate: true })) {
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
async function survey(client: ImapFlow, cache: DeviceCacheAccess): Promise<Survey> {
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
  const messages = (await Promise.all(localFolders.map((f) => cache.query({ query: 'folderMessages', folderId: f.id })))).flat();
  const states = await cache.query({ query: 'popStates' });
  const sizes = new Map(states.filter((s) => s.messageId).map((s) => [s.messageId, s.size]));
  const serverPaths = new Set(list.map((f) => f.path));
  const paths = new Set(['INBOX', ...[...targetOf.values()].filter((p) => serverPaths.has(p))]);
  const server = (await Promise.all([...paths].map((p) => fetchFolder(client, p)))).flat();
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

/** How the server's flags must change so that its read/flag state is this computer's. */
function flagDifference(local: MessageRecord, server: ServerMessage): { add: string[]; remove: string[] } {
  return {
    add: PUSHABLE_FLAGS.filter((f) => local.flags.includes(f) && !server.flags.includes(f)),
    // Dovecot marks a message \Seen when POP downloads it: unread here must become unread there.
    remove: [FLAG_SEEN, FLAG_FLAGGED].filter((f) => !local.flags.includes(f) && server.flags.includes(f)),
  };
}

function needsPush(local: MessageRecord, server: ServerMessage): boolean {
  const { add, remove } = flagDifference(local, server);
  return add.length > 0 || remove.length > 0;
}

export async function previewPopToImap(deps: PopToImapDeps): Promise<SwitchPreview> {
  const client = await connectImap(deps.login, { disableAutoIdle: true });
  try {
    const s = await survey(client, deps.cache);
    const p = plan(s);
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
      statesToPush: p.matched.filter((m) => needsPush(m.local, m.server)).length,
      inboxOnlyHere: p.localOnly.filter((l) => l.local.folderId === LOCAL_FOLDER_IDS.inbox).length,
      localFolders,
      serverOnly: p.serverOnly,
      cachedWhole: 0,
      toDownload: 0,
      serverFolders: [],
      retentionAfter: 'With IMAP the server keeps every message: there is no retention setting. Deleting a message here deletes it on the server (through Trash).',
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
 * POP → IMAP (DESIGN §4.3). Server phase (safe to repeat: a second run finds its own moves and
 * uploads by Message-ID/hash and does not repeat them): matched messages filed in local folders
 * move to server folders of the same name, local-only ones are uploaded with APPEND if the user
 * agreed, local read/flag states are pushed with +FLAGS if agreed. Local phase, one transaction:
 * matched and uploaded messages take their server ids (keeping their bodies), what stays local
 * stays in local folders, the POP state is dropped.
 */
export async function runPopToImap(deps: PopToImapDeps, options: SwitchOptions): Promise<SwitchResult> {
  const client = await connectImap(deps.login, { disableAutoIdle: true });
  try {
    let s = await survey(client, deps.cache);
    let p = plan(s);
    const known = new Set(s.serverPaths);
    let changedServer = false;
    // Matched messages go with their local folder (Trash too: deleted here means deleted there).
    for (const m of p.matched) {
      if (m.server.path === m.target) continue;
      await ensureFolder(client, m.target, known);
      const lock = await client.getMailboxLock(m.server.path);
      try {
        await client.messageMove(String(m.server.uid), m.target, { uid: true });
      } finally {
        lock.release();
      }
      changedServer = true;
    }
    let uploaded = 0;
    if (options.upload) {
      for (const l of p.localOnly) {
        const source = await deps.cache.query({ query: 'rawSource', messageId: l.local.id });
        if (!source) continue;
        await ensureFolder(client, l.target, known);
        await client.append(l.target, Buffer.from(source.raw), l.local.flags.filter((f) => f.startsWith('\\') && f !== '\\Recent'), new Date(l.local.date));
        uploaded += 1;
        changedServer = true;
      }
    }
    if (changedServer) {
      // Look again: every moved or uploaded message now has its final folder and UID.
      s = await survey(client, deps.cache);
      p = plan(s);
    }
    let statesPushed = 0;
    if (options.pushStates) {
      for (const m of p.matched) {
        const { add, remove } = flagDifference(m.local, m.server);
        if (!add.length && !remove.length) continue;
        const lock = await client.getMailboxLock(m.server.path);
        try {
          if (add.length) await client.messageFlagsAdd(String(m.server.uid), add, { uid: true });
          if (remove.length) await client.messageFlagsRemove(String(m.server.uid), remove, { uid: true });
        } finally {
          lock.release();
        }
        statesPushed += 1;
      }
    }
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
    const states = await deps.cache.query({ query: 'popStates' });
    ops.push({ op: 'deletePopStates', uidls: states.map((st) => st.uidl) });
    await deps.cache.apply(ops);
    return { matched: p.matched.length, uploaded, statesPushed, downloaded: 0, copiedFolders: 0, keptLocal: p.localOnly.length };
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** A POP → IMAP switch reached its local phase once the cache holds the server's INBOX folder. */
export function popToImapCommitted(folders: FolderRecord[]): boolean {
  return folders.some((f) => f.id === serverFolderId('INBOX'));
}

