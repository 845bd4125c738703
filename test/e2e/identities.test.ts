import type { Locator, Page } from 'playwright';
import { describe, expect, inject, it } from 'vitest';
import { createUser, makeMessage, seedMessages, type MailUser } from '../servers';
import { sharedBrowser } from '../support/e2e-browser';
import { arrivedMessage, otherImapClient } from '../support/other-client';
import { addAccountThroughForm, openApp } from './device-ui';

/**
 * Issue 16, identities and signatures, in Chromium through the harness, for a POP and an IMAP
 * account against Dovecot and the test submission server: an identity added in the account's
 * settings appears in the composer's From chooser; a new message starts with the signature
 * ("-- " line, RFC 3676 §4.3); choosing another From swaps the signature and the recipient sees
 * that identity's From and Reply-To; a reply or forward of mail sent to the alias is written from
 * the alias, its signature below the quote as chosen, or above it; the identities survive a reload.
 * A signature written in rich text is a block of its own in a rich message, swapped with the From,
 * sent in both parts.
 */

const servers = inject('servers');
const e2e = sharedBrowser('identities');

const composer = (page: Page): Locator => page.getByRole('dialog', { name: 'Compose message' });


async function setUpIdentities(page: Page, me: MailUser, alias: string): Promise<void> {
  await page.getByRole('button', { name: `Settings of ${me.address}`, exact: true }).click();
  const settings = page.getByRole('dialog', { name: `Settings of ${me.address}` });
  await settings.getByLabel('Signature', { exact: true }).fill('Dana\nHarbour office');
  await settings.getByRole('button', { name: 'Add an identity…' }).click();
  const added = settings.getByRole('group', { name: 'Identity 2' });
  await added.getByLabel('Name').fill('Harbour sales');
  await added.getByLabel('Address').fill(alias);
  await added.getByLabel('Reply-To').fill('orders@example.test');
  await added.getByLabel('Signature', { exact: true }).fill('The sales team');
  await added.getByLabel('Write plain text only (never rich text)').check();
  await settings.getByRole('radio', { name: 'below the quoted message' }).check();
  await settings.getByRole('button', { name: 'Save identities' }).click();
  await expect.poll(() => settings.locator('.identity-fields').getByRole('status').textContent()).toBe('Saved.');
  await settings.getByRole('button', { name: 'Close', exact: true }).click();
  await expect.poll(() => settings.count()).toBe(0);
}

