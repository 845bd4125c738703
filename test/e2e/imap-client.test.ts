import type { Page } from 'playwright';
import { describe, expect, inject, it } from 'vitest';
import { FLAG_SEEN } from '../../common/model/mail';
import { createUser, makeMessage, seedMessages, type MailUser } from '../servers';
import { sharedBrowser } from '../support/e2e-browser';
import { fixtureMail, numberedMessages } from '../support/fixtures';
import { startHarnessProcess, type HarnessProcess } from '../support/harness-process';
import { otherImapClient, serverFlags, serverSubjects } from '../support/other-client';
import { waitFor } from '../support/wait';

const servers = inject('servers');
const e2e = sharedBrowser('imap-client');
const { cleanups } = e2e;

async function openApp(): Promise<{ page: Page; harness: HarnessProcess; pageErrors: string[] }> {
  const harness = await startHarnessProcess();
  cleanups.push(() => harness.stop());
  const context = await e2e.browser.newContext();
  cleanups.push(() => context.close());
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(harness.url);
  return { page, harness, pageErrors };
}

/** What a person types into the account form, including accepting the test server's certificate. */
async function addAccountThroughForm(page: Page, user: MailUser): Promise<void> {
  await page.getByLabel('Your name').fill('Erin Example');
  await page.getByLabel('Email address').fill(user.address);
  await page.getByRole('button', { name: 'Configure manually' }).click();
  await page.locator('#incoming-host').fill('127.0.0.1');
  await page.locator('#incoming-security').selectOption('tls');
  await page.locator('#incoming-port').fill(String(servers.imap.tlsPort));
  await page.locator('#incoming-user').fill(user.user);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.locator('#smtp-host').fill('127.0.0.1');
  await page.locator('#smtp-security').selectOption('starttls');
  await page.locator('#smtp-port').fill(String(servers.smtp.starttlsPort));
  await page.getByRole('button', { name: 'Check and add account' }).click();
  // The test server's certificate is self-signed: the form shows it, and the person trusts it.
  await expect.poll(() => page.getByTestId('certificate-fingerprint').textContent(), { timeout: 20_000 }).toBe(servers.certificate.fingerprint256);
  await page.getByRole('button', { name: 'Trust this certificate for this account' }).click();
}

