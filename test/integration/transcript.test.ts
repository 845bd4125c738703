import { afterEach, describe, expect, inject, it } from 'vitest';
import { transcriptAsText } from '../../common/model/transcript';
import { createUser, seedMessages } from '../servers';
import { accountDraft, addAccount, popAccountDraft, startCore } from '../support/core-fixture';
import { numberedMessages } from '../support/fixtures';
import { waitFor } from '../support/wait';
import { outgoingMessage } from '../support/outgoing';

const servers = inject('servers');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

function forms(password: string, user: string): string[] {
  return [password, Buffer.from(password).toString('base64'), Buffer.from(`\0${user}\0${password}`).toString('base64')];
}

describe('the protocol transcript of an account', () => {
  it('shows IMAP, POP3 and SMTP commands and answers, and never a password, also when exported', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(2));
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const imap = await addAccount(fixture, accountDraft(servers, user, 'tls'));
    const pop = await addAccount(fixture, popAccountDraft(servers, user, 'starttls', {}, { address: `pop-${user.address}` }));
    await waitFor(async () => (await imap.db.messages.count()) === 2 && (await pop.db.messages.count()) === 2, 'both accounts to have the mail');
    await fixture.core.handle('message:send', outgoingMessage(imap.ref, user.address, { subject: 'to myself', text: 'hi' }));

    const imapLines = await fixture.core.handle('transcript:get', { accountId: imap.account.id });
    const popLines = await fixture.core.handle('transcript:get', { accountId: pop.account.id });
    if (!imapLines.ok || !popLines.ok) throw new Error('transcript:get failed');
    const imapText = transcriptAsText(imapLines.value);
    const popText = transcriptAsText(popLines.value);
    expect(imapText).toMatch(/IMAP \[login check\] C: \S+ (LOGIN|AUTHENTICATE)/);
    expect(imapText).toMatch(/IMAP \[login check\] S: \+\n.* C: \*{8}\n/);
    expect(imapText).toMatch(/IMAP \[This computer · sync\] C: \S+ (UID )?FETCH/);
    expect(imapText).toMatch(/IMAP \[This computer · IDLE INBOX\] C: \S+ IDLE/);
    expect(imapText).toMatch(/SMTP \[This computer · send\] C: MAIL FROM:/);
    expect(imapText).toMatch(/SMTP .* S: 250/);
    expect(popText).toMatch(/POP3 \[This computer · check\] C: STLS/);
    expect(popText).toMatch(/POP3 .* C: AUTH PLAIN \*{8}/);
    expect(popText).toMatch(/POP3 .* C: RETR 1/);
    for (const secret of forms(user.password, user.user)) {
      expect(imapText).not.toContain(secret);
      expect(popText).not.toContain(secret);
      expect(JSON.stringify(fixture.events['transcript:lines'])).not.toContain(secret);
    }
    // Lines are numbered in order, so a view can follow the live stream.
    const seqs = imapLines.value.map((l) => l.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  });
});
