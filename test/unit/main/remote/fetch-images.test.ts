import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicAddressesAnd, type AddressPolicy } from '../../../../main/remote/address-policy';
import { fetchImagesExplained, fetchRemoteImages } from '../../../../main/remote/fetch-images';
import { startImageServer, TINY_PNG, type ImageServer } from '../../../support/image-server';

let images: ImageServer;
/** A second server, on another loopback address, that only a redirect could lead to. */
let elsewhere: ImageServer;

/** The real policy, except for exactly the one test server (tests can only use 127.0.0.0/8). */
const allowTestServer: AddressPolicy = (address, port) => publicAddressesAnd({ address: '127.0.0.1', port: images.port })(address, port);

beforeAll(async () => {
  elsewhere = await startImageServer('127.0.0.2');
  images = await startImageServer('127.0.0.1', {
    '/to-elsewhere': (_req, res) => res.writeHead(302, { Location: `${elsewhere.origin}/tiny.png` }).end(),
    '/to-hex-address': (_req, res) => res.writeHead(307, { Location: `http://0x7f.2:${elsewhere.port}/tiny.png` }).end(),
    '/to-ipv6-loopback': (_req, res) => res.writeHead(301, { Location: `http://[::1]:${elsewhere.port}/tiny.png` }).end(),
  });
});
afterAll(async () => {
  await images?.close();
  await elsewhere?.close();
});

describe('every forbidden address form is refused before any connection', () => {
  it('refuses loopback, private, link-local, multicast and unspecified addresses, however written', async () => {
    const port = images.port;
    const urls = [
      `http://127.0.0.1:${port}/tiny.png`,
      `http://2130706433:${port}/tiny.png`,
      `http://0x7f.1:${port}/tiny.png`,
      `http://0x7f000001:${port}/tiny.png`,
      `http://0177.0.0.1:${port}/tiny.png`,
      `http://017700000001:${port}/tiny.png`,
      `http://127.1:${port}/tiny.png`,
      `http://127.0.1:${port}/tiny.png`,
      `http://127.0.0.1.:${port}/tiny.png`,
      `http://１２７.０.０.１:${port}/tiny.png`,
      `http://127。0。0。1:${port}/tiny.png`,
      `http://[::1]:${port}/tiny.png`,
      `http://[0:0:0:0:0:0:0:1]:${port}/tiny.png`,
      `http://[::ffff:127.0.0.1]:${port}/tiny.png`,
      `http://[::ffff:7f00:1]:${port}/tiny.png`,
      `http://localhost:${port}/tiny.png`,
      `http://LOCALHOST.:${port}/tiny.png`,
      `http://0.0.0.0:${port}/tiny.png`,
      `http://0:${port}/tiny.png`,
      `http://[::]:${port}/tiny.png`,
      `http://10.0.0.1:${port}/tiny.png`,
      `http://172.16.0.1:${port}/tiny.png`,
      `http://192.168.0.1:${port}/tiny.png`,
      `http://100.64.0.1:${port}/tiny.png`,
      `http://169.254.169.254:${port}/latest/meta-data`,
      `http://224.0.0.1:${port}/tiny.png`,
      `http://[fc00::1]:${port}/tiny.png`,
      `http://[fe80::1]:${port}/tiny.png`,
      `http://[ff02::1]:${port}/tiny.png`,
      `http://[::ffff:169.254.169.254]:${port}/tiny.png`,
      `https://127.0.0.1:${port}/tiny.png`,
    ];
    const before = images.connections;
    const fetched = await fetchRemoteImages(urls);
    expect(fetched.map((image) => image.dataUrl)).toEqual(urls.map(() => null));
    expect(images.connections - before).toBe(0);
    const explained = await fetchImagesExplained(urls.slice(0, 3));
    expect(explained[0]!.refused).toContain('loopback');
  });

  it('refuses a name that resolves to a forbidden address, even beside a public one', async () => {
    const before = images.connections;
    const [outcome] = await fetchImagesExplained([`http://images.test:${images.port}/tiny.png`], { lookup: () => Promise.resolve([{ address: '93.184.216.34', family: 4 }, { address: '127.0.0.1', family: 4 }]) });
    expect(outcome).toMatchObject({ dataUrl: null, refused: expect.stringContaining('loopback') as unknown });
    expect(images.connections).toBe(before);
  });

  it('connects to the address it checked, looking the name up once (no DNS rebinding)', async () => {
    const answers = ['127.0.0.1', '127.0.0.2'];
    let lookups = 0;
    const lookup = (): Promise<Array<{ address: string; family: number }>> => Promise.resolve([{ address: answers[lookups++]!, family: 4 }]);
    const [outcome] = await fetchImagesExplained([`http://images.test:${images.port}/echo-host.png`], { policy: allowTestServer, lookup });
    expect(lookups).toBe(1);
    expect(outcome!.dataUrl).toBe(`data:image/png;base64,${Buffer.from(`images.test:${images.port}`).toString('base64')}`);
  });

  it('checks every redirect again and follows none to a forbidden address', async () => {
    for (const path of ['/to-elsewhere', '/to-hex-address', '/to-ipv6-loopback']) {
      const [outcome] = await fetchImagesExplained([`${images.origin}${path}`], { policy: allowTestServer });
      expect(outcome, path).toMatchObject({ dataUrl: null, refused: expect.stringMatching(/loopback/) as unknown });
    }
    expect(elsewhere.connections).toBe(0);
  });
});

