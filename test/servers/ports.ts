import { createServer, type Server } from 'node:net';

export const HOST = '127.0.0.1';

function listenOnFreePort(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => resolve(server));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * Returns `count` distinct ports that were free a moment ago (each bound to port 0, then released).
 * Another process can still take one before the caller binds it: callers retry on EADDRINUSE.
 */
export async function findFreePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, () => listenOnFreePort()));
  const ports = servers.map((server) => {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('test servers: no port bound');
    return address.port;
  });
  await Promise.all(servers.map(close));
  return ports;
}
