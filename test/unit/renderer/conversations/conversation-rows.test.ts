import { describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../../../common/model/mail';
import { threadMessages } from '../../../../common/threading/jwz';
import { groupedAtOnce, groupedInSlices, threadOfMessage, type ConversationRow, type Computed } from '../../../../renderer/cache/thread-hooks';
import { participants, shortName } from '../../../../renderer/features/conversations/participants';
import { LIST_MODE_KEY, storedListMode } from '../../../../renderer/features/conversations/use-list-mode';
import { message } from '../../factories';

function computed(records: MessageRecord[]): Computed {
  const { threads, threadOf } = threadMessages(records);
  return { total: records.length, unknownId: '', threadOf, threadsById: new Map(threads.map((t) => [t.id, t.messageIds])) };
}

/** The rows alone, as the list shows them. */
const conversationRows = (ids: readonly string[], threading: Computed | null): ConversationRow[] => groupedAtOnce(ids, threading).rows;

describe('conversationRows', () => {
  const original = message({ id: 'server:INBOX#1', messageId: '<a@x>', date: 1 });
  const sentReply = message({ id: 'server:Sent#1', folderId: 'server:Sent', messageId: '<b@x>', inReplyTo: '<a@x>', references: ['<a@x>'], date: 2 });
  const answer = message({ id: 'server:INBOX#2', messageId: '<c@x>', inReplyTo: '<b@x>', references: ['<a@x>', '<b@x>'], date: 3 });
  const other = message({ id: 'server:INBOX#3', messageId: '<d@x>', subject: 'Other', date: 4 });
  const threads = computed([original, sentReply, answer, other]);

  it('gives one row per thread with a message in the folder, at its newest message there, counting every folder', () => {
    const rows = conversationRows([other.id, answer.id, original.id], threads);
    expect(rows.map((r) => [r.newestId, r.messageIds])).toEqual([
      [other.id, [other.id]],
      [answer.id, [original.id, sentReply.id, answer.id]],
    ]);
  });

  it('lists each message as its own row before threading is ready', () => {
    expect(conversationRows([answer.id, original.id], null).map((r) => r.messageIds)).toEqual([[answer.id], [original.id]]);
  });

  it('groups a long folder between pauses into the same rows, and stops when told', async () => {
    const records = Array.from({ length: 12_000 }, (_, n) => message({ id: `server:INBOX#${n}`, messageId: `<m${n}@x>`, ...(n % 3 ? { inReplyTo: `<m${n - (n % 3)}@x>`, references: [`<m${n - (n % 3)}@x>`] } : {}), date: n }));
    const ids = records.map((r) => r.id).reverse();
    const table = computed(records);
    let pauses = 0;
    const sliced = await groupedInSlices(ids, table, () => Promise.resolve(++pauses > 0), -1);
    expect(sliced).toEqual(groupedAtOnce(ids, table));
    expect(sliced?.rows).toHaveLength(4_000);
    expect(pauses).toBe(12);
    expect(await groupedInSlices(ids, table, () => Promise.resolve(false), -1)).toBeNull();
  });

  it('names the first listed message not threaded yet (moved in), never a pending one, and none before threading', () => {
    expect(groupedAtOnce(['pending:1', other.id, 'server:INBOX#77', 'server:INBOX#78'], threads).unthreadedId).toBe('server:INBOX#77');
    expect(groupedAtOnce([other.id, answer.id], threads).unthreadedId).toBe('');
    expect(groupedAtOnce(['server:INBOX#77'], null).unthreadedId).toBe('');
  });

  it('finds the conversation of a message, or the message alone', () => {
    expect(threadOfMessage(threads, sentReply.id)).toEqual([original.id, sentReply.id, answer.id]);
    expect(threadOfMessage(null, sentReply.id)).toEqual([sentReply.id]);
    expect(threadOfMessage(threads, 'server:INBOX#99')).toEqual(['server:INBOX#99']);
  });
});

describe('participants', () => {
  const from = (name: string, address: string) => message({ from: [{ name, address }] });

  it('names each sender once, by first name, oldest first, "me" for the account', () => {
    const list = [from('Ann Example', 'ann@x'), from('Me', 'me@x'), from('Ann Example', 'ann@x'), from('', 'bob@x')];
    expect(participants(list, 'ME@x')).toBe('Ann, me, bob');
  });

  it('names one sender whole, and keeps a name that starts with an article whole ("The", "Die", "Le")', () => {
    expect(participants([from('The Harbour Weekly', 'news@harbour.example'), from('The Harbour Weekly', 'news@harbour.example')], null)).toBe('The Harbour Weekly');
    expect(participants([from('Ann Example', 'ann@x')], null)).toBe('Ann Example');
    expect(participants([from('Doe, Jane', 'j@x')], null)).toBe('Doe, Jane');
    expect(participants([from('Ann Example', 'ann@x'), from('The Harbour Weekly', 'news@x'), from('Die Zeit', 'z@x')], null)).toBe('Ann, The Harbour Weekly, Die Zeit');
    expect(participants([from('Me', 'me@x')], 'me@x')).toBe('me');
  });

  it('shortens a long list', () => {
    expect(participants(['a', 'b', 'c', 'd', 'e'].map((n) => from(n, `${n}@x`)), null)).toBe('a, b, c + 2');
  });

  it('reads "Doe, Jane" as Jane and drops bidi controls', () => {
    expect(shortName({ name: 'Doe, Jane', address: 'j@x' }, null)).toBe('Jane');
    expect(shortName({ name: '\u202EevilName', address: 'e@x' }, null)).toBe('evilName');
    expect(shortName(undefined, null)).toBe('(no sender)');
  });
});

describe('storedListMode', () => {
  it('is conversations only when that was stored; anything else is messages', () => {
    const storage = (value: string | null) => ({ getItem: (key: string) => (key === LIST_MODE_KEY ? value : null) });
    expect(storedListMode(storage('conversations'))).toBe('conversations');
    expect(storedListMode(storage('messages'))).toBe('messages');
    expect(storedListMode(storage('garbage'))).toBe('messages');
    expect(storedListMode(null)).toBe('messages');
    expect(storedListMode({ getItem: () => { throw new Error('refused'); } })).toBe('messages');
  });
});
