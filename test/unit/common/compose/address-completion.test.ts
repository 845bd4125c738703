import { describe, expect, it } from 'vitest';
import { completionsFor, contactScore, editDistance, groupMembersToAdd, likelySlipOf, prepareBook } from '../../../../common/compose/address-completion';
import { countContacts, mergedContact, mergedGroup, type ContactRecord } from '../../../../common/compose/contacts';
import { entryAddress, entryAt, fieldAddresses, recipientEntries, replaceEntry, withAddressReplaced } from '../../../../common/compose/recipient-text';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1);

function contact(address: string, overrides: Partial<ContactRecord> = {}): ContactRecord {
  return { address, name: '', sent: 0, received: 0, last: NOW - DAY, ...overrides };
}

const contactAddresses = (list: ReturnType<typeof completionsFor>): string[] => list.map((c) => (c.kind === 'contact' ? c.contact.address : `group: ${c.group.key}`));

describe('countContacts', () => {
  it('counts senders of received mail and recipients (To and Cc) of sent mail, each address once per message', () => {
    const { contacts, groups } = countContacts(
      [
        { message: { from: [{ name: 'Ann Smith', address: 'Ann@Example.test' }], to: [{ name: '', address: 'me@example.test' }], cc: [], date: NOW - 3 * DAY }, sentByUser: false },
        { message: { from: [{ name: 'Me', address: 'me@example.test' }], to: [{ name: 'Ann', address: 'ann@example.test' }, { name: 'Bo', address: 'bo@example.test' }], cc: [{ name: '', address: 'ANN@example.test' }], date: NOW - DAY }, sentByUser: true },
      ],
      NOW,
    );
    expect(contacts.map((c) => [c.address, c.name, c.sent, c.received, c.last])).toEqual([
      ['ann@example.test', 'Ann', 1, 1, NOW - DAY],
      ['bo@example.test', 'Bo', 1, 0, NOW - DAY],
    ]);
    expect(groups).toEqual([{ key: 'ann@example.test, bo@example.test', members: [{ name: 'Ann', address: 'ann@example.test' }, { name: 'Bo', address: 'bo@example.test' }], count: 1, last: NOW - DAY }]);
  });

  it('skips what cannot be written to, keeps an older name only when the newer has none, and dates from the future count as now', () => {
    const { contacts, groups } = countContacts(
      [
        { message: { from: [{ name: 'Newer', address: 'x@example.test' }], to: [], cc: [], date: NOW + 400 * DAY }, sentByUser: false },
        { message: { from: [{ name: '', address: 'x@example.test' }], to: [], cc: [], date: NOW - DAY }, sentByUser: false },
        { message: { from: [{ name: 'Undisclosed recipients', address: '' }, { name: '', address: '<>' }], to: [], cc: [], date: NOW }, sentByUser: false },
        { message: { from: [], to: Array.from({ length: 20 }, (_, i) => ({ name: '', address: `list${i}@example.test` })), cc: [], date: NOW }, sentByUser: true },
      ],
      NOW,
    );
    expect(contacts.find((c) => c.address === 'x@example.test')).toEqual({ address: 'x@example.test', name: 'Newer', sent: 0, received: 2, last: NOW });
    expect(contacts).toHaveLength(21);
    // Twenty people at once is a mailing, not a group one writes to together.
    expect(groups).toEqual([]);
  });

  it('adds a batch to what is stored, the newest name winning', () => {
    const stored = contact('ann@example.test', { name: 'Ann', sent: 2, received: 5, last: NOW - 10 * DAY });
    expect(mergedContact(stored, contact('ann@example.test', { name: 'Ann Smith', sent: 1, last: NOW }))).toEqual({ address: 'ann@example.test', name: 'Ann Smith', sent: 3, received: 5, last: NOW });
    expect(mergedContact(stored, contact('ann@example.test', { name: 'Old name', received: 1, last: NOW - 20 * DAY }))).toMatchObject({ name: 'Ann', received: 6, last: NOW - 10 * DAY });
    expect(mergedGroup({ key: 'a, b', members: [], count: 2, last: 5 }, { key: 'a, b', members: [], count: 1, last: 9 })).toEqual({ key: 'a, b', members: [], count: 3, last: 9 });
  });
});

