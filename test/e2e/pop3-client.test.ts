import { describe, expect, inject, it } from 'vitest';
import { createUser, seedMessages } from '../servers';
import { sharedBrowser } from '../support/e2e-browser';
import { fixtureMail, numberedMessages } from '../support/fixtures';
import { startHarnessProcess } from '../support/harness-process';
import { otherImapClient, serverSubjects } from '../support/other-client';
import { poplibView } from '../support/poplib';
import { TcpProxy } from '../support/tcp-proxy';
import { waitFor } from '../support/wait';

const servers = inject('servers');
const e2e = sharedBrowser('pop3');
const { cleanups } = e2e;

describe('the POP3 client in Chromium, through the web harness', () => {
  it('adds a POP account, checks, reads, files locally, sends, and changes what happens on the server', async () => {
    const user = await createUser(servers);
    const recipient = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', [...numberedMessages(2), { raw: fixtureMail('attachment.eml') }]);
    // A relay in front of the POP3 TLS port, to count the connections the app makes.
    const relay = await new TcpProxy(servers.pop3.tlsPort).start();
    cleanups.push(() => relay.stop());
    const harness = await startHarnessProcess();
    cleanups.push(() => harness.stop());
    const context = await e2e.browser.newContext();
    cleanups.push(() => context.close());
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(harness.url);

    await page.getByLabel('Your name').fill('Pat POP');
    await page.getByLabel('Email address').fill(user.address);
    await page.getByRole('button', { name: 'Configure manually' }).click();
    await page.getByLabel('How to get mail').selectOption('pop3');
    await expect.poll(() => page.getByTestId('retention-explanation').textContent()).toContain('other devices');
    await page.locator('#incoming-host').fill('127.0.0.1');
    await page.locator('#incoming-security').selectOption('tls');
    await page.locator('#incoming-port').fill(String(relay.port));
    await page.locator('#incoming-user').fill(user.user);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.locator('#smtp-host').fill('127.0.0.1');
    await page.locator('#smtp-security').selectOption('tls');
    await page.locator('#smtp-port').fill(String(servers.smtp.tlsPort));
    await page.getByRole('button', { name: 'Check and add account' }).click();
    await expect.poll(() => page.getByTestId('certificate-fingerprint').textContent(), { timeout: 20_000 }).toBe(servers.certificate.fingerprint256);
    await page.getByRole('button', { name: 'Trust this certificate for this account' }).click();

    const list = page.getByRole('listbox', { name: 'Messages in Inbox' });
    await expect.poll(() => list.getByRole('option').count(), { timeout: 20_000 }).toBe(3);
    await expect.poll(() => page.getByTestId('connection-status').textContent(), { timeout: 20_000 }).toContain('Last checked');
    const nav = page.getByRole('navigation', { name: 'Folders' });
    for (const name of ['Inbox', 'Drafts', 'Sent', 'Trash']) expect(await nav.getByRole('button', { name: new RegExp(`^${name}`) }).count()).toBe(1);

    // Reading is local: no connection to the POP server (POP has no flags to send).
    const connectionsAfterCheck = relay.accepted;
    await list.getByRole('option', { name: /Quarterly report attached/ }).click();
    await expect.poll(() => page.frameLocator('iframe[title="Message content"]').locator('body').textContent(), { timeout: 10_000 }).toContain('report is attached');
    await expect.poll(() => list.getByRole('option', { name: /^Ann Attach/ }).count()).toBe(1);
    await page.locator('body').press('s');
    expect(relay.accepted).toBe(connectionsAfterCheck);

    // A local folder, and a message moved into it.
    await nav.getByRole('button', { name: 'New folder' }).click();
    await page.getByLabel('New folder name').fill('Receipts');
    await page.getByRole('form', { name: 'New folder' }).getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => nav.getByRole('button', { name: /^Receipts/ }).count()).toBe(1);
    await list.getByRole('option', { name: /Message 1$/ }).click();
    await page.getByRole('combobox', { name: 'Move to folder' }).selectOption('Receipts');
    await expect.poll(() => list.getByRole('option').count()).toBe(2);
    await nav.getByRole('button', { name: /^Receipts/ }).click();
    await expect.poll(() => page.getByRole('listbox', { name: 'Messages in Receipts' }).getByRole('option').count()).toBe(1);
    expect(relay.accepted).toBe(connectionsAfterCheck);
    expect((await poplibView(servers, user)).count).toBe(3);

    // Sending keeps the copy in the local Sent, not on the server.
    await page.getByRole('button', { name: 'Compose' }).click();
    const composer = page.getByRole('dialog', { name: 'Compose message' });
    await composer.getByLabel('To').fill(recipient.address);
    await composer.getByLabel('Subject').fill('Sent from POP');
    await composer.getByLabel('Message').fill('Kept on this computer.');
    await composer.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => composer.count(), { timeout: 20_000 }).toBe(0);
    await nav.getByRole('button', { name: /^Sent/ }).click();
    await expect.poll(() => page.getByRole('listbox', { name: 'Messages in Sent' }).getByRole('option', { name: /Sent from POP/ }).count()).toBe(1);
    const senderServer = await otherImapClient(servers, user);
    cleanups.push(() => senderServer.logout());
    expect(await serverSubjects(senderServer, 'Sent')).toEqual([]);

    // Change the retention: delete from the server right after download, then check.
    await page.getByRole('button', { name: `Settings of ${user.address}` }).click();
    const settings = page.getByRole('dialog', { name: `Settings of ${user.address}` });
    await settings.getByRole('radio', { name: 'Delete from the server right after downloading' }).check();
    await expect.poll(() => settings.getByTestId('retention-explanation').textContent()).toContain('Other devices will never see these messages');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    // Saving one part of Settings keeps the dialog open (the other part may hold unsaved edits).
    await settings.getByRole('status').filter({ hasText: 'Saved.' }).waitFor({ timeout: 20_000 });
    await settings.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => settings.count()).toBe(0);
    await page.getByRole('button', { name: 'Check mail' }).click();
    await waitFor(async () => (await poplibView(servers, user)).count === 0, 'the server copies to be deleted');
    await nav.getByRole('button', { name: /^Inbox/ }).click();
    await expect.poll(() => page.getByRole('listbox', { name: 'Messages in Inbox' }).getByRole('option').count()).toBe(2);
    expect(pageErrors).toEqual([]);
  });
});
