import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { PIECE_BYTES, PieceAssembler } from '../../../../common/cache-pieces';
import type { CacheHostFrame, CacheHostRequest, CachePieceFrame } from '../../../../common/cache-protocol';
import { CacheClient, type CacheHostLink } from '../../../../main/cache/cache-client';
import { attachment, body } from '../../factories';

const DB = 'client-pieces';

/** A link to a channel that copies (as IPC or a WebSocket would), recording every frame, and when it was sent. */
function piecesLink(): CacheHostLink & { frames: Array<{ frame: CacheHostFrame; turn: number }>; turn: number } {
  const link = {
    frames: [] as Array<{ frame: CacheHostFrame; turn: number }>,
    turn: 0,
    send: (request: CacheHostRequest) => void link.frames.push({ frame: request, turn: link.turn }),
    sendPiece: (frame: CachePieceFrame<CacheHostRequest>) => void link.frames.push({ frame, turn: link.turn }),
  };
  return link;
}

function putBigBody(client: CacheClient, messageId: string, bytes: number): Promise<void> {
  const content = new Uint8Array(bytes).fill(7);
  return client.apply(DB, [{ op: 'putBody', body: body({ messageId }), attachments: [attachment({ id: `${messageId}/1`, messageId, content })] }]).then(() => undefined);
}

/** Lets the event loop turn until the link saw the end of request `requestId`'s pieces. */
async function untilEnd(link: ReturnType<typeof piecesLink>, requestId: number): Promise<void> {
  while (!link.frames.some(({ frame }) => frame.kind === 'piecesEnd' && frame.requestId === requestId)) {
    await nextTurn();
    link.turn++;
  }
}

describe('CacheClient: large values go to a copying channel in pieces, one per turn of the event loop', () => {
  it('sends a small request whole, and a large one as its head at once, then one piece per turn', async () => {
    const client = new CacheClient();
    const link = piecesLink();
    client.attach(link);

    void client.apply(DB, [{ op: 'removePendingOp', id: 'op-1' }]);
    void putBigBody(client, 'm1', 3 * PIECE_BYTES);

    expect(link.frames.map(({ frame }) => frame.kind)).toEqual(['apply', 'pieced']);
    await untilEnd(link, 2);
    const pieces = link.frames.filter(({ frame }) => frame.kind === 'piece');
    expect(pieces).toHaveLength(3);
    expect(new Set(pieces.map(({ turn }) => turn)).size).toBe(3);
    expect(link.frames.at(-1)!.frame).toEqual({ kind: 'piecesEnd', requestId: 2, pieces: [3] });
  });

  it('stops sending pieces to a host that went away, and sends the next host the request from its head', async () => {
    const client = new CacheClient();
    const first = piecesLink();
    client.attach(first);
    void putBigBody(client, 'm1', 5 * PIECE_BYTES);
    await nextTurn();
    client.detach(first);
    const sentBefore = first.frames.length;

    const second = piecesLink();
    client.attach(second);
    await untilEnd(second, 1);

    expect(first.frames.length).toBe(sentBefore);
    expect(first.frames.some(({ frame }) => frame.kind === 'piecesEnd')).toBe(false);
    expect(second.frames.map(({ frame }) => frame.kind)).toEqual(['pieced', 'piece', 'piece', 'piece', 'piece', 'piece', 'piecesEnd']);
  });
  it('a request that times out while its pieces are on their way ends them with a count the host cannot meet, so the host fails it instead of holding its queue (review)', async () => {
    const client = new CacheClient({ replyTimeoutMs: () => 1 });
    const link = piecesLink();
    client.attach(link);
    const error = await putBigBody(client, 'm1', 50 * PIECE_BYTES).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ wire: { code: 'CACHE_TIMEOUT' } });
    const sent = link.frames.filter(({ frame }) => frame.kind === 'piece').length;
    expect(sent).toBeLessThan(50);
    const end = link.frames.at(-1)!.frame;
    expect(end).toEqual({ kind: 'piecesEnd', requestId: 1, pieces: [sent + 1] });
    // Nothing follows the end.
    await nextTurn();
    await nextTurn();
    expect(link.frames.at(-1)!.frame).toBe(end);
    const assembler = new PieceAssembler<CacheHostRequest>((missing, total) => `${missing} of ${total}`);
    const assembled = assembler.accept(link.frames[0]!.frame as CachePieceFrame<CacheHostRequest>)!;
    for (const { frame } of link.frames.slice(1)) void assembler.accept(frame as CachePieceFrame<CacheHostRequest>);
    await expect(assembled).rejects.toThrow(`1 of ${sent + 1}`);
  });
});
