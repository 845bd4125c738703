import { createServer, type Server, type Socket } from 'node:net';

/**
 * The only address the sandbox listens on. It speaks plaintext (no TLS, no STARTTLS) because
 * nothing but this machine can reach it; it must never listen anywhere else.
 */
export const LOOPBACK_HOST = '127.0.0.1';

export interface LoopbackServer {
  readonly port: number;
  /** Stops listening and drops every open connection. */
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 (port 0: a free one the kernel picks) and hands each connection over. */
export function listenOnLoopback(port: number, onConnection: (socket: Socket) => void): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    // A client that resets the connection is its own problem; it must not end the process.
    socket.on('error', () => socket.destroy());
    socket.setNoDelay(true);
    onConnection(socket);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host: LOOPBACK_HOST, backlog: 1024 }, () => {
      server.off('error', reject);
      server.on('error', () => undefined);
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('sandbox: the server has no port'));
        return;
      }
      resolve({
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            for (const socket of sockets) socket.destroy();
          }),
      });
    });
  });
}
