/**
 * Conversations as the page holds them (which thread each message is in, each thread's messages
 * oldest first), and the compact form they cross from the threading worker in.
 *
 * The compact form is one string of every id and an Int32Array of their lengths: a structured
 * clone of 100,000 ids in 30,000 arrays, and the Maps built from it, held the page's thread for
 * 60–160 ms in one task (measured in Chromium); a string and a typed array cost next to nothing to
 * receive, and the Maps are built here a slice at a time. Lengths, not a separator: a quoted local
 * part of a Message-ID (a thread's id) may hold any character a hostile header puts there.
 */

export interface ThreadTable {
  /** Cache id of each message → id of its thread. */
  threadOf: Map<string, string>;
  /** Thread id → its messages' cache ids, oldest first. */
  threadsById: Map<string, readonly string[]>;
}

export interface EncodedThreads {
  /** Each thread's id, then its messages' ids, one after another. */
  text: string;
  /** Per thread: its id's length, its message count, then each message id's length. */
  layout: Int32Array;
}

export function encodeThreads(threads: ReadonlyArray<{ id: string; messageIds: readonly string[] }>): EncodedThreads {
  const parts: string[] = [];
  const layout: number[] = [];
  for (const thread of threads) {
    parts.push(thread.id, ...thread.messageIds);
    layout.push(thread.id.length, thread.messageIds.length, ...thread.messageIds.map((id) => id.length));
  }
  return { text: parts.join(''), layout: Int32Array.from(layout) };
}

/** Builds the table from the compact form, calling `pause` between slices of about `sliceMs`. */
export async function decodeThreads(encoded: EncodedThreads, pause: () => Promise<void>, sliceMs = 8): Promise<ThreadTable> {
  const table: ThreadTable = { threadOf: new Map(), threadsById: new Map() };
  const { text, layout } = encoded;
  let at = 0;
  let slot = 0;
  let sliceStart = performance.now();
  while (slot < layout.length) {
    const threadId = text.slice(at, (at += layout[slot++]!));
    const count = layout[slot++]!;
    const messageIds: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = text.slice(at, (at += layout[slot++]!));
      messageIds.push(id);
      table.threadOf.set(id, threadId);
    }
    table.threadsById.set(threadId, messageIds);
    if (performance.now() - sliceStart > sliceMs) {
      await pause();
      sliceStart = performance.now();
    }
  }
  return table;
}