describe.each(['pop3', 'imap'] as const)('identities and signatures, %s account', (mode) => {
  it('From chooser, signature swap, From and Reply-To at the recipient, replies from the alias, kept across a reload', async () => {
    const me = await createUser(servers);
    const friend = await createUser(servers);
    const alias = `sales-${me.user}@example.test`;
    await seedMessages(servers, me, 'INBOX', [{ raw: makeMessage({ from: `Friend <${friend.address}>`, to: `Harbour sales <${alias}>`, subject: 'Order for ten tickets', body: 'Ten tickets, please.\n' }) }]);
    const friendClient = await otherImapClient(servers, friend);
    e2e.cleanups.push(() => friendClient.logout());
    const { page, pageErrors } = await openApp(e2e.browser, e2e.cleanups);
    await addAccountThroughForm(page, servers, me, mode);
    await setUpIdentities(page, me, alias);

    // A new message: the account's own address first, its signature after room to write.
    await page.getByRole('button', { name: 'Compose' }).click();
    const box = composer(page);
    const from = box.getByLabel('From');
    expect(await from.locator('option').allTextContents()).toEqual([`Dana Devices <${me.address}>`, `Harbour sales <${alias}>`]);
    expect(await box.getByLabel('Message').inputValue()).toBe('\n\n-- \nDana\nHarbour office');
    await box.getByLabel('To', { exact: true }).fill(friend.address);
    await box.getByLabel('Subject').fill('Ferry tickets');
    await box.getByLabel('Message').press('Control+Home');
    await box.getByLabel('Message').pressSequentially('They are booked.');
    const richButton = box.getByRole('group', { name: 'Format' }).getByRole('button', { name: 'Rich text' });
    expect(await richButton.isEnabled()).toBe(true);
    await from.selectOption({ label: `Harbour sales <${alias}>` });
    expect(await box.getByLabel('Message').inputValue()).toBe('They are booked.\n\n-- \nThe sales team');
    // The alias writes plain text only (its settings): no rich text from it.
    expect(await richButton.isEnabled()).toBe(false);
    await box.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => composer(page).count(), { timeout: 20_000 }).toBe(0);
    const sent = await arrivedMessage(friendClient, 'INBOX', 'Ferry tickets');
    expect(sent.from?.value).toEqual([{ name: 'Harbour sales', address: alias }]);
    expect(sent.replyTo?.value).toEqual([{ name: '', address: 'orders@example.test' }]);
    expect(sent.text).toBe('They are booked.\n\n-- \nThe sales team\n');

    // A reply to mail sent to the alias is written from the alias, its signature below the quote.
    await page.getByRole('listbox', { name: 'Messages in Inbox' }).getByRole('option', { name: /Order for ten tickets/ }).click();
    await page.getByRole('article', { name: 'Message' }).locator('pre.plain-body, iframe').first().waitFor();
    await page.locator('body').press('r');
    await composer(page).waitFor();
    expect(await composer(page).getByLabel('From').locator('option:checked').textContent()).toBe(`Harbour sales <${alias}>`);
    expect(await composer(page).getByLabel('Message').inputValue()).toMatch(/wrote:\n> Ten tickets, please\.\n>?\s*\n\n-- \nThe sales team\n$/);
    await composer(page).getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => composer(page).count(), { timeout: 20_000 }).toBe(0);
    const reply = await arrivedMessage(friendClient, 'INBOX', 'Re: Order for ten tickets');
    expect(reply.from?.value).toEqual([{ name: 'Harbour sales', address: alias }]);

    // A forward of it too, inline and as an attachment.
    const actions = page.getByRole('toolbar', { name: 'Message actions' });
    await actions.getByRole('button', { name: 'Forward', exact: true }).click();
    expect(await composer(page).getByLabel('From').locator('option:checked').textContent()).toBe(`Harbour sales <${alias}>`);
    expect(await composer(page).getByLabel('Message').inputValue()).toMatch(/Ten tickets, please\.\n[\s\S]*-- \nThe sales team\n?$/);
    await composer(page).getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => composer(page).count()).toBe(0);
    await actions.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Forward as attachment' }).click();
    expect(await composer(page).getByLabel('From').locator('option:checked').textContent()).toBe(`Harbour sales <${alias}>`);
    await composer(page).getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => composer(page).count()).toBe(0);

    // The signature above the quote, as chosen in the settings.
    await page.getByRole('button', { name: `Settings of ${me.address}`, exact: true }).click();
    const settings = page.getByRole('dialog', { name: `Settings of ${me.address}` });
    await settings.getByRole('radio', { name: 'above the quoted message' }).check();
    await settings.getByRole('button', { name: 'Save identities' }).click();
    await expect.poll(() => settings.locator('.identity-fields').getByRole('status').textContent()).toBe('Saved.');
    await settings.getByRole('button', { name: 'Close', exact: true }).click();
    await expect.poll(() => settings.count()).toBe(0);
    await page.locator('body').press('r');
    await composer(page).waitFor();
    expect(await composer(page).getByLabel('Message').inputValue()).toMatch(/^\n\n-- \nThe sales team\n\nOn .+ wrote:\n> Ten tickets, please\./);
    await composer(page).getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => composer(page).count()).toBe(0);

    // Kept by main: after a reload the chooser still has both.
    await page.reload();
    await page.getByRole('button', { name: 'Compose' }).click();
    expect(await composer(page).getByLabel('From').locator('option').count()).toBe(2);
    expect(pageErrors).toEqual([]);
  });

  it('a rich signature: written in the settings, a block of its own in a rich message, swapped by the From chooser, sent in both parts', async () => {
    const me = await createUser(servers);
    const friend = await createUser(servers);
    const alias = `desk-${me.user}@example.test`;
    const friendClient = await otherImapClient(servers, friend);
    e2e.cleanups.push(() => friendClient.logout());
    const { page, pageErrors } = await openApp(e2e.browser, e2e.cleanups);
    await addAccountThroughForm(page, servers, me, mode);

    // The account's own signature in rich text: the words typed as plain text carried over, the name made bold.
    await page.getByRole('button', { name: `Settings of ${me.address}`, exact: true }).click();
    const settings = page.getByRole('dialog', { name: `Settings of ${me.address}` });
    const own = settings.locator('fieldset.identity').first();
    await own.getByLabel('Signature', { exact: true }).fill('Dana\nHarbour office');
    await own.getByLabel('Rich text signature (bold, colour, links, a picture)').check();
    const signatureEditor = own.getByRole('textbox', { name: 'Signature' });
    await expect.poll(() => signatureEditor.textContent()).toBe('DanaHarbour office');
    // "Dana", the first word, chosen with a double click, then made bold.
    const firstLine = await signatureEditor.locator('p').first().boundingBox();
    await page.mouse.dblclick(firstLine!.x + 8, firstLine!.y + firstLine!.height / 4);
    await expect.poll(() => page.evaluate(() => getSelection()?.toString())).toBe('Dana');
    await page.keyboard.press('Control+b');
    await expect.poll(() => signatureEditor.locator('strong').textContent()).toBe('Dana');
    await settings.getByRole('button', { name: 'Add an identity…' }).click();
    const added = settings.getByRole('group', { name: 'Identity 2' });
    await added.getByLabel('Address').fill(alias);
    await added.getByLabel('Signature', { exact: true }).fill('The front desk');
    await settings.getByRole('button', { name: 'Save identities' }).click();
    await expect.poll(() => settings.locator('.identity-fields').getByRole('status').textContent()).toBe('Saved.');
    await settings.getByRole('button', { name: 'Close', exact: true }).click();

    await page.getByRole('button', { name: 'Compose' }).click();
    const box = composer(page);
    await box.getByRole('group', { name: 'Format' }).getByRole('button', { name: 'Rich text' }).click();
    const body = box.getByRole('textbox', { name: 'Message' });
    await expect.poll(() => body.locator('div.signature strong').textContent()).toBe('Dana');
    await box.getByLabel('To', { exact: true }).fill(friend.address);
    await box.getByLabel('Subject').fill('Ferry times');
    // Into the empty first line, above the signature.
    await body.locator('p').first().click();
    await body.pressSequentially('The 9:10 is running.');
    // Another From: its signature in place of the first, the words typed kept; and back again.
    await box.getByLabel('From').selectOption({ label: `Dana Devices <${alias}>` });
    await expect.poll(() => body.locator('div.signature').textContent()).toMatch(/^--\s*The front desk$/);
    expect(await body.locator('div.signature').count()).toBe(1);
    expect(await body.locator('p').first().textContent()).toBe('The 9:10 is running.');
    await box.getByLabel('From').selectOption({ label: `Dana Devices <${me.address}>` });
    await expect.poll(() => body.locator('div.signature strong').textContent()).toBe('Dana');
    expect(await body.locator('div.signature').count()).toBe(1);

    await box.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => composer(page).count(), { timeout: 20_000 }).toBe(0);
    const sent = await arrivedMessage(friendClient, 'INBOX', 'Ferry times');
    expect(sent.html).toMatch(/<div data-signature="">.*<strong>Dana<\/strong><br>Harbour office.*<\/div>/s);
    expect(sent.text?.trimEnd()).toBe('The 9:10 is running.\n\n-- \nDana\nHarbour office');

    // Kept by main, rich: after a reload the settings show it so.
    await page.reload();
    await page.getByRole('button', { name: `Settings of ${me.address}`, exact: true }).click();
    const again = page.getByRole('dialog', { name: `Settings of ${me.address}` }).locator('fieldset.identity').first();
    expect(await again.getByLabel('Rich text signature (bold, colour, links, a picture)').isChecked()).toBe(true);
    await expect.poll(() => again.getByRole('textbox', { name: 'Signature' }).locator('strong').textContent()).toBe('Dana');
    expect(pageErrors).toEqual([]);
  });
});

