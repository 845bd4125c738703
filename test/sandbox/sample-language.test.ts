import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleMailbox } from '../../sandbox/sample/sample-mailbox';
import type { SeedFolder } from '../../sandbox/store/types';
import { SandboxUsers } from '../../sandbox/users';
import { startSandbox, type SandboxFixture } from './support/sandbox-fixture';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function users(): Promise<SandboxUsers['list']> {
  const dir = await mkdtemp(join(tmpdir(), 'porthole-sample-language-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return (await SandboxUsers.load(dir)).list;
}

async function subjectsOf(folder: SeedFolder | undefined): Promise<string[]> {
  return Promise.all((folder?.messages ?? []).map(async (message) => (await simpleParser(message.raw)).subject ?? ''));
}

async function sandbox(options: Parameters<typeof startSandbox>[0] = {}): Promise<SandboxFixture> {
  const fixture = await startSandbox(options);
  cleanups.push(() => fixture.dispose());
  return fixture;
}

async function inboxSubjects(fixture: SandboxFixture): Promise<string[]> {
  const client = await fixture.imap('you');
  await client.mailboxOpen('INBOX');
  const subjects: string[] = [];
  for await (const message of client.fetch('1:*', { envelope: true })) subjects.push(message.envelope?.subject ?? '');
  return subjects;
}

describe('the sandbox’s sample mail in the window’s language', () => {
  it('has in German the same people, folders, threads and attachments as in English, in German words', async () => {
    const people = await users();
    const [english, german] = await Promise.all([sampleMailbox(people, 'en'), sampleMailbox(people, 'de')]);
    const shape = (mailbox: Map<string, SeedFolder[]>) => [...mailbox].map(([user, folders]) => [user, folders.map((f) => [f.specialUse, f.messages.length])]);
    expect(shape(german)).toEqual(shape(english));
    expect(german.get('you')!.map((f) => f.name)).toEqual(english.get('you')!.map((f) => (f.name === 'Receipts' ? 'Belege' : f.name)));

    const inbox = german.get('you')!.find((f) => f.name === 'INBOX');
    expect(await subjectsOf(inbox)).toEqual([
      'Willkommen in der Porthole-Sandbox',
      'Mittagessen am Freitag?',
      'Re: Mittagessen am Freitag?',
      'Folien für Donnerstag',
      'Re: Folien für Donnerstag',
      'Der Hafenbote – Gezeiten, Märkte und eine neue Fähre',
      'Grüße aus Köln – Termin nächste Woche',
      '来週の打ち合わせについて',
      'دعوة إلى العشاء يوم الجمعة',
      'Fwd: Ihre Fährtickets',
    ]);
    // Replies still answer their originals.
    const parsed = await Promise.all(inbox!.messages.map((m) => simpleParser(m.raw)));
    const lunch = parsed.find((m) => m.subject === 'Mittagessen am Freitag?')!;
    const lunchAgain = parsed.find((m) => m.subject === 'Re: Mittagessen am Freitag?')!;
    expect(lunchAgain.references).toContain(lunch.messageId);
    // "You" is "Sie" in German mail.
    expect(lunch.to && !Array.isArray(lunch.to) ? lunch.to.text : '').toBe('"Sie" <you@sandbox.test>');
    // The forwarded ticket, a message inside a message (shown inline), is readable with its German words.
    const forward = parsed.find((m) => m.subject === 'Fwd: Ihre Fährtickets')!;
    expect(forward.text).toContain('From: "Inselfähren" <tickets@ferries.test>');
    expect(forward.text).toContain('Subject: Ihre Fährtickets');
    expect(forward.text).toContain('14. März, Abfahrt 09:15, Rückfahrt 18:40.');
    // The newsletter's HTML and text say the same, in German.
    const newsletter = parsed.find((m) => m.subject?.startsWith('Der Hafenbote'))!;
    expect(newsletter.html).toContain('Der Wattweg zum Leuchtturm');
    expect(newsletter.text).toContain('Der Wattweg zum Leuchtturm');
  });

  it('is made in the language the server starts with; a language set later is kept across a restart and written by the next reset', async () => {
    const fixture = await sandbox();
    expect(fixture.server.language()).toBe('en');
    expect(await inboxSubjects(fixture)).toContain('Welcome to the Porthole sandbox');

    // The window says German: the mailbox there stays as it is until a reset; new mail is German.
    await fixture.restart({ language: 'de' });
    expect(await inboxSubjects(fixture)).toContain('Welcome to the Porthole sandbox');
    await fixture.server.sendSampleMail('ana', 'you');
    expect((await inboxSubjects(fixture)).at(-1)).toMatch(/^(Kurze Frage|Kaffee nachher\?|Fotos von Samstag|Planänderung|Hast du das gesehen\?)$/);

    await fixture.restart({});
    expect(fixture.server.language()).toBe('de');
    await fixture.server.reset();
    const afterReset = await inboxSubjects(fixture);
    expect(afterReset).toContain('Willkommen in der Porthole-Sandbox');
    expect(afterReset).not.toContain('Welcome to the Porthole sandbox');

    // A language file that cannot be read does not keep the sandbox from starting: English again.
    await fixture.stop();
    await writeFile(join(fixture.dataDir, 'language.json'), '{"language": "de"');
    await fixture.restart({});
    expect(fixture.server.language()).toBe('en');
  });
});
