import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The smallest valid PNG (1×1, transparent). */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

export interface ImageServer {
  origin: string;
  port: number;
  /** TCP connections accepted so far: a refused address must leave this at 0. */
  connections: number;
  /** Paths requested, in order. */
  requests: string[];
  /** Bytes of body written to clients so far (the endless image counts here). */
  bytesSent: number;
  /** Resolves when the client of the endless image has hung up. */
  endlessClosed: Promise<void>;
  /**
   * Answers of `/held/<name>.png` (the tiny image) wait until `release(path)` is called: a test
   * decides exactly when main gets an image, relative to what the page is doing.
   */
  release(path: string): void;
  /** Resolves when a request for this path has arrived (and, for a held one, is waiting). */
  requested(path: string): Promise<void>;
  close(): Promise<void>;
}

type Route = (request: IncomingMessage, response: ServerResponse, server: ImageServer) => void;

/**
 * A misbehaving image host for the "Load images" tests, on a loopback address with port 0:
 * a good image, an endless one, one that lies about its size, HTML, SVG, redirects and a stall.
 * `extraRoutes` lets a test add its own (a redirect to another server).
 */
export async function startImageServer(host = '127.0.0.1', extraRoutes: Record<string, Route> = {}): Promise<ImageServer> {
  let endlessDone: () => void = () => undefined;
  const held = new Map<string, () => void>();
  const released = new Set<string>();
  const arrivals = new Map<string, { promise: Promise<void>; resolve: () => void }>();
  const arrival = (path: string) => {
    let entry = arrivals.get(path);
    if (!entry) {
      let resolve: () => void = () => undefined;
      const promise = new Promise<void>((done) => (resolve = done));
      entry = { promise, resolve };
      arrivals.set(path, entry);
    }
    return entry;
  };
  const sendTiny = (res: ServerResponse): void => {
    res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': TINY_PNG.length });
    res.end(TINY_PNG);
    state.bytesSent += TINY_PNG.length;
  };
  const state: ImageServer = {
    origin: '',
    port: 0,
    connections: 0,
    requests: [],
    bytesSent: 0,
    endlessClosed: new Promise<void>((resolve) => (endlessDone = resolve)),
    release: (path) => {
      released.add(path);
      held.get(path)?.();
      held.delete(path);
    },
    requested: (path) => arrival(path).promise,
    close: () => Promise.resolve(),
  };
  const routes: Record<string, Route> = {
    '/tiny.png': (_req, res) => sendTiny(res),
    '/400k.png': (_req, res) => {
      const body = Buffer.alloc(400 * 1024, 7);
      res.writeHead(200, { 'Content-Type': 'image/png' });
      res.end(body);
      state.bytesSent += body.length;
    },
    // 700 MB of "image" with no Content-Length, written as fast as the client reads it.
    '/endless.png': (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'image/png' });
      const chunk = Buffer.alloc(64 * 1024, 1);
      const limit = 700 * 1024 * 1024;
      const pump = (): void => {
        while (state.bytesSent < limit && !res.destroyed) {
          state.bytesSent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => endlessDone());
      pump();
    },
    '/claims-1gb.png': (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': String(1024 * 1024 * 1024) });
      res.write(Buffer.alloc(1024));
    },
    '/page.html': (_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<p>not an image</p>'),
    '/image.svg': (_req, res) => res.writeHead(200, { 'Content-Type': 'image/svg+xml' }).end('<svg xmlns="http://www.w3.org/2000/svg"/>'),
    '/gzip.png': (_req, res) => res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Encoding': 'gzip' }).end(Buffer.alloc(10)),
    '/missing.png': (_req, res) => res.writeHead(404).end(),
    '/to-tiny': (_req, res) => res.writeHead(302, { Location: '/tiny.png' }).end(),
    '/loop': (_req, res) => res.writeHead(302, { Location: '/loop' }).end(),
    '/to-file': (_req, res) => res.writeHead(302, { Location: 'file:///etc/passwd' }).end(),
    '/stall.png': (_req, res) => res.writeHead(200, { 'Content-Type': 'image/png' }).write(Buffer.alloc(10)),
    '/echo-host.png': (req, res) => {
      res.writeHead(200, { 'Content-Type': 'image/png', 'X-Host': req.headers.host ?? '' });
      res.end(Buffer.from(req.headers.host ?? ''));
    },
    ...extraRoutes,
  };
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    state.requests.push(path);
    const route = routes[path];
    if (route) route(request, response, state);
    else if (path.startsWith('/held/')) {
      if (released.has(path)) sendTiny(response);
      else held.set(path, () => sendTiny(response));
    } else response.writeHead(404).end();
    arrival(path).resolve();
  });
  server.on('connection', () => (state.connections += 1));
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  state.port = (server.address() as AddressInfo).port;
  state.origin = `http://${host}:${state.port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
