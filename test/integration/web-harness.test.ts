import { writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeWire, encodeWire } from '../../common/wire';
import { WS_CLOSE_TOKEN_REFUSED, type MainToApp } from '../../common/ws-protocol';
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

/** Sends bytes exactly as given and resolves with the status line of the answer ('' if none). */
function rawStatusLine(requestText: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(origin);
    const socket = connectTcp(Number(port), hostname, () => socket.write(requestText));
    let answer = '';
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      if (answer.includes('\r\n')) socket.destroy();
    });
    socket.on('close', () => resolve(answer.split('\r\n')[0]!));
    socket.on('error', reject);
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
    // A page of its own origin with no or an old token is told so with a close code, and served nothing.
    for (const query of ['role=app', `role=app&token=${'x'.repeat(token.length)}`]) {
      const socket = await connect(query);
      const results: unknown[] = [];
      socket.on('message', (data: Buffer) => results.push(data.toString('utf8')));
      socket.send(encodeWire({ kind: 'invoke', callId: 1, command: 'app:info', params: null }));
      const code = await new Promise<number>((resolve) => socket.once('close', resolve));
      expect(code, query).toBe(WS_CLOSE_TOKEN_REFUSED);
      expect(results, query).toEqual([]);
    }
    await expect(connect('role=app', {})).rejects.toThrow('HTTP 403');
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

  it('answers 400 to a malformed percent-escape and keeps serving', async () => {
    for (const path of ['/%E0%A4%A', '/%', '/%ZZ', '/%C0%AF', '/assets/%ED%A0%80.js']) {
      const response = await get(path);
      expect(response.status, path).toBe(400);
    }
    expect(await rawStatusLine('GET http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')).toMatch(/^HTTP\/1\.1 4\d\d /);
    expect(await rawStatusLine('GET http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n')).not.toMatch(/^HTTP\/1\.1 101/);
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
  });
});

describe('the web harness process', () => {
  it('logs an error nobody caught and keeps serving instead of exiting', async () => {
    // Stands in for a bug anywhere in the core: one thrown error and one rejected promise that no
    // code handles, both after the harness has installed its handlers.
    const bug = join(tmpdir(), `porthole-uncaught-${process.pid}.cjs`);
    await writeFile(bug, "setTimeout(() => { throw new Error('test: a bug in one request'); }, 0);\nsetTimeout(() => { void Promise.reject(new Error('test: a promise nobody awaited')); }, 0);\n");
    const crashing = await startHarnessProcess(undefined, ['--require', bug]);
    try {
      const { hostname, port } = new URL(crashing.url);
      const status = await new Promise<number>((resolve, reject) => {
        request({ hostname, port, path: '/', method: 'GET' }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
      expect(status).toBe(200);
      expect(crashing.output()).toContain('test: a bug in one request');
      expect(crashing.output()).toContain('test: a promise nobody awaited');
    } finally {
      await crashing.stop();
    }
  });
});
