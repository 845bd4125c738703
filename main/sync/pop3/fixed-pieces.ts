/**
 * Cuts a stream of byte arrays into pieces of exactly `size` bytes (the last one may be shorter),
 * copying each byte once, into the piece being filled; a full piece is handed on and awaited
 * before more is taken, so the writer's pace holds the reader back.
 */
export class FixedPieces {
  private piece = new Uint8Array(0);
  private filled = 0;

  constructor(
    private readonly size: number,
    private readonly onPiece: (piece: Uint8Array) => Promise<void>,
  ) {}

  /** Takes `bytes`; stops early (dropping the rest) once `stop()` says so. */
  async push(bytes: Uint8Array, stop: () => boolean = () => false): Promise<void> {
    let from = 0;
    while (from < bytes.length && !stop()) {
      if (this.filled === this.piece.length) this.piece = new Uint8Array(this.size);
      const taken = Math.min(this.piece.length - this.filled, bytes.length - from);
      this.piece.set(bytes.subarray(from, from + taken), this.filled);
      this.filled += taken;
      from += taken;
      if (this.filled === this.piece.length) {
        const full = this.piece;
        this.piece = new Uint8Array(0);
        this.filled = 0;
        await this.onPiece(full);
      }
    }
  }

  /** Hands on the unfinished last piece, if there is one, and starts afresh. */
  async finish(): Promise<void> {
    if (this.filled === 0) return;
    const last = this.piece.slice(0, this.filled);
    this.piece = new Uint8Array(0);
    this.filled = 0;
    await this.onPiece(last);
  }
}
