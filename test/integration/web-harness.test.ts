import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeWire, encodeWire } from '../../common/wire';
import type { MainToApp } from '../../common/ws-protocol';
import { startHarnessProcess, type HarnessProcess } from '../support/harness-process';

let harness: HarnessProcess;
let origin: string;
let token: string;

beforeAll(async () => {
  harness = await startHarnessProcess();
  const url = new URL(harness.url);
  origin = url.origin;
  token = decodeURIComponent(/token=([^&]+)/.exec(url.hash)![1]!);
});
afterAll(async () => {
  await harness?.stop();
});

function get(path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(origin);
    // A raw path, so "../" reaches the server as typed instead of being normalized by a URL parser.
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(query: string, headers: Record<string, string> = { Origin: origin }): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${origin.replace('http', 'ws')}/ws?${query}`, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
}

describe('the web harness', () => {
  it('serves the renderer on 127.0.0.1 with a strict Content-Security-Policy', async () => {
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("object-src 'none'");
  });

  it('serves nothing outside the renderer folder', async () => {
    for (const path of ['/../package.json', '/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/../../../etc/passwd']) {
      const response = await get(path);
      expect(response.status, path).not.toBe(200);
    }
  });

  it('refuses WebSocket connections without the token, with a wrong one, or from another origin', async () => {
    await expect(connect('role=app')).rejects.toThrow('HTTP 403');
    await expect(connect(`role=app&token=${'x'.repeat(token.length)}`)).rejects.toThrow('HTTP 403');
    await expect(connect(`role=app&token=${encodeURIComponent(token)}`, { Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(connect(`role=admin&token=${encodeURIComponent(token)}`)).rejects.toThrow('HTTP 403');
  });

  it('carries the typed contract for a page with the token', async () => {
    const socket = await connect(`role=app&token=${encodeURIComponent(token)}`);
    try {
      const reply = new Promise<MainToApp>((resolve) => socket.once('message', (data: Buffer) => resolve(decodeWire(data.toString('utf8')) as MainToApp)));
      socket.send(encodeWire({ kind: 'invoke', callId: 7, command: 'app:info', params: null }));
      expect(await reply).toMatchObject({ kind: 'result', callId: 7, result: { ok: true, value: { transport: 'web', secretStorage: 'file' } } });
      const bad = new Promise<MainToApp>((resolve) => socket.once('message', (data: Buffer) => resolve(decodeWire(data.toString('utf8')) as MainToApp)));
      socket.send(encodeWire({ kind: 'invoke', callId: 8, command: 'account:remove', params: { accountId: 12 } }));
      expect(await bad).toMatchObject({ kind: 'result', callId: 8, result: { ok: false, error: { code: 'INVALID_ARGUMENT' } } });
    } finally {
      socket.close();
    }
  });
});
