/**
 * Frames of the web harness's WebSocket, one socket per page. `app` pages carry the contract;
 * the `cache-host` page carries the cache protocol. Encoded with `encodeWire` (binary-safe JSON),
 * except the pieces of large values between main and the cache host: binary frames (`encodePieceFrame`).
 */
import type { CacheHostFrame, CachePiece, CacheReplyFrame } from './cache-protocol';
import type { CommandName, EventName } from './contract';
import type { Result } from './result';

export type WsRole = 'app' | 'cache-host';

export type AppToMain = { kind: 'invoke'; callId: number; command: CommandName; params: unknown };

export type MainToApp = { kind: 'result'; callId: number; result: Result<unknown> } | { kind: 'event'; event: EventName; payload: unknown };

export type MainToCacheHost = CacheHostFrame;

export type CacheHostToMain = CacheReplyFrame;

export const WS_PATH = '/ws';

/**
 * Close code (private range, RFC 6455 §7.4.2) for a page of the harness's own origin whose token
 * is not this run's: the harness was restarted and printed a new address. A browser cannot read
 * the HTTP status of a refused upgrade, so the socket is opened and closed at once with this code.
 */
export const WS_CLOSE_TOKEN_REFUSED = 4401;

/** A piece's binary frame: request id, value number and piece number (32-bit, big-endian), then its bytes. */
const PIECE_HEADER_BYTES = 12;

export function encodePieceFrame(piece: CachePiece): Uint8Array<ArrayBuffer> {
  const frame = new Uint8Array(PIECE_HEADER_BYTES + piece.data.byteLength);
  const header = new DataView(frame.buffer);
  header.setUint32(0, piece.requestId);
  header.setUint32(4, piece.value);
  header.setUint32(8, piece.index);
  frame.set(piece.data, PIECE_HEADER_BYTES);
  return frame;
}

export function decodePieceFrame(frame: Uint8Array): CachePiece {
  if (frame.byteLength < PIECE_HEADER_BYTES) throw new Error('A piece frame shorter than its header');
  const header = new DataView(frame.buffer, frame.byteOffset, PIECE_HEADER_BYTES);
  return { kind: 'piece', requestId: header.getUint32(0), value: header.getUint32(4), index: header.getUint32(8), data: frame.subarray(PIECE_HEADER_BYTES) };
}
