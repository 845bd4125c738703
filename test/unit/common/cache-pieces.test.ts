import { describe, expect, it } from 'vitest';
import { PIECE_BYTES, PIECE_CHARS, PieceAssembler, isPieceFrame, messagePieces, requestPiecesMissing, splitLargeValues, type SplitMessage } from '../../../common/cache-pieces';
import type { CacheHostReply, CacheHostRequest, CacheOp, CachePiece, CachePieceFrame } from '../../../common/cache-protocol';
import { decodePieceFrame, encodePieceFrame } from '../../../common/ws-protocol';
import { ReplyReceiver } from '../../../main/cache/reply-receiver';
import { CacheHostHandler } from '../../../renderer/cache-host/host-handler';
import { fakeIdbOptions, openCacheForReading } from '../../support/in-process-cache-host';
import { attachment, body, message, randomBytes, seededRandom } from '../factories';

/** Text whose piece boundaries fall inside surrogate pairs and multi-byte characters. */
function awkwardText(chars: number): string {
  const unit = 'a€😀ب\u{10348}';
  return unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
}

function bigPutBody(messageId: string, textChars: number, attachmentBytes: number): CacheHostRequest {
  return {
    kind: 'apply',
    requestId: 7,
    dbName: 'pieces-db',
    ops: [
      { op: 'putBody', body: body({ messageId, text: awkwardText(textChars), html: null }), attachments: [attachment({ id: `${messageId}/1`, messageId, content: randomBytes(seededRandom(3), attachmentBytes) })] },
    ],
  };
}

function framesOf(request: CacheHostRequest): { split: SplitMessage<CacheHostRequest>; frames: Array<CachePieceFrame<CacheHostRequest>> } {
  const split = splitLargeValues(request)!;
  return { split, frames: [split.head, ...messagePieces(split)] };
}

/** Feeds frames to an assembler and resolves with what it made of them (or the error). */
async function assembled(frames: Array<CachePieceFrame<CacheHostRequest>>): Promise<CacheHostRequest | Error> {
  const assembler = new PieceAssembler<CacheHostRequest>(requestPiecesMissing);
  const arriving = frames.map((frame) => assembler.accept(frame)).filter((a) => a !== null);
  expect(arriving).toHaveLength(1);
  return arriving[0]!.catch((error: Error) => error);
}

type PutBody = Extract<CacheOp, { op: 'putBody' }>;

function putBodyOf(request: CacheHostRequest): PutBody {
  return (request as Extract<CacheHostRequest, { kind: 'apply' }>).ops[0] as PutBody;
}

function expectSameRequest(actual: CacheHostRequest | Error, expected: CacheHostRequest): void {
  if (actual instanceof Error) throw actual;
  const [got, want] = [putBodyOf(actual), putBodyOf(expected)];
  // Compared as a whole, not by toEqual: a deep compare of megabytes element by element takes seconds.
  expect(got.body.text === want.body.text).toBe(true);
  expect(Buffer.from(got.attachments[0]!.content).equals(want.attachments[0]!.content)).toBe(true);
  expect({ ...got, body: { ...got.body, text: '' }, attachments: [] }).toEqual({ ...want, body: { ...want.body, text: '' }, attachments: [] });
  expect({ ...actual, ops: [] }).toEqual({ ...expected, ops: [] });
}

/** A cache host serving one channel, and its replies as they come. */
function hostChannel(): { handler: CacheHostHandler; channel: ReturnType<CacheHostHandler['openChannel']>; replies: (count: number) => Promise<CacheHostReply[]> } {
  const received: CacheHostReply[] = [];
  const waiting: Array<() => void> = [];
  const handler = new CacheHostHandler(fakeIdbOptions);
  const channel = handler.openChannel({
    send: (reply) => {
      received.push(reply);
      waiting.splice(0).forEach((wake) => wake());
    },
  });
  const replies = async (count: number): Promise<CacheHostReply[]> => {
    while (received.length < count) await new Promise<void>((wake) => waiting.push(wake));
    return received;
  };
  return { handler, channel, replies };
}

