import { createHash } from 'node:crypto';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { transcriptAsText } from '../../common/model/transcript';
import { RANGED_FETCH_BYTES } from '../../main/sync/imap/ranged-fetch';
import { createUser, seedMessages } from '../servers';
import { accountDraft, addAccount, startCore } from '../support/core-fixture';
import { waitFor } from '../support/wait';

// Issue 11, item 4: a large message comes from Dovecot in ranges (BODY.PEEK[]<start.length>,
// RFC 3501 §6.4.5) and is put back together exactly.
const servers = inject('servers');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

const MB = 1024 * 1024;
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Octets that do not repeat (a counter hashed), so a range put in the wrong place changes the hash. */
function noise(bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  for (let at = 0, n = 0; at < bytes; at += 32, n++) createHash('sha256').update(String(n)).digest().copy(out, at);
  return out;
}

/** A 40 MB message: a short text and a 29 MB attachment, base64 in CRLF lines as mail clients send it. */
function largeMessage(attachment: Buffer): Buffer {
  const payload = attachment.toString('base64').replace(/.{76}/g, '$&\r\n');
  return Buffer.from(
    [
      'From: Big <big@example.test>',
      'To: you@example.test',
      'Subject: Forty megabytes',
      'Date: Fri, 06 Nov 2026 08:00:00 +0000',
      'Message-ID: <ranged-1@example.test>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'The file is attached.',
      '--b',
      'Content-Type: application/octet-stream; name="noise.bin"',
      'Content-Disposition: attachment; filename="noise.bin"',
      'Content-Transfer-Encoding: base64',
      '',
      payload,
      '--b--',
      '',
    ].join('\r\n'),
  );
}

describe('IMAP: a large message from Dovecot, fetched in ranges', () => {
  it('is byte-identical to the original, and its attachment too', async () => {
    const attachment = noise(29 * MB);
    const raw = largeMessage(attachment);
    expect(raw.length).toBeGreaterThan(30 * MB);
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', [{ raw }]);
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const { db, ref } = await addAccount(fixture, accountDraft(servers, user, 'tls'));
    const message = await waitFor(async () => (await db.messages.toArray())[0], 'the header');
    expect(message.size).toBe(raw.length);

    expect(await fixture.core.handle('message:open', { ...ref, messageId: message.id })).toEqual({ ok: true, value: null });
    const body = (await db.bodies.get(message.id))!;
    expect(body.attachments).toMatchObject([{ filename: 'noise.bin', size: attachment.length }]);
    expect(sha256((await db.attachments.get(body.attachments[0]!.id))!.content)).toBe(sha256(attachment));

    const source = await fixture.core.device(ref.accountId, ref.deviceId).backend.messageSource(message.id);
    expect(source.length).toBe(raw.length);
    expect(sha256(source)).toBe(sha256(raw));

    // Every body request was a range of RANGED_FETCH_BYTES, one after the other from octet 0.
    const transcript = await fixture.core.handle('transcript:get', { accountId: ref.accountId });
    if (!transcript.ok) throw new Error('transcript:get failed');
    const starts = [...transcriptAsText(transcript.value).matchAll(/BODY\.PEEK\[\]<(\d+)\.(\d+)>/g)].map((m) => {
      expect(Number(m[2])).toBe(RANGED_FETCH_BYTES);
      return Number(m[1]);
    });
    const perDownload = Array.from({ length: Math.ceil(raw.length / RANGED_FETCH_BYTES) }, (_, i) => i * RANGED_FETCH_BYTES);
    expect(starts).toEqual([...perDownload, ...perDownload]);
    expect(transcriptAsText(transcript.value)).not.toMatch(/BODY\.PEEK\[\](?!<)/);
  });
});
