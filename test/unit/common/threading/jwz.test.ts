import { describe, expect, it } from 'vitest';
import { subjectParts } from '../../../../common/threading/base-subject';
import { MAX_REFERENCES, threadMessages, type Thread, type ThreadingInput, type ThreadNode } from '../../../../common/threading/jwz';

let clock = 0;
function message(id: string, fields: Partial<ThreadingInput> = {}): ThreadingInput {
  return { id, messageId: `<${id}@test>`, inReplyTo: '', references: [], subject: 'Lunch', date: ++clock * 1000, ...fields };
}
const ref = (id: string): string => `<${id}@test>`;

/** Each thread as its sorted cache ids, threads sorted: comparable whatever the order of output. */
function groups(messages: ThreadingInput[]): string[][] {
  return threadMessages(messages)
    .threads.map((t) => [...t.messageIds].sort())
    .sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

function tree(nodes: ThreadNode[]): unknown {
  return nodes.map((n) => (n.children.length ? { [n.id]: tree(n.children) } : n.id));
}

function only(messages: ThreadingInput[]): Thread {
  const { threads } = threadMessages(messages);
  expect(threads).toHaveLength(1);
  return threads[0]!;
}

describe('threadMessages', () => {
  it('builds the tree from References, oldest first, and maps every message to its thread', () => {
    const a = message('a');
    const b = message('b', { subject: 'Re: Lunch', inReplyTo: ref('a'), references: [ref('a')] });
    const c = message('c', { subject: 'Re: Lunch', inReplyTo: ref('b'), references: [ref('a'), ref('b')] });
    const d = message('d', { subject: 'Re: Lunch', inReplyTo: ref('a'), references: [ref('a')] });
    const result = threadMessages([c, d, a, b]);
    expect(result.threads).toHaveLength(1);
    const thread = result.threads[0]!;
    expect(thread.id).toBe(ref('a'));
    expect(thread.messageIds).toEqual(['a', 'b', 'c', 'd']);
    expect(tree(thread.roots)).toEqual([{ a: [{ b: ['c'] }, 'd'] }]);
    expect([...result.threadOf.values()]).toEqual([ref('a'), ref('a'), ref('a'), ref('a')]);
  });

  it('gives the same threads whatever the order of the messages', () => {
    const list = [
      message('a'),
      message('b', { references: [ref('a')] }),
      message('c', { references: [ref('a'), ref('b')] }),
      message('x', { subject: 'Other' }),
      message('y', { inReplyTo: ref('x') }),
    ];
    const expected = groups(list);
    expect(expected).toEqual([['a', 'b', 'c'], ['x', 'y']]);
    expect(groups([...list].reverse())).toEqual(expected);
    expect(groups([list[2]!, list[4]!, list[0]!, list[3]!, list[1]!])).toEqual(expected);
  });

  it('uses In-Reply-To when there is no References header', () => {
    expect(tree(only([message('a'), message('b', { inReplyTo: ref('a'), references: undefined })]).roots)).toEqual([{ a: ['b'] }]);
  });

  it('keeps a broken chain together through a dummy for the missing parent', () => {
    // The original (m) never arrived: both replies name it, so they are one thread of two roots.
    const b = message('b', { subject: 'Re: Lunch', references: [ref('m')] });
    const c = message('c', { subject: 'Re: Lunch', references: [ref('m')] });
    const thread = only([b, c]);
    expect(thread.id).toBe(ref('m'));
    expect(tree(thread.roots)).toEqual(['b', 'c']);
  });

  it('joins a reply whose References skip a missing middle message', () => {
    const a = message('a');
    const c = message('c', { references: [ref('a'), ref('gone')] });
    expect(tree(only([a, c]).roots)).toEqual([{ a: ['c'] }]);
  });

  it('breaks a loop (A→B→A) and keeps both messages, the older at the root', () => {
    const a = message('a', { references: [ref('b')] });
    const b = message('b', { references: [ref('a')] });
    expect(tree(only([a, b]).roots)).toEqual([{ a: ['b'] }]);
    expect(tree(only([b, a]).roots)).toEqual([{ a: ['b'] }]);
  });

  it('breaks a longer loop made by References of other messages', () => {
    const a = message('a', { references: [ref('c')] });
    const b = message('b', { references: [ref('a')] });
    const c = message('c', { references: [ref('b')] });
    const thread = only([a, b, c]);
    expect(thread.messageIds).toEqual(['a', 'b', 'c']);
    expect(tree(thread.roots)).toEqual([{ a: [{ b: ['c'] }] }]);
  });

  it('a message that names itself as its parent is a root', () => {
    const a = message('a', { inReplyTo: ref('a'), references: [ref('a')] });
    const b = message('b', { references: [ref('a')] });
    expect(tree(only([a, b]).roots)).toEqual([{ a: ['b'] }]);
  });

  it('keeps both messages of a Message-ID seen twice (a copy in Sent and in the Inbox)', () => {
    const first = message('inbox-copy', { messageId: ref('same') });
    const second = message('sent-copy', { messageId: ref('same') });
    const reply = message('reply', { references: [ref('same')] });
    const result = threadMessages([first, second, reply]);
    const ids = result.threads.flatMap((t) => t.messageIds).sort();
    expect(ids).toEqual(['inbox-copy', 'reply', 'sent-copy']);
    expect(result.threadOf.get('reply')).toBe(result.threadOf.get('inbox-copy'));
    // Thread ids stay distinct, so no list shows two rows under one key.
    expect(new Set(result.threads.map((t) => t.id)).size).toBe(result.threads.length);
  });

  it('keeps messages without a Message-ID, each apart', () => {
    const result = threadMessages([message('a', { messageId: '', subject: 'One' }), message('b', { messageId: '', subject: 'Two' })]);
    expect(result.threads.map((t) => t.id).sort()).toEqual(['a', 'b']);
  });

  it(`reads at most the last ${MAX_REFERENCES} ids of a 10,000-long References header`, () => {
    const references = Array.from({ length: 10_000 }, (_, i) => ref(`r${i}`));
    const a = message('r9999');
    const b = message('b', { references });
    const thread = only([a, b]);
    expect(tree(thread.roots)).toEqual([{ r9999: ['b'] }]);
    // An ancestor beyond the bound does not join: its id was never read.
    expect(threadMessages([message('r0', { subject: 'x' }), b]).threads).toHaveLength(2);
  });

  it('threads a chain of 100,000 replies without running out of stack', () => {
    const chain = Array.from({ length: 100_000 }, (_, i) => message(`m${i}`, { references: i ? [ref(`m${i - 1}`)] : [] }));
    const thread = only(chain);
    expect(thread.messageIds).toHaveLength(100_000);
    expect(thread.messageIds[0]).toBe('m0');
  });

  describe('subject fallback', () => {
    it('joins a "Re:" without References or In-Reply-To to the thread of its subject', () => {
      const original = message('a', { subject: 'Lunch on Friday' });
      const reply = message('b', { subject: 'AW: Re: Lunch on Friday' });
      expect(only([reply, original]).messageIds).toEqual(['a', 'b']);
    });

    it.each(['Re: Lunch', 'RE: lunch', 'Fwd: Lunch', 'SV: Lunch', 'Antw: Lunch', 'Re[2]: Lunch', '[team] Re: Lunch', 'Ré: Lünch'.replace('é', 'e')])('%j joins "Lunch"', (subject) => {
      expect(groups([message('a'), message('b', { subject })])).toEqual([['a', 'b']]);
    });

    it('does not join two unrelated messages of the same subject without a prefix', () => {
      expect(groups([message('a', { subject: 'Hello' }), message('b', { subject: 'Hello' })])).toEqual([['a'], ['b']]);
    });

    it('does not move a message that has References, even when its subject matches another thread', () => {
      const lunch = message('a', { subject: 'Lunch' });
      const other = message('b', { subject: 'Re: Lunch', references: [ref('elsewhere')] });
      expect(groups([lunch, other])).toEqual([['a'], ['b']]);
    });

    it('joins the latest thread of the subject started before the reply', () => {
      const old = message('a', { subject: 'Weekly report' });
      const recent = message('b', { subject: 'Weekly report' });
      const reply = message('c', { subject: 'Re: Weekly report' });
      expect(groups([old, recent, reply])).toEqual([['a'], ['b', 'c']]);
    });
  });

  it('threads an empty list', () => {
    expect(threadMessages([])).toEqual({ threads: [], threadOf: new Map() });
  });
});

describe('subjectParts', () => {
  it.each([
    ['Re: Re: Fwd: Lunch', 'lunch', true],
    ['Lunch', 'lunch', false],
    ['[dev] Release 2.0', '[dev] release 2.0', false],
    ['Re : Déjeuner', 'dejeuner', true],
    ['回复：会议', '会议', true],
    ['Report (fwd)', 'report', false],
    ['Re:', '', true],
  ])('%j → %j', (subject, base, prefixed) => {
    expect(subjectParts(subject)).toEqual({ base, prefixed });
  });

  it('is bounded on a subject of a thousand prefixes', () => {
    expect(subjectParts('Re: '.repeat(1_000) + 'x').prefixed).toBe(true);
  });
});
