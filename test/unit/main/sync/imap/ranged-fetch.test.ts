import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { messageKey } from '../../../../../common/model/mail';
import { TEXT_KEEP_CHARS } from '../../../../../main/mime/parse-in-pieces';
import { isProtocolError } from '../../../../../main/protocols/protocol-error';
import { RANGED_FETCH_BYTES } from '../../../../../main/sync/imap/ranged-fetch';
import { FakeImapServer, fakeMessages, hugeBodyBytes, type HugeBody } from '../../../../support/fake-imap-server';
import { waitFor } from '../../../../support/wait';
import { startBackendOnFakeServer, type BackendOnFakeServer } from './backend-on-fake-server';

// Issue 11, item 4: imapflow joins a literal with one Buffer.concat (190 ms for 31 MB, 680 ms for
// 60 MB, the event loop held all along); a large message is fetched in ranges instead.
let server: FakeImapServer | null = null;
let device: BackendOnFakeServer | null = null;

afterEach(async () => {
  await device?.stop();
  await server?.stop();
  device = null;
  server = null;
});

const R = RANGED_FETCH_BYTES;
const HUGE_ID = messageKey('server:INBOX', 2);

async function synced(hugeBody: HugeBody, rangeBytes?: number): Promise<{ server: FakeImapServer; device: BackendOnFakeServer }> {
  server = await new FakeImapServer({ messages: fakeMessages(3), faults: { hugeBody } }).start();
  device = await startBackendOnFakeServer(server, rangeBytes === undefined ? {} : { rangeBytes });
  const on = device;
  await waitFor(async () => (await on.inbox()).length === 3, 'the INBOX synced');
  return { server, device };
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('IMAP: a large message is fetched in ranges (RFC 3501 §6.4.5)', () => {
  it.each([
    ['not a multiple of the range', 3 * R + 12_345, [0, R, 2 * R, 3 * R]],
    // The last full range cannot tell the end: one more answer, empty, does.
    ['exactly two ranges', 2 * R, [0, R, 2 * R]],
  ])('%s: no literal longer than a range, the source byte-identical', async (_name, bytes, starts) => {
    const { server, device } = await synced({ uid: 2, bytes, honestSize: true });
    const source = await device.backend.messageSource(HUGE_ID);
    expect(source.length).toBe(bytes);
    expect(sha256(source)).toBe(sha256(hugeBodyBytes(bytes)));
    expect(server.hugeBodyAnswers.map((a) => a.start)).toEqual(starts);
    expect(Math.max(...server.hugeBodyAnswers.map((a) => a.length))).toBeLessThanOrEqual(R);
  });

  it('opens it: the body is stored, and another open runs between two ranges', async () => {
    // Ranges of 256 KB: the small message's open has 40 round trips to get in between, not 5 (one
    // cache lookup outlasted 5 on a loaded machine), and what is checked is only that it got in.
    const small = 256 * 1024;
    const { server, device } = await synced({ uid: 2, bytes: 5 * R, honestSize: true }, small);
    const opening = device.backend.openMessage(HUGE_ID, false);
    await new Promise((resolve) => server.once('hugeBodyAnswer', resolve));
    await device.backend.openMessage(messageKey('server:INBOX', 1), false);
    // The small message's FETCH did not wait for the whole download.
    expect(server.hugeBodyAnswers.reduce((sum, a) => sum + a.length, 0)).toBeLessThan(5 * R);
    await opening;
    expect(server.hugeBodyAnswers.length).toBe((5 * R) / small + 1);
    // 10 MB of text, stored up to the most a part keeps (4 million characters), said in its warnings.
    const body = await device.body(HUGE_ID);
    expect(body?.text.length).toBe(TEXT_KEEP_CHARS);
    expect(body?.parseWarnings.join(' ')).toContain('only the first 4 million characters');
    expect((await device.body(messageKey('server:INBOX', 1)))?.text).toBe('Body of message 1.\n');
  });

  it('goes on from the range it was in when the connection drops, after the reconnect', async () => {
    const bytes = 3 * R + 999;
    const { server, device } = await synced({ uid: 2, bytes, honestSize: true, cutAtByte: R + R / 2 });
    const loginsBefore = server.logins;
    const source = await device.backend.messageSource(HUGE_ID);
    expect(sha256(source)).toBe(sha256(hugeBodyBytes(bytes)));
    expect(server.logins).toBeGreaterThan(loginsBefore);
    // Not from the start again: the second range is asked for again, then the rest.
    expect(server.hugeBodyAnswers.map((a) => a.start)).toEqual([0, R, R, 2 * R, 3 * R]);
  });

  it('refuses a whole literal far above the size announced for a small message, at its marker', async () => {
    const { server, device } = await synced({ uid: 2, bytes: 12 * R });
    const error = await device.backend.openMessage(HUGE_ID, false).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isProtocolError(error) && error.wire.code).toBe('RESPONSE_TOO_LARGE');
    // Refused when announced: most of the 24 MB was never read (nor joined).
    expect(server.bytesSent).toBeLessThan(6 * R);
    expect(await device.body(HUGE_ID)).toBeNull();
  });

  it('keeps nothing of a message whose size changed during the download, and says so', async () => {
    const { device } = await synced({ uid: 2, bytes: 3 * R, honestSize: true, growsBy: 10 });
    const error = await device.backend.openMessage(HUGE_ID, false).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isProtocolError(error) && error.wire.message).toMatch(/^The message changed on the server while it was being downloaded \(its size went from .* to .*\); nothing was kept\. Open it again\.$/);
    expect(await device.body(HUGE_ID)).toBeNull();
  });
});
