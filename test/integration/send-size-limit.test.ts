import { afterEach, describe, expect, inject, it } from 'vitest';
import type { OutgoingMessage } from '../../common/contract';
import type { Mode } from '../../common/model/account';
import { LOCAL_FOLDER_IDS, serverFolderId } from '../../common/model/mail';
import { createUser } from '../servers';
import { SMTP_SIZE_LIMIT } from '../servers/smtp';
import { accountDraft, addAccount, popAccountDraft, startCore } from '../support/core-fixture';
import { otherImapClient, serverSubjects } from '../support/other-client';
import { waitFor } from '../support/wait';
import { outgoingMessage } from '../support/outgoing';

/**
 * Issue 16, "a warning past the server's advertised SMTP SIZE": the test submission server
 * announces SIZE (RFC 1870) in its EHLO reply. `message:sizeLimit` reads it (for the composer's
 * warning); a message over it is refused by main before any byte of it is uploaded, with words
 * that name both sizes; one under it is sent, and a send teaches main the limit too.
 */

const servers = inject('servers');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

async function sender(mode: Mode) {
  const user = await createUser(servers);
  const recipient = await createUser(servers);
  const fixture = await startCore();
  cleanups.push(() => fixture.dispose());
  const added = await addAccount(fixture, mode === 'pop3' ? popAccountDraft(servers, user, 'tls', { retention: { kind: 'keep' } }) : accountDraft(servers, user, 'tls'));
  await waitFor(() => fixture.events['device:status'].some((s) => s.connection === 'online') || undefined, 'the device online');
  const message = (subject: string, attachmentBytes: number): OutgoingMessage =>
    outgoingMessage(added.ref, recipient.address, {
      subject,
      text: 'The file.\n',
      attachments: attachmentBytes ? [{ filename: 'data.bin', contentType: 'application/octet-stream', content: new Uint8Array(attachmentBytes).fill(7) }] : [],
    });
  const recipientView = await otherImapClient(servers, recipient);
  cleanups.push(() => recipientView.logout());
  return { fixture, message, recipientView, ...added };
}

async function smtpClientLines(fixture: Awaited<ReturnType<typeof startCore>>, accountId: string): Promise<string[]> {
  const transcript = await fixture.core.handle('transcript:get', { accountId });
  if (!transcript.ok) throw new Error(transcript.error.message);
  return transcript.value.filter((e) => e.service === 'smtp' && e.direction === 'client').map((e) => e.text);
}

describe.each<Mode>(['pop3', 'imap'])('the sending server’s size limit, %s account', (mode) => {
  it('is read from EHLO, and a larger message is refused before it is uploaded', async () => {
    const { fixture, message, recipientView, ref, db, account } = await sender(mode);
    expect(await fixture.core.handle('message:sizeLimit', ref)).toEqual({ ok: true, value: { maxMessageBytes: SMTP_SIZE_LIMIT, host: '127.0.0.1' } });

    // 8 MB of attachment is about 10.8 MB in base64: over the 10 MB limit.
    const tooLarge = await fixture.core.handle('message:send', message('Too large', 8 * 1024 * 1024));
    expect(tooLarge).toMatchObject({ ok: false, error: { code: 'MESSAGE_TOO_LARGE' } });
    if (tooLarge.ok) throw new Error('sent');
    expect(tooLarge.error.message).toMatch(/^This message is 1\d(\.\d)? MB as sent; 127\.0\.0\.1 takes at most 10 MB\. Remove an attachment/);
    // Nothing went to the server after the check's EHLO: no MAIL FROM, no DATA.
    const lines = await smtpClientLines(fixture, account.id);
    expect(lines.some((l) => /^EHLO /i.test(l))).toBe(true);
    expect(lines.filter((l) => /^(MAIL FROM|DATA)/i.test(l))).toEqual([]);
    const sentFolder = mode === 'pop3' ? LOCAL_FOLDER_IDS.sent : serverFolderId('Sent');
    expect((await db.messages.toArray()).filter((m) => m.folderId === sentFolder)).toEqual([]);

    // Under the limit it goes.
    expect(await fixture.core.handle('message:send', message('Fits', 5 * 1024 * 1024))).toMatchObject({ ok: true });
    await waitFor(async () => (await serverSubjects(recipientView, 'INBOX')).includes('Fits'), 'the message under the limit at the recipient');
    expect(await serverSubjects(recipientView, 'INBOX')).toEqual(['Fits']);
  });
});

describe('a send teaches main the limit', () => {
  it('after one send, the limit is known without another connection, and the next large send is refused here', async () => {
    const { fixture, message, ref, account } = await sender('pop3');
    expect(await fixture.core.handle('message:send', message('Small', 0))).toMatchObject({ ok: true });
    const ehlosAfterSend = (await smtpClientLines(fixture, account.id)).filter((l) => /^EHLO /i.test(l)).length;
    expect(await fixture.core.handle('message:sizeLimit', ref)).toEqual({ ok: true, value: { maxMessageBytes: SMTP_SIZE_LIMIT, host: '127.0.0.1' } });
    expect(await fixture.core.handle('message:send', message('Too large', 11 * 1024 * 1024))).toMatchObject({ ok: false, error: { code: 'MESSAGE_TOO_LARGE' } });
    expect((await smtpClientLines(fixture, account.id)).filter((l) => /^EHLO /i.test(l)).length).toBe(ehlosAfterSend);
  });

  it('a server refusing an oversized message at DATA says so in the error', async () => {
    const { fixture, message } = await sender('pop3');
    // Nothing known yet: main uploads it, and the server's 552 (RFC 1870 §6.1) comes back.
    const refused = await fixture.core.handle('message:send', message('Too large, unknown limit', 11 * 1024 * 1024));
    expect(refused).toMatchObject({ ok: false, error: { details: { service: 'smtp' } } });
    if (refused.ok) throw new Error('sent');
    expect(refused.error.message).toBe('SMTP: The server answered with an error. 552 5.3.4 Message size exceeds fixed maximum message size');
  });
});