describe('splitLargeValues: which values of a request travel apart', () => {
  it('leaves a request of small values alone, and never walks a header batch', () => {
    expect(splitLargeValues({ kind: 'apply', requestId: 1, dbName: 'd', ops: [{ op: 'putBody', body: body(), attachments: [attachment()] }] })).toBeNull();
    const longSubject = message({ subject: 'x'.repeat(PIECE_BYTES) });
    expect(splitLargeValues({ kind: 'apply', requestId: 1, dbName: 'd', ops: [{ op: 'putMessages', messages: [longSubject] }] })).toBeNull();
    expect(splitLargeValues({ kind: 'query', requestId: 2, dbName: 'd', query: { query: 'folders' } })).toBeNull();
  });

  it('takes out large strings and byte arrays, leaving null in their place and the request main keeps unchanged', () => {
    const request = bigPutBody('m1', 600_000, 2 * PIECE_BYTES + 5);
    const before = JSON.stringify(request, (_k, v: unknown) => (v instanceof Uint8Array ? v.byteLength : v));

    const { head, sources } = splitLargeValues(request)!;

    expect(head.values).toEqual([
      { path: ['ops', 0, 'body', 'text'], type: 'text' },
      { path: ['ops', 0, 'attachments', 0, 'content'], type: 'bytes', byteLength: 2 * PIECE_BYTES + 5 },
    ]);
    const op = (head.message as Extract<CacheHostRequest, { kind: 'apply' }>).ops[0] as { body: { text: unknown; messageId: string }; attachments: Array<{ content: unknown; id: string }> };
    expect(op.body.text).toBeNull();
    expect(op.body.messageId).toBe('m1');
    expect(op.attachments[0]).toMatchObject({ id: 'm1/1', content: null });
    expect(sources.map((s) => (typeof s === 'string' ? s.length : s.byteLength))).toEqual([600_000, 2 * PIECE_BYTES + 5]);
    expect(JSON.stringify(request, (_k, v: unknown) => (v instanceof Uint8Array ? v.byteLength : v))).toBe(before);
  });

  it('makes pieces of at most a piece’s size, each a copy, each valid UTF-8 by itself, then the end with their counts', () => {
    const { frames } = framesOf(bigPutBody('m1', 3 * PIECE_CHARS + 11, 3 * PIECE_BYTES + 1));
    const pieces = frames.filter((f): f is CachePiece => f.kind === 'piece');

    expect(frames.at(-1)).toEqual({ kind: 'piecesEnd', requestId: 7, pieces: [4, 4] });
    expect(Math.max(...pieces.map((p) => p.data.byteLength))).toBeLessThanOrEqual(3 * PIECE_CHARS);
    for (const piece of pieces) expect(piece.data.byteLength).toBe(piece.data.buffer.byteLength);
    const strict = new TextDecoder('utf-8', { fatal: true });
    for (const piece of pieces.filter((p) => p.value === 0)) expect(() => strict.decode(piece.data)).not.toThrow();
  });
});

