import type { Socket } from 'node:net';

const GRACE_MS = 2_000;

/**
 * Ends the connection after the last answer is written; a client that does not read it within
 * a short grace period is cut off, so a stalled peer cannot hold the connection open.
 */
export function closeSoon(socket: Socket): void {
  if (socket.destroyed) return;
  socket.end();
  setTimeout(() => socket.destroy(), GRACE_MS).unref();
}
