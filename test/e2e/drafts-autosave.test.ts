import { rm } from 'node:fs/promises';
import type { ImapFlow } from 'imapflow';
import type { Locator, Page } from 'playwright';
import { describe, expect, inject, it } from 'vitest';
import { createUser, makeMessage, seedMessages, type MailUser } from '../servers';
import { sharedBrowser } from '../support/e2e-browser';
import { freePort, startHarnessProcess } from '../support/harness-process';
import { freshTestProfile } from '../support/test-profile';
import { TcpProxy } from '../support/tcp-proxy';
import { arrivedMessage, otherImapClient, serverSubjects } from '../support/other-client';
import { waitFor } from '../support/wait';
import { addAccountThroughForm } from './device-ui';

/**
 * Issue 16, "drafts save themselves every few seconds … (IMAP: Drafts on the server, replacing the
 * previous version; POP: local Drafts) and survive a crash of the app", in Chromium through the
 * harness against Dovecot: the composer saves by itself after a pause in typing and says so; a
 * later save replaces the earlier version (one draft, the newest text); the core killed with
 * SIGKILL and started again keeps the draft; sending removes the saved versions, and so does
 * discarding a new message.
 */

const servers = inject('servers');
const e2e = sharedBrowser('drafts-autosave');

const composer = (page: Page): Locator => page.getByRole('dialog', { name: 'Compose message' });
const draftState = (page: Page): Locator => composer(page).getByRole('status', { name: 'Draft' });

/** The subjects in the device's Drafts, as the folder list shows them. */
async function draftsShown(page: Page): Promise<string[]> {
  await page.getByRole('navigation', { name: 'Folders' }).getByRole('button', { name: /^Drafts/ }).click();
  const list = page.getByRole('listbox', { name: 'Messages in Drafts' });
  return (await list.count()) ? list.getByRole('option').locator('.subject').allTextContents() : [];
}

/** A profile of its own (removed afterwards) and a page that records its errors; `asShipped`: new messages start in rich text. */
async function profileAndPage(asShipped = false): Promise<{ profileDir: string; page: Page; pageErrors: string[] }> {
  const profileDir = await freshTestProfile('porthole-drafts-');
  e2e.cleanups.push(() => rm(profileDir, { recursive: true, force: true }));
  const options = { viewport: { width: 1440, height: 900 } };
  const context = await (asShipped ? e2e.newContextAsShipped(options) : e2e.browser.newContext(options));
  e2e.cleanups.push(() => context.close());
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { profileDir, page, pageErrors };
}

async function typeAndWaitForSave(page: Page, text: string): Promise<void> {
  await composer(page).getByLabel('Message').pressSequentially(text);
  await waitForSave(page);
}

async function waitForSave(page: Page): Promise<void> {
  // Edited: an earlier "Saved" is no longer shown, until this text is saved.
  expect(await draftState(page).textContent()).not.toMatch(/^Saved/);
  await expect.poll(() => draftState(page).textContent(), { timeout: 15_000 }).toMatch(/^Saved to Drafts at /);
  // The words sit on the line of the buttons beside them, not at the top of the row.
  const [said, send] = await Promise.all([draftState(page).boundingBox(), composer(page).getByRole('button', { name: 'Send' }).boundingBox()]);
  expect(Math.abs(said!.y + said!.height / 2 - (send!.y + send!.height / 2))).toBeLessThan(2);
  expect(said!.height).toBeLessThan(send!.height);
}

/**
 * My account in `mode` on a harness of its own, on a fixed port so that it can be killed and started
 * again at the same address (`killAndRestart`); `server`: my IMAP mailbox read by the test's own
 * client (POP: null, Drafts is this computer's own and the list shows it).
 */
async function myAppThatCanDie(mode: 'imap' | 'pop3', asShipped = false): Promise<{ me: MailUser; friend: MailUser; page: Page; pageErrors: string[]; server: ImapFlow | null; killAndRestart: () => Promise<void> }> {
  const me: MailUser = await createUser(servers);
  const friend = await createUser(servers);
  const { profileDir, page, pageErrors } = await profileAndPage(asShipped);
  const port = await freePort();
  let harness = await startHarnessProcess(profileDir, [], {}, port);
  e2e.cleanups.push(() => harness.stop());
  await page.goto(harness.url);
  await addAccountThroughForm(page, servers, me, mode);
  const server = mode === 'imap' ? await otherImapClient(servers, me) : null;
  if (server) e2e.cleanups.push(() => server.logout());
  const killAndRestart = async (): Promise<void> => {
    // The core dies without a word; started again on the same address.
    process.kill(harness.pid, 'SIGKILL');
    harness = await startHarnessProcess(profileDir, [], {}, port);
    e2e.cleanups.push(() => harness.stop());
    // A page load of its own (the new address differs from the old only after #).
    await page.goto('about:blank');
    await page.goto(harness.url);
  };
  return { me, friend, page, pageErrors, server, killAndRestart };
}

