/**
 * Conversations by Jamie Zawinski's threading algorithm (https://www.jwz.org/doc/threading.html;
 * RFC 5256 §REFERENCES describes the same): a message's References and In-Reply-To name its
 * ancestors; a Message-ID no cached message carries is a "dummy" that still joins its replies.
 *
 * Departures, each for robustness over hostile or broken mail:
 * - Loops (A names B as parent, B names A) are broken after linking, in one linear pass over the
 *   parent links (each container has one parent, so every loop is found by walking them once),
 *   instead of an ancestor walk before each link, which costs O(depth) a link and O(n²) on one long
 *   chain of replies. The link cut is the one of the loop's oldest message, which becomes the root.
 * - Only the last MAX_REFERENCES ids of a References header count (the nearest ancestors).
 * - Subjects group only messages with neither References nor In-Reply-To, and only when their
 *   subject has a reply prefix: an unrelated "Hello" never joins another "Hello".
 * - Nothing recurses: a chain of 100,000 replies is as safe as a flat folder.
 */
import { subjectParts } from './base-subject';

/** What threading needs of a message (a subset of MessageRecord). */
export interface ThreadingInput {
  /** The cache id of the record. */
  id: string;
  /** Canonical Message-ID (common/model/message-id.ts), '' when the message has none. */
  messageId: string;
  inReplyTo: string;
  references?: readonly string[];
  subject: string;
  date: number;
}

/** One message in a thread's tree; messages a dummy held are the dummy's parent's children. */
export interface ThreadNode {
  id: string;
  children: ThreadNode[];
}

export interface Thread {
  /** Stable while the thread's root stays: the root's Message-ID, else its first message's cache id. */
  id: string;
  /** Top-level messages: one, or several when their common ancestor is not cached. */
  roots: ThreadNode[];
  /** Every message's cache id, oldest first. */
  messageIds: string[];
}

export interface Threading {
  threads: Thread[];
  /** Cache id of each message → id of its thread. */
  threadOf: Map<string, string>;
}

/** The nearest ancestors a References header can name here. */
export const MAX_REFERENCES = 100;

interface Container {
  key: string;
  message: ThreadingInput | null;
  parent: Container | null;
  children: Container[];
}

function newContainer(key: string): Container {
  return { key, message: null, parent: null, children: [] };
}

/** The message's ancestors, oldest first: References, then In-Reply-To if References does not end with it. */
function ancestry(message: ThreadingInput): string[] {
  const references = (message.references ?? []).slice(-MAX_REFERENCES).filter((id) => id !== '');
  if (message.inReplyTo && references.at(-1) !== message.inReplyTo) {
    references.push(message.inReplyTo);
    if (references.length > MAX_REFERENCES) references.shift();
  }
  return references;
}

export function threadMessages(messages: readonly ThreadingInput[]): Threading {
  const byKey = new Map<string, Container>();
  const containerOf = (key: string): Container => {
    let container = byKey.get(key);
    if (!container) {
      container = newContainer(key);
      byKey.set(key, container);
    }
    return container;
  };
  const all: Container[] = [];

  // 1. A container per Message-ID; each message's References link its ancestors one under the next.
  let unique = 0;
  for (const message of messages) {
    let own = message.messageId ? containerOf(message.messageId) : null;
    // RFC 5256: a second message with the same Message-ID (or none) is kept, under an id of its own.
    if (!own || own.message) {
      own = newContainer(`\u0000${unique++}\u0000${message.id}`);
      byKey.set(own.key, own);
    }
    own.message = message;
    const chain = ancestry(message);
    let previous: Container | null = null;
    for (const reference of chain) {
      const current = containerOf(reference);
      // An earlier message's own headers, or an earlier References header, already placed it.
      if (previous && current !== previous && !current.parent) current.parent = previous;
      previous = current;
    }
    // This message's own headers say who its parent is, whatever other messages guessed (a
    // message without them keeps a guess: the result does not depend on the order of messages).
    if (previous && previous !== own) own.parent = previous;
  }
  for (const container of byKey.values()) all.push(container);

  breakLoops(all);
  for (const container of all) container.parent?.children.push(container);

  // 2. Each root's tree, dummies left out (their children take their place), messages gathered.
  const threads: Thread[] = [];
  const threadOf = new Map<string, string>();
  const threadOfRoot = new Map<Container, Thread>();
  for (const root of all) {
    if (root.parent) continue;
    const thread = collect(root);
    if (thread.messageIds.length === 0) continue;
    threads.push(thread);
    threadOfRoot.set(root, thread);
  }

  const merged = groupBySubject(threads, threadOfRoot, new Map(messages.map((m) => [m.id, m.date])));
  for (const thread of merged) for (const id of thread.messageIds) threadOf.set(id, thread.id);
  return { threads: merged, threadOf };
}