describe('images are fetched with hard limits', () => {
  it('fetches a real image as a data: URL, through a redirect', async () => {
    const [direct, redirected] = await fetchRemoteImages([`${images.origin}/tiny.png`, `${images.origin}/to-tiny`], { policy: allowTestServer });
    expect(direct!.dataUrl).toBe(`data:image/png;base64,${TINY_PNG.toString('base64')}`);
    expect(redirected!.dataUrl).toBe(direct!.dataUrl);
  });

  it('aborts an endless image at the cap instead of reading it whole', async () => {
    const before = images.bytesSent;
    const heapBefore = process.memoryUsage().arrayBuffers;
    const [outcome] = await fetchImagesExplained([`${images.origin}/endless.png`], { policy: allowTestServer });
    expect(outcome).toMatchObject({ dataUrl: null, refused: expect.stringContaining('larger than 5 MB') as unknown });
    await images.endlessClosed;
    // The cap is 5 MB; the rest is what the kernel's socket buffers held when the request was aborted.
    expect(images.bytesSent - before).toBeLessThan(48 * 1024 * 1024);
    expect(process.memoryUsage().arrayBuffers - heapBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses an image whose declared size is over the cap without reading it', async () => {
    const [outcome] = await fetchImagesExplained([`${images.origin}/claims-1gb.png`], { policy: allowTestServer });
    expect(outcome).toMatchObject({ dataUrl: null, refused: expect.stringContaining('larger than') as unknown });
  });

  it('refuses what is not a raster image: HTML, SVG, compressed bodies, errors, other schemes, endless redirects', async () => {
    const paths = ['/page.html', '/image.svg', '/gzip.png', '/missing.png', '/loop', '/to-file'];
    const outcomes = await fetchImagesExplained(
      paths.map((path) => `${images.origin}${path}`),
      { policy: allowTestServer },
    );
    expect(outcomes.map((o) => o.dataUrl)).toEqual(paths.map(() => null));
    expect(outcomes.map((o) => o.refused)).toEqual([
      expect.stringContaining('text/html'),
      expect.stringContaining('image/svg+xml'),
      expect.stringContaining('gzip'),
      expect.stringContaining('404'),
      expect.stringContaining('redirected more than'),
      expect.stringContaining('file:'),
    ]);
    expect(await fetchRemoteImages(['javascript:alert(1)', 'data:image/png;base64,AAAA', 'not a url'])).toEqual([
      { url: 'javascript:alert(1)', dataUrl: null },
      { url: 'data:image/png;base64,AAAA', dataUrl: null },
      { url: 'not a url', dataUrl: null },
    ]);
  });

  it('gives up on a server that stops sending, after the timeout', async () => {
    const [outcome] = await fetchImagesExplained([`${images.origin}/stall.png`], { policy: allowTestServer, limits: { timeoutMs: 300 } });
    expect(outcome).toMatchObject({ dataUrl: null, refused: expect.stringContaining('too long') as unknown });
  });

  it('fetches at most the first images of a call, and at most so many bytes for all of them', async () => {
    const requestsBefore = images.requests.length;
    const urls = [1, 2, 3, 4, 5].map((n) => `${images.origin}/tiny.png?n=${n}`);
    const counted = await fetchImagesExplained(urls, { policy: allowTestServer, limits: { maxImages: 2 } });
    expect(counted.filter((o) => o.dataUrl).length).toBe(2);
    expect(counted.slice(2).map((o) => o.refused)).toEqual(Array(3).fill(expect.stringContaining('first 2 images')));
    expect(images.requests.length - requestsBefore).toBe(2);

    const big = [1, 2, 3, 4].map((n) => `${images.origin}/400k.png?n=${n}`);
    const budgeted = await fetchImagesExplained(big, { policy: allowTestServer, limits: { maxTotalBytes: 1024 * 1024, parallel: 1 } });
    expect(budgeted.filter((o) => o.dataUrl).length).toBe(2);
    expect(budgeted.slice(2).map((o) => o.refused)).toEqual(Array(2).fill(expect.stringContaining('together are too large')));
  });
});