describe('completionsFor', () => {
  const contacts = [
    contact('ann.smith@example.test', { name: 'Ann Smith', sent: 12, last: NOW - 2 * DAY }),
    contact('annie@news.example', { name: 'Annie’s Newsletter', received: 300, last: NOW - DAY }),
    contact('anna@old.example', { name: 'Anna Old', sent: 40, last: NOW - 900 * DAY }),
    contact('bob@example.test', { name: 'Bob Stone', sent: 3, last: NOW - 5 * DAY }),
    contact('zoë@example.test', { name: 'Zoë Åberg', received: 2 }),
  ];

  it('matches the start of any word of the name or address, ranked by how often and lately the user wrote to them', () => {
    expect(contactAddresses(completionsFor('ann', prepareBook({ contacts, groups: [] }), { now: NOW, already: new Set() }))).toEqual(['ann.smith@example.test', 'anna@old.example', 'annie@news.example']);
    expect(contactAddresses(completionsFor('smi', prepareBook({ contacts, groups: [] }), { now: NOW, already: new Set() }))).toEqual(['ann.smith@example.test']);
    expect(contactAddresses(completionsFor('ann sm', prepareBook({ contacts, groups: [] }), { now: NOW, already: new Set() }))).toEqual(['ann.smith@example.test']);
    expect(contactAddresses(completionsFor('news.ex', prepareBook({ contacts, groups: [] }), { now: NOW, already: new Set() }))).toEqual(['annie@news.example']);
    // Diacritics and case do not matter.
    expect(contactAddresses(completionsFor('ZOE ab', prepareBook({ contacts, groups: [] }), { now: NOW, already: new Set() }))).toEqual(['zoë@example.test']);
    expect(completionsFor('  ', prepareBook({ contacts, groups: [] }), { now: NOW, already: new Set() })).toEqual([]);
    expect(completionsFor('q', prepareBook({ contacts, groups: [] }), { now: NOW, already: new Set() })).toEqual([]);
  });

  it('leaves out who is in the message already, and limits the list', () => {
    expect(contactAddresses(completionsFor('ann', prepareBook({ contacts, groups: [] }), { now: NOW, already: new Set(['ann.smith@example.test']) }))).toEqual(['anna@old.example', 'annie@news.example']);
    expect(completionsFor('a', prepareBook({ contacts, groups: [] }), { now: NOW, already: new Set(), limit: 2 })).toHaveLength(2);
  });

  it('offers a group the typed person was written to with, after the people, when written to more than once or lately', () => {
    const team = { key: 'ann.smith@example.test, bob@example.test', members: [{ name: 'Ann Smith', address: 'ann.smith@example.test' }, { name: 'Bob Stone', address: 'bob@example.test' }], count: 3, last: NOW - 400 * DAY };
    const once = { key: 'bob@example.test, zoë@example.test', members: [{ name: 'Bob Stone', address: 'bob@example.test' }, { name: 'Zoë Åberg', address: 'zoë@example.test' }], count: 1, last: NOW - 200 * DAY };
    expect(contactAddresses(completionsFor('bob', prepareBook({ contacts, groups: [team, once] }), { now: NOW, already: new Set() }))).toEqual(['bob@example.test', `group: ${team.key}`]);
    expect(completionsFor('bob', prepareBook({ contacts, groups: [team] }), { now: NOW, already: new Set(['bob@example.test', 'ann.smith@example.test']) })).toEqual([]);
    expect(groupMembersToAdd(team, new Set(['bob@example.test']))).toEqual([{ name: 'Ann Smith', address: 'ann.smith@example.test' }]);
  });

  it('ranks a contact written to above a frequent sender, and lets both fade', () => {
    expect(contactScore({ sent: 2, received: 0, last: NOW }, NOW)).toBeGreaterThan(contactScore({ sent: 0, received: 500, last: NOW }, NOW));
    expect(contactScore({ sent: 5, received: 0, last: NOW - 365 * DAY }, NOW)).toBeLessThan(contactScore({ sent: 5, received: 0, last: NOW }, NOW) / 5);
  });
});

