import type { Locator, Page } from 'playwright';
import { describe, expect, inject, it } from 'vitest';
import { createUser, makeMessage, seedMessages } from '../servers';
import { sharedBrowser } from '../support/e2e-browser';
import { addAccountThroughForm, openApp } from './device-ui';

/**
 * Issue 16, "address completion from everyone the user has written to or received from (collected
 * into a contacts store in the cache, ranked by how often and how recently), with display names,
 * groups of recent recipients, and a warning before sending to an address that looks like a typo
 * of a frequent one", in Chromium through the harness, for a POP and an IMAP account against
 * Dovecot and the test submission server: senders of the inbox complete by name; a message sent to
 * two people makes them a group offered whole; Escape closes the list and not the composer; a
 * misspelt domain of a well-known address is flagged on leaving the field and mended with a click.
 */

const servers = inject('servers');
const e2e = sharedBrowser('address-completion');

const composer = (page: Page): Locator => page.getByRole('dialog', { name: 'Compose message' });
const suggestions = (page: Page, field: string): Locator => composer(page).getByRole('listbox', { name: `Addresses for ${field}` });

describe.each(['pop3', 'imap'] as const)('address completion, %s account', (mode) => {
  it('completes senders by name, offers the people written to together, and catches a misspelt domain', async () => {
    const me = await createUser(servers);
    const ann = await createUser(servers);
    const bob = await createUser(servers);
    await seedMessages(servers, me, 'INBOX', [
      { raw: makeMessage({ from: `Ann Smith <${ann.address}>`, to: me.address, subject: 'Ferry times', body: 'The 9:10 ferry.\n' }) },
      { raw: makeMessage({ from: `Ann Smith <${ann.address}>`, to: me.address, subject: 'Harbour walk', body: 'Saturday?\n' }) },
      { raw: makeMessage({ from: `"Ånnika's Harbour News" <news@example.test>`, to: me.address, subject: 'This week', body: 'News.\n' }) },
    ]);
    const { page, pageErrors } = await openApp(e2e.browser, e2e.cleanups);
    await addAccountThroughForm(page, servers, me, mode);
    const inbox = page.getByRole('listbox', { name: 'Messages in Inbox' });
    await expect.poll(() => inbox.getByRole('option').count(), { timeout: 20_000 }).toBe(3);

    // Typing the start of a name offers its sender, with the display name; Enter takes it.
    await page.getByRole('button', { name: 'Compose' }).click();
    const to = composer(page).getByLabel('To', { exact: true });
    await to.pressSequentially('an');
    await expect.poll(() => suggestions(page, 'To').getByRole('option').allTextContents()).toEqual([`Ann Smith${ann.address}`, `Ånnika's Harbour Newsnews@example.test`]);
    // Escape closes the list only: the composer and what was typed stay.
    await to.press('Escape');
    await expect.poll(() => suggestions(page, 'To').count()).toBe(0);
    expect(await composer(page).count()).toBe(1);
    await to.pressSequentially('n s');
    await expect.poll(() => suggestions(page, 'To').getByRole('option').count()).toBe(1);
    await to.press('Enter');
    expect(await to.inputValue()).toBe(`Ann Smith <${ann.address}>, `);
    expect(await composer(page).count()).toBe(1);
    // Diacritics do not matter: "anni" finds Ånnika's; ↓ and Tab choose.
    const cc = composer(page).getByLabel('Cc', { exact: true });
    await cc.pressSequentially('anni');
    await expect.poll(() => suggestions(page, 'Cc').getByRole('option').count()).toBe(1);
    await cc.press('Tab');
    expect(await cc.inputValue()).toBe(`Ånnika's Harbour News <news@example.test>, `);
    await cc.fill(bob.address);
    await composer(page).getByLabel('Subject').fill('Ferry plan');
    await composer(page).getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => composer(page).count(), { timeout: 20_000 }).toBe(0);

    // The sent copy in Sent (POP: kept here; IMAP: uploaded, then synced when the folder is opened).
    await page.getByRole('navigation', { name: 'Folders' }).getByRole('button', { name: /^Sent/ }).click();
    await expect.poll(() => page.getByRole('listbox', { name: 'Messages in Sent' }).getByRole('option', { name: /Ferry plan/ }).count(), { timeout: 20_000 }).toBe(1);

    // Bob was written to with Ann: typing him offers him, then the two of them together.
    await page.getByRole('button', { name: 'Compose' }).click();
    await to.pressSequentially(bob.user.slice(0, 10));
    await expect.poll(() => suggestions(page, 'To').getByRole('option').allTextContents()).toEqual([bob.address, `Ann Smith, ${bob.address}written to together once`]);
    await suggestions(page, 'To').getByRole('option', { name: /together/ }).click();
    expect(await to.inputValue()).toBe(`Ann Smith <${ann.address}>, ${bob.address}, `);

    // A misspelt domain of a well-known address is said once the field is left, and mended in one click.
    await to.fill(`${ann.user}@exmaple.test`);
    await composer(page).getByLabel('Subject').click();
    const warning = composer(page).getByRole('status', { name: 'Before sending' });
    await expect.poll(() => warning.textContent()).toContain(`${ann.user}@exmaple.test is new here. Did you mean ${ann.address} (you wrote to them once)?`);
    await composer(page).getByRole('button', { name: 'Send', exact: true }).click();
    // Send asks once: the button now sends it as typed.
    await expect.poll(() => composer(page).getByRole('button', { name: 'Send anyway' }).count()).toBe(1);
    await warning.getByRole('button', { name: `Use ${ann.address}` }).click();
    expect(await to.inputValue()).toBe(ann.address);
    await expect.poll(() => warning.count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