describe('PieceAssembler: a request is applied only once every piece arrived', () => {
  const request = bigPutBody('m1', 2 * PIECE_CHARS + 3, 2 * PIECE_BYTES + 7);

  it('puts the values back where they were, byte for byte', async () => {
    expectSameRequest(await assembled(framesOf(request).frames), request);
  });

  it('takes pieces in any order, and the same piece twice', async () => {
    const [head, ...rest] = framesOf(request).frames;
    const end = rest.pop()!;
    const shuffled = [...rest].reverse();
    expectSameRequest(await assembled([head!, ...shuffled, rest[1]!, rest[0]!, end]), request);
  });

  it('fails a request whose pieces did not all arrive, saying so, instead of writing a value with a hole', async () => {
    const { frames } = framesOf(request);
    const withoutOne = frames.filter((f) => !(f.kind === 'piece' && f.value === 1 && f.index === 2));

    const outcome = await assembled(withoutOne);

    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).message).toBe('1 of the 6 pieces of this request did not arrive; nothing of it was saved.');
  });

  it('gives no memory to a byte array of a length no message has, and fails its message', async () => {
    const [head, ...rest] = framesOf(request).frames as [Extract<CachePieceFrame<CacheHostRequest>, { kind: 'pieced' }>, ...Array<CachePieceFrame<CacheHostRequest>>];
    const lying = { ...head, values: head.values.map((v) => (v.type === 'bytes' ? { ...v, byteLength: 2 ** 40 } : v)) };

    const outcome = await assembled([lying, ...rest]);

    expect((outcome as Error).message).toBe('3 of the 6 pieces of this request did not arrive; nothing of it was saved.');
  });

  it('drops half-received requests when the channel closes, and ignores pieces nobody announced', async () => {
    const assembler = new PieceAssembler<CacheHostRequest>(requestPiecesMissing);
    const [head, first] = framesOf(request).frames;
    expect(assembler.accept({ kind: 'piece', requestId: 99, value: 0, index: 0, data: new Uint8Array(3) })).toBeNull();
    const arriving = assembler.accept(head!)!;
    expect(assembler.accept(first!)).toBeNull();

    assembler.drop();

    await expect(arriving).rejects.toThrow('The channel closed before all its pieces arrived.');
  });

  it('a whole request sent after a pieced one is not answered before it', async () => {
    const { handler, channel, replies: repliesUntil } = hostChannel();
    const [head, ...rest] = framesOf(request).frames;
    channel.receive(head!);
    channel.receive({ kind: 'query', requestId: 8, dbName: 'pieces-db', query: { query: 'pendingCount' } });
    for (const frame of rest) channel.receive(frame);
    const replies = await repliesUntil(2);

    expect(replies.map((r) => [r.kind, r.requestId])).toEqual([
      ['done', 7],
      ['done', 8],
    ]);
    const stored = await openCacheForReading('pieces-db').bodies.get('m1');
    expect(stored?.text === putBodyOf(request).body.text).toBe(true);
    handler.close();
  });

  it('answers a request with a missing piece as failed, and saves nothing of it', async () => {
    const { handler, channel, replies: repliesUntil } = hostChannel();
    const holed = bigPutBody('m-holed', PIECE_CHARS + 1, 10);
    for (const frame of framesOf(holed).frames) if (!(frame.kind === 'piece' && frame.index === 1)) channel.receive(frame);
    channel.receive({ kind: 'query', requestId: 9, dbName: 'pieces-db', query: { query: 'pendingCount' } });
    const replies = await repliesUntil(2);

    expect(replies[0]).toEqual({ kind: 'failed', requestId: 7, message: '1 of the 2 pieces of this request did not arrive; nothing of it was saved.' });
    expect(await openCacheForReading('pieces-db').bodies.get('m-holed')).toBeUndefined();
    handler.close();
  });
});

describe('ReplyReceiver: main takes a large reply in pieces', () => {
  const reply: CacheHostReply = { kind: 'done', requestId: 12, value: [attachment({ id: 'm1/1', messageId: 'm1', content: new Uint8Array(3 * PIECE_BYTES).fill(5) })] };
  const frames = (): Array<CachePieceFrame<CacheHostReply>> => {
    const split = splitLargeValues(reply)!;
    return [split.head, ...messagePieces(split)];
  };

  it('hands the client the reply whole once every piece arrived, and a reply sent whole at once', async () => {
    const received: CacheHostReply[] = [];
    const receiver = new ReplyReceiver({ receive: (r) => received.push(r) });
    receiver.receive({ kind: 'done', requestId: 11, value: 3 });
    for (const frame of frames()) receiver.receive(frame);
    await Promise.resolve();

    expect(received.map((r) => r.requestId)).toEqual([11, 12]);
    const [got] = (received[1] as { value: Array<{ content: Uint8Array }> }).value;
    expect(Buffer.from(got!.content).equals(new Uint8Array(3 * PIECE_BYTES).fill(5))).toBe(true);
    expect(isPieceFrame<CacheHostReply>(received[1]!)).toBe(false);
  });

  it('fails the request when a piece of its reply is missing, and leaves it to the next host when the channel closed', async () => {
    const received: CacheHostReply[] = [];
    const receiver = new ReplyReceiver({ receive: (r) => received.push(r) });
    for (const frame of frames()) if (!(frame.kind === 'piece' && frame.index === 0)) receiver.receive(frame);
    const [head, piece] = frames();
    receiver.receive({ ...head!, requestId: 13 });
    receiver.receive({ ...piece!, requestId: 13 });
    receiver.drop();
    await Promise.resolve();
    await Promise.resolve();

    expect(received).toEqual([{ kind: 'failed', requestId: 12, message: '1 of the 3 pieces of its answer did not arrive.' }]);
  });
});

describe('a piece’s binary frame on the harness WebSocket', () => {
  it('round-trips its numbers and bytes', () => {
    const piece: CachePiece = { kind: 'piece', requestId: 4_000_000_001, value: 3, index: 70_000, data: new Uint8Array([0, 255, 7]) };
    const decoded = decodePieceFrame(encodePieceFrame(piece));
    expect({ ...decoded, data: [...decoded.data] }).toEqual({ ...piece, data: [0, 255, 7] });
    expect(() => decodePieceFrame(new Uint8Array(5))).toThrow();
  });
});
