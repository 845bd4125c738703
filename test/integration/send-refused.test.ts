import { appendFile } from 'node:fs/promises';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { OutgoingMessage } from '../../common/contract';
import type { Mode } from '../../common/model/account';
import { LOCAL_FOLDER_IDS, serverFolderId } from '../../common/model/mail';
import type { WireError } from '../../common/result';
import type { DeviceCache } from '../../renderer/cache-host/schema';
import { createUser, type MailUser } from '../servers';
import { readPasswdFile } from '../servers/passwd-file';
import { accountDraft, addAccount, popAccountDraft, startCore, type CoreFixture } from '../support/core-fixture';
import { otherImapClient, serverSubjects } from '../support/other-client';
import { TcpProxy } from '../support/tcp-proxy';
import { waitFor } from '../support/wait';
import { noticeEnglish } from '../support/main-words';
import { outgoingMessage } from '../support/outgoing';

const servers = inject('servers');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

/**
 * A sender whose SMTP goes through a relay the test can stop (the SMTP server going away), and a
 * recipient on the same servers. POP accounts keep Sent locally; IMAP accounts APPEND to the server.
 */
async function sender(mode: Mode) {
  const user = await createUser(servers);
  const recipient = await createUser(servers);
  const smtpRelay = await new TcpProxy(servers.smtp.tlsPort).start();
  cleanups.push(() => smtpRelay.stop());
  const fixture = await startCore();
  cleanups.push(() => fixture.dispose());
  const draft = mode === 'pop3' ? popAccountDraft(servers, user, 'tls', { retention: { kind: 'keep' } }) : accountDraft(servers, user, 'tls');
  const added = await addAccount(fixture, { ...draft, smtp: { ...draft.smtp, port: smtpRelay.port } });
  // The start-up check or first sync is over: what follows is only the send.
  await waitFor(() => fixture.events['device:status'].some((s) => s.connection === 'online') || undefined, 'the device online');
  const message = (overrides: Partial<OutgoingMessage> = {}): OutgoingMessage => outgoingMessage(added.ref, recipient.address, { subject: 'Should not be kept', ...overrides });
  const serverView = await otherImapClient(servers, user);
  const recipientView = await otherImapClient(servers, recipient);
  cleanups.push(() => serverView.logout(), () => recipientView.logout());
  return { user, recipient, smtpRelay, fixture, message, serverView, recipientView, ...added };
}

/** The SMTP server stops accepting the account's password (it changed there; POP and IMAP still take the old one). */
async function changeSmtpPassword(user: MailUser): Promise<void> {
  const entry = (await readPasswdFile(servers.passwdFile)).get(user.user)!;
  // The SMTP server reads the shared passwd-file, where a later line wins; Dovecot reads users/<name> first.
  await appendFile(servers.passwdFile, `${entry.name}:{PLAIN}changed-${entry.password}:${entry.uid}:${entry.gid}::${entry.home}::\n`);
}

async function subjectsIn(db: DeviceCache, folderId: string): Promise<string[]> {
  return (await db.messages.toArray()).filter((m) => m.folderId === folderId).map((m) => m.subject);
}

type Refusal = 'recipient outside the domain' | 'unknown local mailbox' | 'SMTP server stopped' | 'SMTP password no longer accepted';
const REFUSALS: Refusal[] = ['recipient outside the domain', 'unknown local mailbox', 'SMTP server stopped', 'SMTP password no longer accepted'];

/** Makes the next send fail as `refusal` says; returns the message fields that make it fail. */
async function refuse(refusal: Refusal, setup: Awaited<ReturnType<typeof sender>>): Promise<Partial<OutgoingMessage>> {
  switch (refusal) {
    case 'recipient outside the domain':
      return { to: 'someone@outside.example' };
    case 'unknown local mailbox':
      return { to: 'nobody-here@example.test' };
    case 'SMTP server stopped':
      await setup.smtpRelay.stop();
      return {};
    case 'SMTP password no longer accepted':
      await changeSmtpPassword(setup.user);
      return {};
  }
}

/** Sends what `refusal` makes fail; the result must be an SMTP error. */
async function refusedSend(refusal: Refusal, setup: Awaited<ReturnType<typeof sender>>): Promise<WireError> {
  const result = await setup.fixture.core.handle('message:send', setup.message(await refuse(refusal, setup)));
  expect(result).toMatchObject({ ok: false, error: { details: { service: 'smtp' } } });
  if (result.ok) throw new Error('the send was accepted');
  expect(result.error.message).toMatch(/^SMTP: /);
  return result.error;
}

function expectNoErrorNotice(fixture: CoreFixture): void {
  expect(fixture.events.notice.filter((n) => n.level === 'error')).toEqual([]);
}