/**
 * Cuts every loop of parent links. Walks up from each container, marking the walk; reaching a
 * container of this same walk means a loop, cut at its oldest message (a dummy if it has none).
 */
function breakLoops(all: readonly Container[]): void {
  const state = new Map<Container, number>();
  let walk = 0;
  for (const start of all) {
    if (state.has(start)) continue;
    walk++;
    let node: Container | null = start;
    while (node && !state.has(node)) {
      state.set(node, walk);
      node = node.parent;
    }
    if (!node || state.get(node) !== walk) continue;
    // `node` is on a loop: gather it and cut at the oldest message.
    let cut = node;
    for (let member = node.parent!; member !== node; member = member.parent!) {
      if (olderThan(member, cut)) cut = member;
    }
    cut.parent = null;
  }
}

function olderThan(a: Container, b: Container): boolean {
  if (!a.message) return false;
  if (!b.message) return true;
  return a.message.date < b.message.date;
}

/** The messages under `root` as a thread: a depth-first walk with an explicit stack. */
function collect(root: Container): Thread {
  const roots: ThreadNode[] = [];
  const found: ThreadingInput[] = [];
  const stack: Array<{ container: Container; under: ThreadNode | null }> = [{ container: root, under: null }];
  while (stack.length) {
    const { container, under } = stack.pop()!;
    let here = under;
    if (container.message) {
      here = { id: container.message.id, children: [] };
      (under ? under.children : roots).push(here);
      found.push(container.message);
    }
    for (let i = container.children.length - 1; i >= 0; i--) stack.push({ container: container.children[i]!, under: here });
  }
  found.sort(byDate);
  // A duplicate's key is made up: its thread is named by its cache id instead.
  const id = root.message ? (root.key === root.message.messageId ? root.key : root.message.id) : root.key;
  return { id, roots, messageIds: found.map((m) => m.id) };
}

/** A cheap test that a subject may start with a reply prefix (a short word and a colon, maybe after a list tag). */
const MAYBE_PREFIXED = /^\s*(?:\[[^\]]*\]\s*)?[^\s:：]{1,6}\s*(?:\[\d+\]|\(\d+\))?\s*[:：]/u;

function byDate(a: ThreadingInput, b: ThreadingInput): number {
  return a.date - b.date || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The fallback: a thread that is one message with neither References nor In-Reply-To and a reply
 * prefix ("Re: Lunch", from a mailer that drops the headers) joins the latest thread started before
 * it whose base subject is the same, preferring one whose root has no prefix (the original).
 */
function groupBySubject(threads: Thread[], threadOfRoot: Map<Container, Thread>, dates: Map<string, number>): Thread[] {
  // Most mailboxes have no such message: then no subject is folded at all.
  let anyOrphan = false;
  for (const root of threadOfRoot.keys()) {
    const first = root.message;
    if (first && !first.inReplyTo && !first.references?.length && root.children.length === 0 && MAYBE_PREFIXED.test(first.subject)) {
      anyOrphan = true;
      break;
    }
  }
  if (!anyOrphan) return threads;
  const starts = new Map<Thread, { message: ThreadingInput; base: string; orphan: boolean; prefixed: boolean }>();
  for (const [root, thread] of threadOfRoot) {
    const first = root.message;
    if (!first || thread.messageIds.length === 0) continue;
    const { base, prefixed } = subjectParts(first.subject);
    if (!base) continue;
    const orphan = prefixed && !first.inReplyTo && !(first.references ?? []).length && root.children.length === 0;
    starts.set(thread, { message: first, base, orphan, prefixed });
  }
  // Oldest first, so that "Re: x", "Re: x" with no original still end up as one thread.
  const candidates = [...starts.entries()].sort((a, b) => byDate(a[1].message, b[1].message));
  const latestByBase = new Map<string, { thread: Thread; prefixed: boolean }>();
  const absorbed = new Set<Thread>();
  const grown = new Set<Thread>();
  for (const [thread, start] of candidates) {
    const target = latestByBase.get(start.base);
    if (start.orphan && target) {
      target.thread.messageIds.push(...thread.messageIds);
      target.thread.roots.push(...thread.roots);
      absorbed.add(thread);
      grown.add(target.thread);
      continue;
    }
    // An original ("Lunch") takes over from a prefixed one ("Re: Lunch") as the target; among equals, the latest.
    if (!target || !start.prefixed || target.prefixed) latestByBase.set(start.base, { thread, prefixed: start.prefixed });
  }
  if (absorbed.size === 0) return threads;
  for (const thread of grown) thread.messageIds.sort((a, b) => (dates.get(a) ?? 0) - (dates.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
  return threads.filter((t) => !absorbed.has(t));
}
