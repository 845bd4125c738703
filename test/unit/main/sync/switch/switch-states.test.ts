import { describe, expect, it } from 'vitest';
import { LOCAL_FOLDER_IDS } from '../../../../../common/model/mail';
import { stateDirection, type StateDifference } from '../../../../../common/model/switch';
import { differencesOf, planFlagStores, type MatchedStates } from '../../../../../main/sync/switch/state-push';

const SEEN = '\\Seen';
const FLAGGED = '\\Flagged';
const ANSWERED = '\\Answered';

function matched(id: string, uid: number, here: string[], server: string[], path = 'INBOX'): MatchedStates {
  return { id, uid, path, subject: id, from: '', folder: { id: LOCAL_FOLDER_IDS.inbox, origin: 'local', path: 'Inbox', name: 'Inbox', role: 'inbox' }, differences: differencesOf(here, server) };
}

describe('which way a differing state goes in a POP → IMAP switch (issue 12 item 2)', () => {
  const readHere: StateDifference = { flag: '\\Seen', here: true, server: false };
  const readElsewhere: StateDifference = { flag: '\\Seen', here: false, server: true };
  const flaggedElsewhere: StateDifference = { flag: '\\Flagged', here: false, server: true };
  const answeredElsewhere: StateDifference = { flag: '\\Answered', here: false, server: true };

  it('by default the server keeps every state, whichever side set it', () => {
    for (const d of [readHere, readElsewhere, flaggedElsewhere, answeredElsewhere]) expect(stateDirection(d, false, false)).toBe('fromServer');
  });

  it('"push this device’s states" sends what this device set, and never clears what another device set', () => {
    expect(stateDirection(readHere, false, true)).toBe('toServer');
    expect(stateDirection(readElsewhere, false, true)).toBe('fromServer');
    expect(stateDirection(flaggedElsewhere, false, true)).toBe('fromServer');
  });

  it('a message the user chose takes this device’s state both ways, except a reply sent elsewhere', () => {
    expect(stateDirection(readElsewhere, true, false)).toBe('toServer');
    expect(stateDirection(flaggedElsewhere, true, false)).toBe('toServer');
    expect(stateDirection(readHere, true, false)).toBe('toServer');
    expect(stateDirection(answeredElsewhere, true, true)).toBe('fromServer');
  });
});

describe('planFlagStores (issue 12 item 3)', () => {
  it('changes nothing on the server with the default options', () => {
    const all = [matched('a', 1, [SEEN], []), matched('b', 2, [], [SEEN, FLAGGED])];
    expect(planFlagStores(all, { pushStates: false })).toEqual({ stores: [], messages: 0 });
  });

  it('groups 6,000 messages into one STORE per folder, direction and flag set', () => {
    const all = Array.from({ length: 6_000 }, (_, i) => matched(`m${i}`, i + 1, i % 2 ? [SEEN] : [SEEN, FLAGGED], []));
    const { stores, messages } = planFlagStores(all, { pushStates: true });
    expect(messages).toBe(6_000);
    expect(stores.map((s) => [s.action, s.flags.join(' '), s.messages])).toEqual([
      ['add', `${SEEN} ${FLAGGED}`, 2_000],
      ['add', `${SEEN} ${FLAGGED}`, 1_000],
      ['add', SEEN, 2_000],
      ['add', SEEN, 1_000],
    ]);
    // Each UID set stays a short command line (Dovecot refuses lines over 64 KB).
    for (const store of stores) expect(store.uids.length).toBeLessThan(16_000);
  });

  it('clears states only on the messages the user chose, and keeps folders apart', () => {
    const all = [matched('read-elsewhere', 4, [], [SEEN]), matched('chosen', 5, [], [SEEN, FLAGGED]), matched('filed', 9, [FLAGGED], [SEEN], 'Projects')];
    const { stores, messages } = planFlagStores(all, { pushStates: true, pushMessages: ['chosen'] });
    expect(messages).toBe(2);
    expect(stores).toEqual([
      { path: 'INBOX', action: 'remove', flags: [SEEN, FLAGGED], uids: '5', messages: 1 },
      { path: 'Projects', action: 'add', flags: [FLAGGED], uids: '9', messages: 1 },
    ]);
  });

  it('lists only the states that differ, \\Answered included', () => {
    expect(differencesOf([SEEN, ANSWERED], [SEEN, FLAGGED])).toEqual([
      { flag: FLAGGED, here: false, server: true },
      { flag: ANSWERED, here: true, server: false },
    ]);
  });
});
