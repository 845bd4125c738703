import { hasFlag } from '../../store/flags';
import type { MessageRecord } from '../../store/types';
import { numberOf, type ArgumentReader } from '../arguments';
import { readFetchItems, type FetchItem } from '../fetch/fetch-items';
import { renderMessage } from '../fetch/render-message';
import type { CommandSession, CommandSpec } from '../session-types';
import { resolveMessages } from '../message-set';
import { formatSequenceSet, inRanges, parseSequenceSet } from '../sequence-set';
import { ImapSyntaxError } from '../tokenizer';

interface Modifiers {
  changedSince: number | null;
  vanished: boolean;
}

/** RFC 7162 §3.1.4 CHANGEDSINCE and §3.2.6 VANISHED fetch modifiers. */
function readModifiers(args: ArgumentReader): Modifiers {
  const modifiers: Modifiers = { changedSince: null, vanished: false };
  if (args.remaining === 0) return modifiers;
  const tokens = args.list('fetch modifiers');
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    const name = token.type === 'atom' ? token.value.toUpperCase() : '';
    if (name === 'CHANGEDSINCE') {
      const value = tokens[index + 1];
      if (!value) throw new ImapSyntaxError('CHANGEDSINCE needs a mod-sequence');
      modifiers.changedSince = numberOf(value, 'mod-sequence');
      index += 1;
    } else if (name === 'VANISHED') {
      modifiers.vanished = true;
    } else {
      throw new ImapSyntaxError('Unknown fetch modifier');
    }
  }
  return modifiers;
}

/** Items that set \Seen when fetched (RFC 3501 §6.4.5): BODY[...] without PEEK, RFC822, RFC822.TEXT. */
function setsSeen(items: readonly FetchItem[]): boolean {
  return items.some((item) => (item.kind === 'section' ? !item.peek : item.name === 'RFC822' || item.name === 'RFC822.TEXT'));
}

/** RFC 7162 §3.2.6: UIDs in the set expunged after the client's mod-sequence, before the FETCH data. */
function sendVanished(session: CommandSession, setText: string, changedSince: number): void {
  const folder = session.context.store.folderById(session.userName, session.selected!.folderId);
  if (!folder) return;
  const ranges = parseSequenceSet(setText, folder.uidNext - 1);
  const vanished = folder.expunged.filter((entry) => entry.modseq > changedSince && ranges !== null && inRanges(ranges, entry.uid)).map((entry) => entry.uid);
  if (vanished.length > 0) session.untagged('VANISHED', '(EARLIER)', formatSequenceSet(vanished));
}

function fetchCommand(byUid: boolean): CommandSpec {
  return {
    states: ['selected'],
    holdsExpunges: true,
    run: async (session, args) => {
      const { store } = session.context;
      const user = session.userName;
      const view = session.selected!;
      const setText = args.rawAtom('sequence set');
      const items = readFetchItems(args.next('fetch items'));
      const modifiers = readModifiers(args);
      args.end();
      if (modifiers.vanished && (!byUid || !session.qresync || modifiers.changedSince === null)) {
        throw new ImapSyntaxError('VANISHED needs UID FETCH, CHANGEDSINCE and an enabled QRESYNC');
      }
      if (modifiers.changedSince !== null || items.some((item) => item.kind === 'simple' && item.name === 'MODSEQ')) session.condstoreUsed = true;
      const chosen = resolveMessages(view, setText, byUid).flatMap(({ sequence, uid }) => {
        const message = store.message(user, view.folderId, uid);
        if (!message || (modifiers.changedSince !== null && message.modseq <= modifiers.changedSince)) return [];
        return [{ sequence, message }];
      });
      if (modifiers.vanished && modifiers.changedSince !== null) sendVanished(session, setText, modifiers.changedSince);
      let seenNow = new Set<number>();
      if (!view.readOnly && setsSeen(items)) {
        const unseen = new Set(chosen.filter(({ message }) => !hasFlag(message.flags, '\\Seen')).map(({ message }) => message.uid));
        const result = await store.setFlags(user, view.folderId, unseen, { operation: 'add', flags: ['\\Seen'] }, session.id);
        seenNow = new Set(result.events.map((event) => ('uid' in event ? event.uid : 0)));
      }
      for (const { sequence, message } of chosen) {
        const current: Readonly<MessageRecord> = store.message(user, view.folderId, message.uid) ?? message;
        const data = await renderMessage(items, current, () => store.readRaw(user, current), {
          withUid: byUid,
          withFlags: seenNow.has(current.uid),
          withModseq: modifiers.changedSince !== null || (session.condstore && seenNow.has(current.uid)),
        });
        session.untagged(sequence, 'FETCH', data);
        await session.drained();
      }
      return { status: 'OK', text: 'Fetch completed' };
    },
  };
}

/** RFC 3501 §6.4.5 FETCH. */
export const fetch = fetchCommand(false);
/** RFC 3501 §6.4.8 UID FETCH. */
export const uidFetch = fetchCommand(true);
