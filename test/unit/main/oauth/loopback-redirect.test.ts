import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { listenForRedirect } from '../../../../main/oauth/loopback-redirect';

/** One raw HTTP exchange, as any local program could send it. */
function rawRequest(port: number, requestLine: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`${requestLine}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('the loopback redirect listener', () => {
  it('answers stray and malformed requests with 404 and still takes the real redirect once', async () => {
    const redirect = await listenForRedirect();
    const port = Number(new URL(redirect.redirectUri).port);
    expect(await rawRequest(port, 'GET //[ HTTP/1.1')).toMatch(/^HTTP\/1\.1 (404|400)/);
    expect(await rawRequest(port, 'GET /favicon.ico HTTP/1.1')).toMatch(/^HTTP\/1\.1 404/);
    expect(await rawRequest(port, 'POST /?code=x&state=y HTTP/1.1')).toMatch(/^HTTP\/1\.1 404/);
    const page = fetch(`${redirect.redirectUri}?code=c&state=s`).then((r) => r.text());
    const received = await redirect.received;
    expect(Object.fromEntries(received.params)).toEqual({ code: 'c', state: 's' });
    received.reply('Signed <in>', 'Done & "closed".');
    expect(await page).toContain('Signed &#60;in&#62;');
    redirect.close();
    await expect(fetch(`${redirect.redirectUri}?code=again`)).rejects.toThrow();
  });
});