describe('a send SMTP refuses, from a POP account', () => {
  it.each(REFUSALS)('%s: an SMTP error, and nothing in the local Sent', async (refusal) => {
    const setup = await sender('pop3');
    const { fixture, db, serverView, recipientView } = setup;
    await refusedSend(refusal, setup);
    expect(await subjectsIn(db, LOCAL_FOLDER_IDS.sent)).toEqual([]);
    expect(await db.rawSources.count()).toBe(0);
    // POP never writes to the server, and the recipient got nothing.
    expect(await serverSubjects(serverView, 'Sent')).toEqual([]);
    expect(await serverSubjects(recipientView, 'INBOX')).toEqual([]);
    expectNoErrorNotice(fixture);
  });

  it('after a dropped send, the next accepted one leaves exactly one copy in Sent and at the recipient', async () => {
    const { fixture, message, db, smtpRelay, recipientView } = await sender('pop3');
    smtpRelay.refuse(true);
    expect(await fixture.core.handle('message:send', message({ subject: 'Try 1' }))).toMatchObject({ ok: false, error: { details: { service: 'smtp' } } });
    smtpRelay.refuse(false);
    expect(await fixture.core.handle('message:send', message({ subject: 'Try 2' }))).toMatchObject({ ok: true });
    expect(await subjectsIn(db, LOCAL_FOLDER_IDS.sent)).toEqual(['Try 2']);
    await waitFor(async () => (await serverSubjects(recipientView, 'INBOX')).includes('Try 2'), 'the accepted message at the recipient');
    expect(await serverSubjects(recipientView, 'INBOX')).toEqual(['Try 2']);
  });
});

describe('a send SMTP refuses, from an IMAP account', () => {
  it.each(REFUSALS)('%s: an SMTP error, and nothing APPENDed to the server’s Sent', async (refusal) => {
    const setup = await sender('imap');
    const { fixture, db, ref, account, serverView, recipientView } = setup;
    await refusedSend(refusal, setup);
    // Nothing queued to upload, and a sync afterwards still APPENDs nothing.
    expect(await db.pendingOps.count()).toBe(0);
    expect(await fixture.core.handle('device:sync', ref)).toEqual({ ok: true, value: null });
    expect(await serverSubjects(serverView, 'Sent')).toEqual([]);
    expect(await subjectsIn(db, serverFolderId('Sent'))).toEqual([]);
    expect(await serverSubjects(recipientView, 'INBOX')).toEqual([]);
    const transcript = await fixture.core.handle('transcript:get', { accountId: account.id });
    if (!transcript.ok) throw new Error(transcript.error.message);
    const imapCommands = transcript.value.filter((e) => e.service === 'imap' && e.direction === 'client').map((e) => e.text);
    expect(imapCommands.some((c) => /\bSELECT\b/i.test(c))).toBe(true);
    expect(imapCommands.filter((c) => /\bAPPEND\b/i.test(c))).toEqual([]);
    expectNoErrorNotice(fixture);
  });
});

describe('the error of a refused send says what happened', () => {
  const clear: Array<[Refusal, string, RegExp]> = [
    ['recipient outside the domain', 'SERVER_ERROR', /550 5\.7\.1 Relaying denied/],
    ['unknown local mailbox', 'SERVER_ERROR', /550 5\.1\.1 Mailbox unavailable/],
    ['SMTP password no longer accepted', 'AUTH_FAILED', /refused the user name or password/],
  ];
  it.each(clear)('%s: %s', async (refusal, code, words) => {
    const error = await refusedSend(refusal, await sender('pop3'));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(words);
  });

  // nodemailer 10 reports a refused connection as ESOCKET with originalCode ECONNREFUSED.
  it('SMTP server stopped: CONNECTION_REFUSED, in plain words', async () => {
    const error = await refusedSend('SMTP server stopped', await sender('pop3'));
    expect(error.code).toBe('CONNECTION_REFUSED');
    expect(error.message).toMatch(/refused the connection/);
  });
});

describe('a send refused for some recipients only', () => {
  it('is sent: kept in Sent, delivered to the others, and the refused ones are named in a warning', async () => {
    const { fixture, message, db, recipientView, recipient } = await sender('pop3');
    const result = await fixture.core.handle('message:send', message({ to: `${recipient.address}, nobody-here@example.test`, subject: 'Half delivered' }));
    expect(result).toMatchObject({ ok: true });
    expect(await subjectsIn(db, LOCAL_FOLDER_IDS.sent)).toEqual(['Half delivered']);
    await waitFor(async () => (await serverSubjects(recipientView, 'INBOX')).includes('Half delivered'), 'the message at the accepted recipient');
    const warning = fixture.events.notice.find((n) => n.where === 'send')!;
    expect(warning).toMatchObject({ level: 'warning' });
    expect(warning.words).toMatchObject({ kind: 'sentButRefused' });
    expect(noticeEnglish(warning)).toContain('nobody-here@example.test');
    expect(noticeEnglish(warning)).not.toContain(recipient.address);
  });
});