describe('likelySlipOf', () => {
  const contacts = [
    contact('ann.smith@example.test', { name: 'Ann Smith', sent: 12 }),
    contact('robert@gmail.com', { sent: 2 }),
    contact('rare@example.org', { received: 1 }),
    contact('anna@example.test', { sent: 9 }),
  ];

  it('finds a domain one or two edits from a well-known contact’s, or a long local part one edit away', () => {
    expect(likelySlipOf('ann.smith@exmaple.test', contacts, NOW)?.address).toBe('ann.smith@example.test');
    expect(likelySlipOf('robert@gmial.com', contacts, NOW)?.address).toBe('robert@gmail.com');
    expect(likelySlipOf('robert@gmai.co', contacts, NOW)?.address).toBe('robert@gmail.com');
    expect(likelySlipOf('ann.smiht@example.test', contacts, NOW)?.address).toBe('ann.smith@example.test');
  });

  it('says nothing for a known address, a short local part, a rare contact or a different person', () => {
    expect(likelySlipOf('Ann.Smith@Example.test', contacts, NOW)).toBeNull();
    expect(likelySlipOf('anne@example.test', contacts, NOW)).toBeNull();
    expect(likelySlipOf('rare@exmaple.org', contacts, NOW)).toBeNull();
    expect(likelySlipOf('robert@hotmail.com', contacts, NOW)).toBeNull();
    expect(likelySlipOf('not an address', contacts, NOW)).toBeNull();
  });

  it('counts edits with a swap of neighbours as one', () => {
    expect(editDistance('example', 'exmaple', 2)).toBe(1);
    expect(editDistance('gmail', 'gmial', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
    expect(editDistance('short', 'a much longer text', 2)).toBe(3);
  });
});

describe('recipient text', () => {
  it('splits at commas and semicolons outside quotes and angle brackets', () => {
    const text = '"Smith, Ann" <ann@example.test>, bob@example.test; Zo <z@x.test';
    expect(recipientEntries(text).map((e) => e.text.trim())).toEqual(['"Smith, Ann" <ann@example.test>', 'bob@example.test', 'Zo <z@x.test']);
    expect(fieldAddresses(`${text}>, BOB@example.test, nobody`)).toEqual(['ann@example.test', 'bob@example.test', 'z@x.test']);
    expect(entryAddress('Bob')).toBeNull();
  });

  it('finds the entry at the caret and replaces it, leaving the others in place', () => {
    const text = 'ann@example.test, bo, carl@x.test';
    const entry = entryAt(text, 20);
    expect(entry.text).toBe(' bo');
    expect(replaceEntry(text, entry, 'Bob Stone <bob@example.test>')).toEqual({ text: 'ann@example.test, Bob Stone <bob@example.test>, carl@x.test', caret: 48 });
    expect(replaceEntry('an', entryAt('an', 2), 'Ann <ann@x.test>')).toEqual({ text: 'Ann <ann@x.test>, ', caret: 18 });
  });

  it('puts the meant address in place of a slip, wherever the field names it, keeping the name', () => {
    expect(withAddressReplaced('Ann <Ann@Exmaple.test>, bob@x.test, ann@exmaple.test', 'ann@exmaple.test', 'ann@example.test')).toBe('Ann <ann@example.test>, bob@x.test, ann@example.test');
    expect(withAddressReplaced('bob@x.test', 'ann@exmaple.test', 'ann@example.test')).toBe('bob@x.test');
  });
});
