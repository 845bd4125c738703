import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serveAppScheme } from '../../../../main/electron/app-protocol';
import * as electron from '../../../support/fake-electron';

vi.mock('electron', () => import('../../../support/fake-electron'));

let rendererDir: string;
let serve: (request: Request) => Response | Promise<Response>;

beforeAll(async () => {
  electron.resetFakeElectron();
  rendererDir = await mkdtemp(join(tmpdir(), 'porthole-renderer-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Porthole</title>');
  serveAppScheme(rendererDir);
  serve = electron.protocol.handlers.get('app')!;
});

afterAll(async () => {
  await rm(rendererDir, { recursive: true, force: true });
});

describe('app:// (main/electron/app-protocol.ts): the renderer bundle and nothing else', () => {
  it('serves the bundle with its type and the content security policy', async () => {
    const response = await serve(new Request('app://porthole/'));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/html');
    expect(response.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
    expect(await response.text()).toContain('<title>Porthole</title>');
  });

  it('answers 400 to a malformed percent-escape instead of failing the handler', async () => {
    for (const path of ['/%E0%A4%A', '/%', '/index.html%FF']) {
      const response = await serve(new Request(`app://porthole${path}`));
      expect(response.status, path).toBe(400);
    }
  });

  it('never serves a file outside the bundle, nor another host', async () => {
    for (const url of ['app://porthole/..%2f..%2f..%2fetc%2fpasswd', 'app://porthole/%2e%2e/%2e%2e/etc/passwd', 'app://porthole/..%5c..%5cwindows', 'app://elsewhere/index.html']) {
      const response = await serve(new Request(url));
      expect([403, 404], url).toContain(response.status);
    }
  });
});
