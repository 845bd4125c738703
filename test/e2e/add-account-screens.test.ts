import { mkdir } from 'node:fs/promises';
import type { Locator, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createUser, makeMessage, seedMessages } from '../servers';
import { startDiscoveryServers, type DiscoveryServers } from '../servers/discovery';
import { sharedBrowser } from '../support/e2e-browser';
import { startHarnessProcess } from '../support/harness-process';

/**
 * The account form at 1440×900 and 1024×700: what comes next is in view and focused (the
 * certificate card, the password after a refusal), measured on every run; screenshots
 * (PORTHOLE_SCREENSHOTS=<folder>) are for looking at.
 */

const servers = inject('servers');
const e2e = sharedBrowser('add-account-screens');
const SIZES = { wide: { width: 1440, height: 900 }, medium: { width: 1024, height: 700 } } as const;

async function shot(page: Page, name: string): Promise<void> {
  const folder = process.env.PORTHOLE_SCREENSHOTS;
  if (!folder) return;
  await mkdir(folder, { recursive: true });
  await page.screenshot({ path: `${folder}/${name}.png` });
}

/** Whether the element is wholly inside the viewport (not below the fold). */
async function inView(page: Page, target: Locator): Promise<boolean> {
  const box = await target.boundingBox();
  const size = page.viewportSize();
  return Boolean(box && size && box.y >= 0 && box.y + box.height <= size.height);
}

let discovery: DiscoveryServers;
beforeAll(async () => {
  discovery = await startDiscoveryServers({ mailServers: servers });
});
afterAll(async () => {
  await discovery?.stop();
});

describe.each(Object.entries(SIZES))('the account form at %s size', (name, viewport) => {
  it('first run, the certificate card in view and focused, the refusal back in the password field, an address already set up', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', [{ raw: makeMessage({ subject: 'Welcome, Sam' }) }]);
    const harness = await startHarnessProcess(undefined, [], discovery.env);
    e2e.cleanups.push(() => harness.stop());
    const { page, pageErrors } = await e2e.openPage(harness.url, { viewport });
    await page.getByRole('form', { name: 'Add a mail account' }).waitFor();
    await shot(page, `setup-first-run-${name}`);

    await page.getByLabel('Your name').fill('Sam Screens');
    await page.getByLabel('Email address').fill(user.address);
    await page.getByRole('button', { name: 'Configure manually' }).click();
    await page.locator('#incoming-host').fill('127.0.0.1');
    await page.locator('#incoming-port').fill(String(servers.imap.tlsPort));
    await page.locator('#incoming-user').fill(user.user);
    await page.locator('#smtp-host').fill('127.0.0.1');
    await page.locator('#smtp-port').fill(String(servers.smtp.tlsPort));
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByLabel('Password', { exact: true }).press('Enter');
    const heading = page.getByRole('heading', { name: 'The server’s certificate is not trusted by this computer' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 20_000 }).toBe('certificate-heading');
    expect(await inView(page, heading)).toBe(true);
    expect(await inView(page, page.getByRole('button', { name: 'Trust this certificate for this account' }))).toBe(true);
    await shot(page, `setup-certificate-${name}`);

    await page.getByRole('button', { name: 'Trust this certificate for this account' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 20_000 }).toBe('incoming-password');
    expect(await inView(page, page.locator('[data-error-code="AUTH_FAILED"]'))).toBe(true);
    await shot(page, `setup-refused-${name}`);

    await page.locator('#incoming-password').fill(user.password);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')), { timeout: 20_000 }).toBe('Messages in Inbox');
    await shot(page, `setup-added-${name}`);

    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByLabel('Email address').fill(user.address);
    const said = page.getByTestId('already-set-up');
    await expect.poll(() => said.count()).toBe(1);
    expect(await inView(page, said)).toBe(true);
    await shot(page, `setup-already-set-up-${name}`);

    await page.getByLabel('Email address').fill('someone@gmail.com');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('[data-error-code="OAUTH_NOT_CONFIGURED"]').count(), { timeout: 30_000 }).toBe(1);
    await shot(page, `setup-gmail-${name}`);
    await page.getByRole('button', { name: 'Use an app password instead' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('incoming-password');
    await shot(page, `setup-app-password-${name}`);
    expect(pageErrors).toEqual([]);
  });
});
