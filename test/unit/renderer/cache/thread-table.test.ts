import { describe, expect, it } from 'vitest';
import { decodeThreads, encodeThreads } from '../../../../renderer/cache/thread-table';

describe('the thread table as it crosses from the worker', () => {
  it('comes back whole, whatever the ids hold', async () => {
    const threads = [
      { id: '<"a\nb\u0000c"@x>', messageIds: ['server:INBOX#1', 'server:Sent#7'] },
      { id: 'message:local:Drafts#😀', messageIds: ['local:Drafts#😀'] },
      { id: '', messageIds: [] },
      { id: '<שלום@x>', messageIds: ['server:INBOX#2', '', 'server:INBOX#3'] },
    ];
    const table = await decodeThreads(encodeThreads(threads), async () => {});
    expect([...table.threadsById]).toEqual(threads.map((t) => [t.id, t.messageIds]));
    expect(table.threadOf.get('server:Sent#7')).toBe('<"a\nb\u0000c"@x>');
    expect(table.threadOf.get('local:Drafts#😀')).toBe('message:local:Drafts#😀');
    expect(table.threadOf.get('server:INBOX#3')).toBe('<שלום@x>');
  });

  it('pauses between slices of a large table', async () => {
    const threads = Array.from({ length: 30_000 }, (_, t) => ({ id: `<t${t}@x>`, messageIds: Array.from({ length: 1 + (t % 6) }, (_, i) => `server:INBOX#${t}.${i}`) }));
    let pauses = 0;
    const table = await decodeThreads(encodeThreads(threads), () => Promise.resolve(void pauses++), 0);
    expect(table.threadsById.size).toBe(30_000);
    expect(table.threadOf.size).toBe(threads.reduce((sum, t) => sum + t.messageIds.length, 0));
    expect(pauses).toBeGreaterThan(100);
  });
});