describe('the IMAP client in Chromium, through the web harness', () => {
  it('adds an account through the form, reads, marks, moves and sends; the server sees each effect', async () => {
    const user = await createUser(servers);
    const recipient = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', [...numberedMessages(30), { raw: fixtureMail('html-remote.eml') }, { raw: fixtureMail('attachment.eml') }]);
    const other = await otherImapClient(servers, user);
    cleanups.push(() => other.logout());
    const { page, pageErrors } = await openApp();

    await addAccountThroughForm(page, user);
    const list = page.getByRole('listbox', { name: 'Messages in Inbox' });
    await expect.poll(() => list.getByRole('option').first().getAttribute('aria-label'), { timeout: 20_000 }).toContain('Newsletter with pictures');
    await expect.poll(() => page.locator('.pane-header .muted').textContent(), { timeout: 20_000 }).toBe('32 messages');
    await expect.poll(() => page.getByRole('button', { name: /^Inbox, 32 unread$/ }).count()).toBe(1);

    // Open the attachment message: the body is fetched, it is marked read here and on the server.
    await list.getByRole('option', { name: /Quarterly report attached/ }).click();
    await expect.poll(() => page.frameLocator('iframe[title="Message content"]').locator('body').textContent(), { timeout: 15_000 }).toContain('report is attached');
    await expect.poll(() => page.getByRole('button', { name: /Save attachment report\.pdf/ }).count()).toBe(1);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /Save attachment report\.pdf/ }).click();
    expect((await download).suggestedFilename()).toBe('report.pdf');
    await expectEveryControlNamed(page);
    const attachmentUid = (await otherUidBySubject(other, 'Quarterly report attached'))!;
    await waitFor(async () => (await serverFlags(other, 'INBOX')).get(attachmentUid)?.includes(FLAG_SEEN), 'the server to mark it read');
    await expect.poll(() => page.getByRole('button', { name: /^Inbox, 31 unread$/ }).count()).toBe(1);

    // u marks it unread again (keyboard), and the server follows.
    await page.locator('body').press('u');
    await waitFor(async () => !(await serverFlags(other, 'INBOX')).get(attachmentUid)?.includes(FLAG_SEEN), 'the server to mark it unread');
    // s flags it.
    await page.locator('body').press('s');
    await waitFor(async () => (await serverFlags(other, 'INBOX')).get(attachmentUid)?.includes('\\Flagged'), 'the server to flag it');

    // The HTML newsletter: scripts do not run, the remote tracker is blocked until asked.
    await list.getByRole('option', { name: /Newsletter with pictures/ }).click();
    const frame = page.frameLocator('iframe[title="Message content"]');
    await expect.poll(() => frame.locator('h1').textContent(), { timeout: 15_000 }).toBe('This week');
    expect(await page.locator('iframe[title="Message content"]').getAttribute('sandbox')).toBe('');
    expect(await frame.locator('script').count()).toBe(0);
    expect(await frame.locator('img[src]').count()).toBe(0);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Remote content in this message is blocked' }).count()).toBe(1);

    // Local search by sender or subject: "/" goes to the box; Escape clears it.
    await page.locator('body').press('/');
    await page.keyboard.type('ann quarterly');
    await expect.poll(() => page.getByTestId('search-count').textContent()).toBe('1 found');
    // The count comes from the search; the row is drawn once its record is read ("Loading" until then).
    await expect.poll(() => list.getByRole('option').first().getAttribute('aria-label')).toContain('Quarterly report attached');
    await page.keyboard.press('Escape');
    await expect.poll(() => list.getByRole('option').count()).toBeGreaterThan(5);

    // Move "Message 30" to Junk with the Move to… control.
    await list.getByRole('option', { name: /Message 30/ }).click();
    await page.getByRole('combobox', { name: 'Move to folder' }).selectOption('Junk');
    await waitFor(async () => (await serverSubjects(other, 'Junk')).includes('Message 30'), 'the move to Junk on the server');
    expect(await serverSubjects(other, 'INBOX')).not.toContain('Message 30');

    // Delete "Message 29" with #: it goes to Trash.
    await list.getByRole('option', { name: /Message 29/ }).click();
    await page.locator('body').press('#');
    await waitFor(async () => (await serverSubjects(other, 'Trash')).includes('Message 29'), 'the delete to Trash on the server');

    // Compose and send; the recipient gets it and the server's Sent keeps a copy.
    await page.getByRole('button', { name: 'Compose' }).click();
    const composer = page.getByRole('dialog', { name: 'Compose message' });
    await composer.getByLabel('To').fill(recipient.address);
    await composer.getByLabel('Subject').fill('Sent from the browser');
    await composer.getByLabel('Message').fill('Hello from an end-to-end test.');
    await expectEveryControlNamed(page);
    await composer.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => composer.count(), { timeout: 20_000 }).toBe(0);
    await waitFor(async () => (await serverSubjects(other, 'Sent')).includes('Sent from the browser'), 'the copy in Sent on the server');
    const recipientClient = await otherImapClient(servers, recipient);
    cleanups.push(() => recipientClient.logout());
    await waitFor(async () => (await serverSubjects(recipientClient, 'INBOX')).includes('Sent from the browser'), 'the message at the recipient');

    // Another client's new mail shows up by itself (IDLE), unread.
    await other.append('INBOX', makeMessage({ subject: 'Arrived while watching' }));
    await expect.poll(() => list.getByRole('option', { name: /^Unread, .*Arrived while watching/ }).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('connection-status').textContent()).toContain('Online');
    expect(pageErrors).toEqual([]);
  });

  it('shows a wrong password next to the form and keeps what was typed', async () => {
    const user = await createUser(servers);
    const { page } = await openApp();
    await addAccountThroughForm(page, { ...user, password: 'wrong' });
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 20_000 }).toContain('refused the user name or password');
    expect(await page.getByLabel('Email address').inputValue()).toBe(user.address);
  });
});

/** Every interactive element has an accessible name (what a screen reader announces). */
async function expectEveryControlNamed(page: Page): Promise<void> {
  const snapshot = await page.locator('body').ariaSnapshot();
  const unnamed = snapshot.split('\n').filter((line) => /^\s*- (button|textbox|combobox|checkbox|listbox|option|link|spinbutton)\s*(\[.*\])?:?\s*$/.test(line));
  expect(unnamed, snapshot).toEqual([]);
}

async function otherUidBySubject(client: Awaited<ReturnType<typeof otherImapClient>>, subject: string): Promise<number | undefined> {
  const lock = await client.getMailboxLock('INBOX');
  try {
    await client.mailboxOpen('INBOX');
    for await (const m of client.fetch('1:*', { uid: true, envelope: true })) if (m.envelope?.subject === subject) return m.uid;
    return undefined;
  } finally {
    lock.release();
  }
}
