import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createUser, seedMessages } from '../servers';
import { accountDraft, addAccount, startCore } from '../support/core-fixture';
import { waitFor } from '../support/wait';

// Issue 11: Dovecot reports a multipart whose parts use another boundary than the declared one as
// one part; the list snippet showed "--actual-boundary Content-Type: text/plain; …" before.
const servers = inject('servers');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

describe('the list snippet of a multipart with a mismatched boundary', () => {
  it('IMAP: is the text of its first part, without the boundary line and part headers', async () => {
    const user = await createUser(servers);
    const raw = readFileSync(join(__dirname, '..', 'fixtures', 'mail', 'boundary-mismatch.eml'));
    await seedMessages(servers, user, 'INBOX', [{ raw }]);
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const { db } = await addAccount(fixture, accountDraft(servers, user, 'tls'));
    const record = await waitFor(async () => (await db.messages.toArray())[0], 'the message');
    expect(record.snippet).toBe('The boundary in the header is not the one the parts use.');
  });
});
