import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { MessageRecord } from '../../common/model/mail';
import type { DeviceCache } from '../../renderer/cache-host/schema';
import { createUser, seedMessages } from '../servers';
import { accountDraft, addAccount, popAccountDraft, startCore, type CoreFixture } from '../support/core-fixture';
import { waitFor } from '../support/wait';

// Issue 11, items 5–7, through real Dovecot: the list's record comes from ENVELOPE, BODYSTRUCTURE
// and the first bytes of the text part (IMAP), or from the whole message (POP); the reader's body
// from the whole message. Both must agree on the text, the sender and the Message-ID.

const servers = inject('servers');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

const FIXTURES = ['undeclared-utf8.eml', 'undeclared-latin1.eml', 'undeclared-multipart.eml', 'content-type-no-semicolon.eml', 'boundary-mismatch.eml', 'empty-sender.eml'];
/** The bytes as they are on disk: a Latin-1 fixture must not be re-encoded on its way to the server. */
const fixtureBytes = (name: string): Buffer => readFileSync(join(__dirname, '..', 'fixtures', 'mail', name));
const CAFE = 'Un café crème à la gare, à bientôt.';

async function allRecords(db: DeviceCache): Promise<MessageRecord[]> {
  return waitFor(async () => {
    const all = await db.messages.toArray();
    return all.length === FIXTURES.length ? all : undefined;
  }, `all ${FIXTURES.length} messages`);
}

async function openAll(fixture: CoreFixture, db: DeviceCache, ref: { accountId: string; deviceId: string }, records: MessageRecord[]) {
  const bodies = new Map<string, { text: string; html: string | null; attachments: number; warnings: string[] }>();
  for (const record of records) {
    const opened = await fixture.core.handle('message:open', { ...ref, messageId: record.id });
    expect(opened, record.subject).toEqual({ ok: true, value: null });
    const body = await waitFor(() => db.bodies.get(record.id), `the body of ${record.subject}`);
    bodies.set(record.subject, { text: body.text.trim(), html: body.html, attachments: body.attachments.length, warnings: body.parseWarnings });
  }
  return bodies;
}

function expectReadable(records: MessageRecord[], bodies: Awaited<ReturnType<typeof openAll>>): void {
  const record = (subject: string): MessageRecord => records.find((m) => m.subject === subject)!;
  expect(record('Undeclared UTF-8').snippet).toBe(CAFE);
  expect(record('Undeclared Latin-1').snippet).toBe(CAFE);
  expect(record('Undeclared parts').snippet).toBe('Façade “quoted” € 5');
  expect(record('Content-Type without a semicolon')).toMatchObject({ snippet: 'This text was sent with a broken Content-Type header.', hasAttachments: false });
  expect(record('Bounce with an empty sender')).toMatchObject({ from: [], messageId: '<empty-sender-1@example.test>', inReplyTo: '<original-1@example.test>' });

  expect(bodies.get('Undeclared UTF-8')!.text).toBe(CAFE);
  expect(bodies.get('Undeclared Latin-1')!.text).toBe(CAFE);
  expect(bodies.get('Undeclared parts')).toMatchObject({ text: 'Façade “quoted” € 5', html: '<p>Façade “quoted” € 5</p>' });
  expect(bodies.get('Content-Type without a semicolon')).toMatchObject({ text: 'This text was sent with a broken Content-Type header.', attachments: 0 });
  expect(bodies.get('Content-Type without a semicolon')!.warnings).toHaveLength(1);
  expect(bodies.get('Boundary that never appears')!.text).toBe('The boundary in the header is not the one the parts use.');
  expect(bodies.get('Boundary that never appears')!.warnings).toHaveLength(1);
}

describe('broken but real mail', () => {
  it('IMAP: the list and the reader read undeclared charsets, broken Content-Types, an empty sender and commented Message-IDs alike', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', FIXTURES.map((name) => ({ raw: fixtureBytes(name) })));
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const { db, ref } = await addAccount(fixture, accountDraft(servers, user, 'tls'));

    const records = await allRecords(db);
    expectReadable(records, await openAll(fixture, db, ref, records));
  });

  it('POP: the same records and bodies, with the same canonical Message-ID as IMAP stores', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', FIXTURES.map((name) => ({ raw: fixtureBytes(name) })));
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const { db, ref } = await addAccount(fixture, popAccountDraft(servers, user, 'tls', { retention: { kind: 'keep' } }));

    const records = await allRecords(db);
    expectReadable(records, await openAll(fixture, db, ref, records));
  });
});
