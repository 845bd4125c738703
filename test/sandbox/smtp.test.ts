import { createTransport } from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeMessage } from '../../main/protocols/smtp/compose';
import { submitMessage, verifySmtpLogin } from '../../main/protocols/smtp/smtp-client';
import { openPop3 } from '../../main/protocols/pop3/pop3-connection';
import { waitFor } from '../support/wait';
import { fetchOne } from './support/imap-helpers';
import { startSandbox, type SandboxFixture } from './support/sandbox-fixture';

let sandbox: SandboxFixture;
beforeEach(async () => {
  sandbox = await startSandbox();
});
afterEach(async () => {
  await sandbox.dispose();
});

function transport(name: string, password?: string) {
  const login = sandbox.login(name);
  return createTransport({ host: '127.0.0.1', port: sandbox.server.info.smtpPort, secure: false, ignoreTLS: true, auth: { user: login.user, pass: password ?? login.password } });
}

const count = (user: string) => sandbox.server.store.folder(user, 'INBOX')!.messages.length;

describe('SMTP submission delivers into the same store', () => {
  it('delivers mail sent with nodemailer to every local recipient; it shows over IMAP (IDLE) and POP', async () => {
    const watcher = await sandbox.imap('you');
    const exists: number[] = [];
    watcher.on('exists', (event: { count: number }) => exists.push(event.count));
    await watcher.mailboxOpen('INBOX');
    const idling = watcher.idle();

    const info = await transport('ana').sendMail({ from: 'ana@sandbox.test', to: 'you@sandbox.test', cc: 'ben+sandbox@sandbox.test', subject: 'Sent over SMTP', text: 'Straight into the sandbox.\n.a line with a dot\n', messageId: '<smtp-1@sandbox.test>' });
    expect(info.accepted).toEqual(['you@sandbox.test', 'ben+sandbox@sandbox.test']);
    expect(count('ben')).toBe(3);
    await waitFor(() => exists.includes(11), 'EXISTS for the delivered message');
    await watcher.noop();
    await idling.catch(() => undefined);

    const fetched = await fetchOne(watcher, '11', { envelope: true, source: true }, { uid: true });
    expect(fetched.envelope?.subject).toBe('Sent over SMTP');
    expect(fetched.source?.toString()).toMatch(/^Return-Path: <ana@sandbox\.test>\r\nReceived: from /);
    expect(fetched.source?.toString()).toContain('\r\n.a line with a dot\r\n');

    const { user, password } = sandbox.login('you');
    const { session } = await openPop3({ endpoint: { host: '127.0.0.1', port: sandbox.server.info.pop3Port, security: 'none', user }, password, trusted: [] });
    const popped = await session.retr(11);
    await session.quit();
    expect(popped.equals(fetched.source!)).toBe(true);
  });

  it("carries the product's own submission (verifySmtpLogin, submitMessage) with plaintext AUTH on loopback", async () => {
    const { user, password } = sandbox.login('you');
    const login = { endpoint: { host: '127.0.0.1', port: sandbox.server.info.smtpPort, security: 'none' as const, user }, password, trusted: [] };
    await verifySmtpLogin(login);
    const composed = await composeMessage({ from: { name: 'You', address: 'you@sandbox.test' }, to: 'ana@sandbox.test', cc: '', bcc: 'ben@sandbox.test', subject: 'From the product', text: 'Hello Ana', inReplyTo: null, references: [], attachments: [] });
    await submitMessage(login, composed.envelope, composed.raw);
    expect(count('ana')).toBe(4);
    expect(count('ben')).toBe(3);
    const raw = await sandbox.server.store.readRaw('ana', sandbox.server.store.folder('ana', 'INBOX')!.messages.at(-1)!);
    expect(raw.toString()).not.toMatch(/^Bcc:/m);
  });

  it('never relays: a recipient outside the sandbox is refused at RCPT, and nothing is stored', async () => {
    const before = ['you', 'ana', 'ben'].map(count);
    await expect(transport('ana').sendMail({ from: 'ana@sandbox.test', to: 'someone@example.com', subject: 'out', text: 'x' })).rejects.toMatchObject({ responseCode: 550 });
    const mixed = await transport('ana').sendMail({ from: 'ana@sandbox.test', to: ['you@sandbox.test', 'someone@example.com'], subject: 'half', text: 'x' });
    expect(mixed.rejected).toEqual(['someone@example.com']);
    expect(mixed.accepted).toEqual(['you@sandbox.test']);
    await expect(transport('ana').sendMail({ from: 'ana@sandbox.test', to: 'nobody@sandbox.test', subject: 'x', text: 'x' })).rejects.toMatchObject({ responseCode: 550 });
    expect(['you', 'ana', 'ben'].map(count)).toEqual([before[0]! + 1, before[1], before[2]]);
  });

  it('requires a correct login before accepting mail', async () => {
    await expect(transport('ana', 'wrong').sendMail({ from: 'ana@sandbox.test', to: 'you@sandbox.test', subject: 'x', text: 'x' })).rejects.toMatchObject({ responseCode: 535 });
    const anonymous = createTransport({ host: '127.0.0.1', port: sandbox.server.info.smtpPort, secure: false, ignoreTLS: true });
    await expect(anonymous.sendMail({ from: 'ana@sandbox.test', to: 'you@sandbox.test', subject: 'x', text: 'x' })).rejects.toMatchObject({ responseCode: 530 });
    expect(count('you')).toBe(10);
  });
});
