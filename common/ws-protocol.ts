/**
 * Frames of the web harness's WebSocket, one socket per page. `app` pages carry the contract;
 * the `cache-host` page carries the cache protocol. Encoded with `encodeWire` (binary-safe JSON).
 */
import type { CacheHostReply, CacheHostRequest } from './cache-protocol';
import type { CommandName, EventName } from './contract';
import type { Result } from './result';

export type WsRole = 'app' | 'cache-host';

export type AppToMain = { kind: 'invoke'; callId: number; command: CommandName; params: unknown };

export type MainToApp = { kind: 'result'; callId: number; result: Result<unknown> } | { kind: 'event'; event: EventName; payload: unknown };

export type MainToCacheHost = CacheHostRequest;

export type CacheHostToMain = CacheHostReply;

export const WS_PATH = '/ws';

/**
 * Close code (private range, RFC 6455 §7.4.2) for a page of the harness's own origin whose token
 * is not this run's: the harness was restarted and printed a new address. A browser cannot read
 * the HTTP status of a refused upgrade, so the socket is opened and closed at once with this code.
 */
export const WS_CLOSE_TOKEN_REFUSED = 4401;
