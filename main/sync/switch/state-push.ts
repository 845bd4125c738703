import { stateDirection, type MessageStates, type StateDifference, type SwitchFlag, type SwitchOptions } from '../../../common/model/switch';
import { toSequenceSet } from '../uid-set';

const COMPARED: SwitchFlag[] = ['\\Seen', '\\Flagged', '\\Answered'];
/** UIDs per STORE, so a command line stays far below Dovecot's 64 KB limit (imap_max_line_length). */
const UIDS_PER_STORE = 2_000;

/** The states of one matched message that differ here and on the server, in a fixed order. */
export function differencesOf(here: readonly string[], server: readonly string[]): StateDifference[] {
  return COMPARED.map((flag) => ({ flag, here: here.includes(flag), server: server.includes(flag) })).filter((d) => d.here !== d.server);
}

/** One `UID STORE <set> ±FLAGS (<flags>)` (RFC 3501 §6.4.6) in one folder. */
export interface FlagStore {
  path: string;
  action: 'add' | 'remove';
  flags: SwitchFlag[];
  uids: string;
  messages: number;
}

export interface MatchedStates extends MessageStates {
  path: string;
  uid: number;
}

/**
 * The server changes a switch makes for the states that go to the server (`stateDirection`),
 * grouped by folder, direction and flag set, so 6,000 messages read here cost a few commands
 * rather than 6,000.
 */
export function planFlagStores(matched: readonly MatchedStates[], options: Pick<SwitchOptions, 'pushStates' | 'pushMessages'>): { stores: FlagStore[]; messages: number } {
  const chosen = new Set(options.pushMessages ?? []);
  const groups = new Map<string, { path: string; action: 'add' | 'remove'; flags: SwitchFlag[]; uids: number[] }>();
  let messages = 0;
  for (const m of matched) {
    const up = m.differences.filter((d) => stateDirection(d, chosen.has(m.id), options.pushStates) === 'toServer');
    if (!up.length) continue;
    messages += 1;
    for (const action of ['add', 'remove'] as const) {
      const flags = up.filter((d) => d.here === (action === 'add')).map((d) => d.flag);
      if (!flags.length) continue;
      const key = `${m.path}\n${action}\n${flags.join(' ')}`;
      const group = groups.get(key) ?? { path: m.path, action, flags, uids: [] };
      group.uids.push(m.uid);
      groups.set(key, group);
    }
  }
  const stores: FlagStore[] = [];
  for (const group of groups.values()) {
    const sorted = [...group.uids].sort((a, b) => a - b);
    for (let i = 0; i < sorted.length; i += UIDS_PER_STORE) {
      const slice = sorted.slice(i, i + UIDS_PER_STORE);
      stores.push({ path: group.path, action: group.action, flags: group.flags, uids: toSequenceSet(slice), messages: slice.length });
    }
  }
  return { stores, messages };
}