describe('identities, from rich text to a plain-text-only identity', () => {
  it('choosing an identity that writes plain text only turns a rich message into its text, with that identity’s signature, and sends no HTML', async () => {
    const me = await createUser(servers);
    const friend = await createUser(servers);
    const alias = `sales-${me.user}@example.test`;
    const friendClient = await otherImapClient(servers, friend);
    e2e.cleanups.push(() => friendClient.logout());
    const { page, pageErrors } = await openApp(e2e.browser, e2e.cleanups, (options) => e2e.newContextAsShipped(options));
    await addAccountThroughForm(page, servers, me, 'imap');
    await setUpIdentities(page, me, alias);

    await page.getByRole('button', { name: 'Compose' }).click();
    const box = composer(page);
    const format = box.getByRole('group', { name: 'Format' });
    expect(await format.getByRole('button', { name: 'Rich text' }).getAttribute('aria-pressed')).toBe('true');
    const body = box.getByRole('textbox', { name: 'Message' });
    await expect.poll(() => body.locator('div.signature').textContent(), { timeout: 15_000 }).toMatch(/Dana/);
    await box.getByLabel('To', { exact: true }).fill(friend.address);
    await box.getByLabel('Subject').fill('Booked');
    await body.locator('p').first().click();
    await body.pressSequentially('They are booked.');

    await box.getByLabel('From').selectOption({ label: `Harbour sales <${alias}>` });
    await expect.poll(() => format.getByRole('button', { name: 'Plain text' }).getAttribute('aria-pressed'), { timeout: 15_000 }).toBe('true');
    expect(await format.getByRole('button', { name: 'Rich text' }).isEnabled()).toBe(false);
    expect(await box.getByLabel('Message').inputValue()).toBe('They are booked.\n\n-- \nThe sales team');

    await box.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => composer(page).count(), { timeout: 20_000 }).toBe(0);
    const sent = await arrivedMessage(friendClient, 'INBOX', 'Booked');
    expect(sent.from?.value).toEqual([{ name: 'Harbour sales', address: alias }]);
    expect(sent.html).toBe(false);
    expect(sent.text).toBe('They are booked.\n\n-- \nThe sales team\n');
    expect(pageErrors).toEqual([]);
  });
});
