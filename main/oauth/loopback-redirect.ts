import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { escapeHtml } from '../../common/escape-html';

/** What the browser brought back, and the page to show it in return. */
export interface ReceivedRedirect {
  params: URLSearchParams;
  /** Answers the browser's request with a short page (then the listener is gone). */
  reply(title: string, text: string): void;
}

/** A one-use listener for the provider's redirect. */
export interface LoopbackRedirect {
  redirectUri: string;
  received: Promise<ReceivedRedirect>;
  close(): void;
}

const REDIRECT_PATH = '/';

/**
 * RFC 8252 §7.3: the redirect comes to an HTTP listener on the loopback interface, on a port the
 * system picks, for one sign-in only. The first request that carries an authorization response
 * (`code`, `error` or `state`, RFC 6749 §4.1.2) is the one; anything else (a favicon) gets 404.
 * The listener stops listening as soon as that request arrives, and closes when the caller is done.
 */
export async function listenForRedirect(): Promise<LoopbackRedirect> {
  let deliver: (redirect: ReceivedRedirect) => void = () => undefined;
  const received = new Promise<ReceivedRedirect>((resolve) => {
    deliver = resolve;
  });
  let taken = false;
  const server = createServer((request, response) => {
    // Any local program can reach this port: a request line that is no URL (`//[`) gets 404, not a throw.
    const url = URL.canParse(request.url ?? '/', 'http://127.0.0.1') ? new URL(request.url ?? '/', 'http://127.0.0.1') : null;
    const isResponse = url !== null && ['code', 'error', 'state'].some((name) => url.searchParams.has(name));
    if (url === null || request.method !== 'GET' || url.pathname !== REDIRECT_PATH || !isResponse || taken) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    taken = true;
    // No new connections from here on; this request's answer still goes out.
    server.close();
    deliver({ params: url.searchParams, reply: (title, text) => replyPage(response, title, text) });
  });
  await new Promise<void>((ready, failed) => {
    server.once('error', failed);
    server.listen(0, '127.0.0.1', () => ready());
  });
  // A sign-in left waiting must not keep a stopping process (the harness, a test) alive.
  server.unref();
  const { port } = server.address() as AddressInfo;
  return {
    redirectUri: `http://127.0.0.1:${port}${REDIRECT_PATH}`,
    received,
    close: () => {
      server.close();
      server.closeAllConnections();
    },
  };
}

function replyPage(response: ServerResponse, title: string, text: string): void {
  if (response.writableEnded) return;
  const body = `<!doctype html><meta charset="utf-8"><title>${escapeHtml(title)}</title><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>`;
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'", 'cache-control': 'no-store' }).end(body);
}