async function serverDrafts(client: ImapFlow | null, subject: string, count: number): Promise<void> {
  if (!client) return;
  await waitFor(async () => (await serverSubjects(client, 'Drafts')).filter((s) => s === subject).length === count || undefined, `${count} "${subject}" in the server's Drafts`, 20_000, 200);
}

describe.each(['imap', 'pop3'] as const)('drafts that save themselves, %s account', (mode) => {
  it('saves after a pause, replaces the earlier version, survives the core killed, and goes when sent or discarded', async () => {
    const { friend, page, pageErrors, server, killAndRestart } = await myAppThatCanDie(mode);

    await page.getByRole('button', { name: 'Compose' }).click();
    await composer(page).getByLabel('To', { exact: true }).fill(friend.address);
    await composer(page).getByLabel('Subject').fill('Harbour plan');
    await typeAndWaitForSave(page, 'First lines.');
    await serverDrafts(server, 'Harbour plan', 1);
    await typeAndWaitForSave(page, ' More lines.');
    // One draft, not two: the second save replaced the first (on the server too).
    await serverDrafts(server, 'Harbour plan', 1);

    // The core dies without a word; started again on the same address, the draft is there.
    await killAndRestart();
    await expect.poll(() => draftsShown(page), { timeout: 30_000 }).toEqual(['Harbour plan']);
    await serverDrafts(server, 'Harbour plan', 1);

    // Opened again and sent: the message goes, its saved versions go with it.
    await page.getByRole('listbox', { name: 'Messages in Drafts' }).getByRole('option').first().click();
    await page.getByRole('toolbar', { name: 'Message actions' }).getByRole('button', { name: 'Edit draft' }).click();
    expect(await composer(page).getByLabel('Message').inputValue()).toBe('First lines. More lines.');
    await typeAndWaitForSave(page, ' Last line.');
    await composer(page).getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => composer(page).count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => draftsShown(page), { timeout: 20_000 }).toEqual([]);
    await serverDrafts(server, 'Harbour plan', 0);

    // A new message saved by itself, then discarded: nothing stays in Drafts.
    await page.getByRole('button', { name: 'Compose' }).click();
    await composer(page).getByLabel('Subject').fill('Never mind');
    await typeAndWaitForSave(page, 'Scratch.');
    await serverDrafts(server, 'Never mind', 1);
    await composer(page).getByRole('button', { name: 'Discard' }).click();
    await composer(page).getByRole('button', { name: 'Discard changes? Click again' }).click();
    await expect.poll(() => draftsShown(page), { timeout: 20_000 }).toEqual([]);
    await serverDrafts(server, 'Never mind', 0);

    // The window reloaded right after typing, before the pause ends: what was typed is saved as the page goes.
    await page.getByRole('button', { name: 'Compose' }).click();
    await composer(page).getByLabel('Subject').fill('Closing time');
    await composer(page).getByLabel('Message').fill('Typed just before the reload.');
    expect(await draftState(page).textContent()).not.toMatch(/^Saved/);
    await page.reload();
    await expect.poll(() => draftsShown(page), { timeout: 30_000 }).toEqual(['Closing time']);
    await serverDrafts(server, 'Closing time', 1);
    expect(pageErrors).toEqual([]);
  });

  it('a rich draft saves itself with its formatting, survives the core killed, opens again in rich text and sends as written', async () => {
    const { friend, page, pageErrors, server, killAndRestart } = await myAppThatCanDie(mode, true);
    const friendClient = await otherImapClient(servers, friend);
    e2e.cleanups.push(() => friendClient.logout());

    await page.getByRole('button', { name: 'Compose' }).click();
    await composer(page).getByLabel('To', { exact: true }).fill(friend.address);
    await composer(page).getByLabel('Subject').fill('Rich harbour');
    const editor = composer(page).getByRole('textbox', { name: 'Message' });
    await editor.click();
    await editor.pressSequentially('Plan: ');
    await editor.press('Control+b');
    await editor.pressSequentially('north pier');
    await editor.press('Control+b');
    await editor.pressSequentially(' at noon.');
    await waitForSave(page);
    await serverDrafts(server, 'Rich harbour', 1);

    await killAndRestart();
    await expect.poll(() => draftsShown(page), { timeout: 30_000 }).toEqual(['Rich harbour']);

    // Opened again: in rich text, the bold word bold, once.
    await page.getByRole('listbox', { name: 'Messages in Drafts' }).getByRole('option').first().click();
    await page.getByRole('toolbar', { name: 'Message actions' }).getByRole('button', { name: 'Edit draft' }).click();
    const again = composer(page).getByRole('textbox', { name: 'Message' });
    await expect.poll(() => again.textContent(), { timeout: 15_000 }).toBe('Plan: north pier at noon.');
    expect(await again.locator('strong').allTextContents()).toEqual(['north pier']);
    expect(await composer(page).getByRole('group', { name: 'Format' }).getByRole('button', { name: 'Rich text' }).getAttribute('aria-pressed')).toBe('true');
    await composer(page).getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => composer(page).count(), { timeout: 20_000 }).toBe(0);
    await serverDrafts(server, 'Rich harbour', 0);
    await expect.poll(() => draftsShown(page), { timeout: 15_000 }).toEqual([]);

    // As written: the HTML keeps the bold word, the text part has the words without a line added.
    const arrived = await arrivedMessage(friendClient, 'INBOX', 'Rich harbour');
    expect(arrived.html).toMatch(/<strong>north pier<\/strong>/);
    expect(arrived.text?.trim()).toBe('Plan: north pier at noon.');
    expect(pageErrors).toEqual([]);
  });

  if (mode === 'imap') {
    /** An IMAP account with one draft on the server, reached through a relay the test can stall or cut, as a bad network would. */
    const draftBehindRelay = async (subject: string, text: string): Promise<{ relay: TcpProxy; page: Page; pageErrors: string[] }> => {
      const me: MailUser = await createUser(servers);
      await seedMessages(servers, me, 'Drafts', [{ raw: makeMessage({ subject, body: text }) }]);
      const relay = await new TcpProxy(servers.imap.tlsPort).start();
      e2e.cleanups.push(() => relay.stop());
      const { profileDir, page, pageErrors } = await profileAndPage();
      const harness = await startHarnessProcess(profileDir);
      e2e.cleanups.push(() => harness.stop());
      await page.goto(harness.url);
      await addAccountThroughForm(page, { ...servers, imap: { ...servers.imap, tlsPort: relay.port } }, me, 'imap');
      await expect.poll(() => draftsShown(page), { timeout: 30_000 }).toEqual([subject]);
      return { relay, page, pageErrors };
    };

    it('Edit draft on a draft whose text has not arrived yet waits for it: never an empty composer that would save over the draft', async () => {
      const { relay, page, pageErrors } = await draftBehindRelay('Slow draft', 'Kept words.');

      relay.hold(true);
      await page.getByRole('listbox', { name: 'Messages in Drafts' }).getByRole('option').first().click();
      await page.getByRole('toolbar', { name: 'Message actions' }).getByRole('button', { name: 'Edit draft' }).click();
      relay.hold(false);

      await expect.poll(() => composer(page).count(), { timeout: 20_000 }).toBe(1);
      expect(await composer(page).getByLabel('Message').inputValue()).toBe('Kept words.');
      expect(pageErrors).toEqual([]);
    });

    it('Edit draft on a draft whose text cannot be had says so, and opens no composer', async () => {
      const { relay, page, pageErrors } = await draftBehindRelay('Lost draft', 'Words on the server only.');

      // The server stalls, then goes away before the text comes: the network dropped.
      relay.hold(true);
      await page.getByRole('listbox', { name: 'Messages in Drafts' }).getByRole('option').first().click();
      await page.getByRole('toolbar', { name: 'Message actions' }).getByRole('button', { name: 'Edit draft' }).click();
      relay.refuse(true);
      relay.cutAll();

      await expect.poll(() => page.getByText('This message’s text could not be fetched, so it was not opened in the composer', { exact: false }).count(), { timeout: 60_000 }).toBeGreaterThan(0);
      expect(await composer(page).count()).toBe(0);
      expect(pageErrors).toEqual([]);
    });
  }
});
