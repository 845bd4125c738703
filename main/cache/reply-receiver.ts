import { PieceAssembler, PiecesDropped, isPieceFrame, replyPiecesMissing } from '../../common/cache-pieces';
import type { CacheHostReply, CacheReplyFrame } from '../../common/cache-protocol';

/** Where a host's replies go: the cache client. */
interface ReplyTarget {
  receive(reply: CacheHostReply): void;
}

/**
 * One cache host's replies as its channel brings them — whole, or a large one in pieces — handed
 * to the client whole. A reply whose pieces did not all arrive fails its request; one dropped with
 * its channel (the host went away) is left to the client, which asks the next host again.
 */
export class ReplyReceiver {
  private readonly assembler = new PieceAssembler<CacheHostReply>(replyPiecesMissing);

  constructor(private readonly target: ReplyTarget) {}

  receive(frame: CacheReplyFrame): void {
    if (!isPieceFrame<CacheHostReply>(frame)) {
      this.target.receive(frame);
      return;
    }
    const requestId = frame.requestId;
    this.assembler.accept(frame)?.then(
      (reply) => this.target.receive(reply),
      (error: Error) => {
        if (!(error instanceof PiecesDropped)) this.target.receive({ kind: 'failed', requestId, message: error.message });
      },
    );
  }

  /** The host's channel closed: what it had half-sent is dropped. */
  drop(): void {
    this.assembler.drop();
  }
}
