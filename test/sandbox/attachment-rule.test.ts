import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FetchMessageObject } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isListedAttachment, LOCAL_FOLDER_IDS } from '../../common/model/mail';
import { parseMessage } from '../../main/mime/parse-message';
import { hasAttachments } from '../../main/protocols/imap/header-mapping';
import { storeWhole } from '../../main/sync/pop3/local-message';
import { startSandbox, type SandboxFixture } from './support/sandbox-fixture';

const FIXTURES = join(__dirname, '..', 'fixtures', 'mail');

interface Verdicts {
  /** The list's paperclip over IMAP, from the server's BODYSTRUCTURE. */
  imapList: boolean;
  /** The list's paperclip over POP, from the downloaded message. */
  popList: boolean;
  /** The reader lists at least one attachment. */
  reader: boolean;
}

async function verdicts(message: FetchMessageObject): Promise<Verdicts> {
  const source = message.source!;
  const stored = await storeWhole(source, LOCAL_FOLDER_IDS.inbox, [], { now: 0 });
  const parsed = await parseMessage('m', source, 0);
  return { imapList: hasAttachments(message.bodyStructure), popList: stored.message.hasAttachments, reader: parsed.body.attachments.some(isListedAttachment) };
}

describe('one rule for what counts as an attachment (issue 12, item 5)', () => {
  let sandbox: SandboxFixture;
  const bySubject = new Map<string, Verdicts>();

  beforeAll(async () => {
    sandbox = await startSandbox();
    const client = await sandbox.imap('you');
    // The sample mailbox, and the test mail of every shape, through the same IMAP server.
    for (const name of readdirSync(FIXTURES).filter((file) => file.endsWith('.eml'))) await client.append('INBOX', readFileSync(join(FIXTURES, name)));
    const lock = await client.getMailboxLock('INBOX');
    try {
      for await (const message of client.fetch('1:*', { envelope: true, bodyStructure: true, source: true })) bySubject.set(message.envelope?.subject ?? `#${message.seq}`, await verdicts(message));
    } finally {
      lock.release();
    }
  });
  afterAll(() => sandbox.dispose());

  it('gives no paperclip to “Fwd: Your ferry tickets”, whose forwarded mail the reader shows in its text', () => {
    // Before: the list (BODYSTRUCTURE: a named message/rfc822 part) had a paperclip, the reader no attachment.
    expect(bySubject.get('Fwd: Your ferry tickets')).toEqual({ imapList: false, popList: false, reader: false });
  });

  it('agrees for every message: the IMAP list, the POP list and the reader', () => {
    expect(bySubject.size).toBeGreaterThan(15);
    for (const [subject, verdict] of bySubject) expect({ subject, imap: verdict.imapList, pop: verdict.popList }).toEqual({ subject, imap: verdict.reader, pop: verdict.reader });
    // Some messages have attachments, some do not: the comparison is not vacuous.
    expect([...bySubject.values()].filter((v) => v.reader).length).toBeGreaterThan(1);
    expect([...bySubject.values()].filter((v) => !v.reader).length).toBeGreaterThan(5);
  });
});
