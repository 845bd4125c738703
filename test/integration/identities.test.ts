import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { OutgoingMessage } from '../../common/contract';
import { LOCAL_FOLDER_IDS } from '../../common/model/mail';
import { createUser } from '../servers';
import { addAccount, popAccountDraft, startCore } from '../support/core-fixture';
import { waitFor } from '../support/wait';
import { outgoingMessage } from '../support/outgoing';

/**
 * Issue 16, identities in main: `account:setIdentities` keeps them with the account (refusing two
 * identities with one address), a message names the identity it is written from, and main
 * writes that identity's From and Reply-To (also in the copy kept in Sent); an identity that was
 * removed meanwhile is refused in words, not sent from the wrong address.
 */

const servers = inject('servers');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

describe('identities (account:setIdentities, message:send with identityId)', () => {
  it('are kept, used for From and Reply-To in what is sent and kept, and a removed one is refused', async () => {
    const user = await createUser(servers);
    const recipient = await createUser(servers);
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const { ref, account, db } = await addAccount(fixture, popAccountDraft(servers, user, 'tls', { retention: { kind: 'keep' } }));
    await waitFor(() => fixture.events['device:status'].some((s) => s.connection === 'online') || undefined, 'the device online');

    const sales = { id: 'sales', name: 'Sales', address: 'sales@example.test', replyTo: 'orders@example.test', signature: 'The sales team' };
    const duplicate = await fixture.core.handle('account:setIdentities', { accountId: account.id, identities: { main: { replyTo: '', signature: '' }, extra: [{ ...sales, address: user.address.toUpperCase() }], signaturePlacement: 'above-quote' } });
    expect(duplicate).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: 'Each identity needs an address of its own.' } });
    const saved = await fixture.core.handle('account:setIdentities', { accountId: account.id, identities: { main: { replyTo: '', signature: 'Me' }, extra: [sales], signaturePlacement: 'below-quote' } });
    expect(saved).toMatchObject({ ok: true, value: { identities: { extra: [sales], signaturePlacement: 'below-quote' } } });
    const listed = await fixture.core.handle('accounts:list', null);
    expect(listed.ok && listed.value.find((a) => a.id === account.id)?.identities?.extra).toEqual([sales]);

    const message: OutgoingMessage = outgoingMessage(ref, recipient.address, { subject: 'From sales', identityId: 'sales' });
    expect(await fixture.core.handle('message:send', message)).toMatchObject({ ok: true });
    const kept = (await db.messages.toArray()).find((m) => m.folderId === LOCAL_FOLDER_IDS.sent)!;
    const source = (await db.rawSources.get(kept.id))!.raw;
    const parsed = await simpleParser(Buffer.from(source));
    expect(parsed.from?.value).toEqual([{ name: 'Sales', address: 'sales@example.test' }]);
    expect(parsed.replyTo?.value).toEqual([{ name: '', address: 'orders@example.test' }]);

    await fixture.core.handle('account:setIdentities', { accountId: account.id, identities: { main: { replyTo: '', signature: '' }, extra: [], signaturePlacement: 'above-quote' } });
    expect(await fixture.core.handle('message:send', { ...message, subject: 'From a removed identity' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('no longer one of the account’s identities') as unknown } });
  });
});
