import type { Locator, Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { sharedBrowser } from '../support/e2e-browser';
import { openApp } from './device-ui';

// Issue 13 item 5: every dialog is the one <Dialog>: Escape closes the top layer only, Tab and
// Shift+Tab stay inside, and focus goes back to the button that opened it. The sandbox is enough.
const e2e = sharedBrowser('dialog-focus');
const cleanups = e2e.cleanups;

async function focusIsInside(page: Page, dialog: Locator): Promise<boolean> {
  const handle = await dialog.elementHandle();
  return page.evaluate((box) => box !== null && box.contains(document.activeElement), handle);
}

/** Presses `key` `times` times, checking after each that focus is still inside the dialog. */
async function tabAround(page: Page, dialog: Locator, key: 'Tab' | 'Shift+Tab', times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    await page.keyboard.press(key);
    expect(await focusIsInside(page, dialog), `${key} #${i + 1}`).toBe(true);
  }
}

async function tabbableCount(dialog: Locator): Promise<number> {
  return dialog.evaluate((box) => box.querySelectorAll('button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea, a[href]').length);
}

describe('dialogs: Escape, focus trap and focus return (issue 13 item 5)', () => {
  it('the Devices dialog and the composer keep Tab inside, close their top layer on Escape, and give focus back to their opener', async () => {
    const { page, pageErrors } = await openApp(e2e.browser, cleanups);
    await page.getByRole('button', { name: 'Try the sandbox' }).click();
    await page.getByRole('listbox', { name: 'Messages in Inbox' }).getByRole('option', { name: /Welcome to the Porthole sandbox$/ }).waitFor({ timeout: 20_000 });

    const devicesButton = page.getByRole('button', { name: 'Devices of you@sandbox.test', exact: true });
    await devicesButton.click();
    const devices = page.getByRole('dialog', { name: 'Devices of you@sandbox.test' });
    await devices.waitFor();
    expect(await devices.getAttribute('aria-modal')).toBe('true');
    expect(await focusIsInside(page, devices)).toBe(true);
    // Round the whole dialog and past its ends, both ways.
    const controls = await tabbableCount(devices);
    await tabAround(page, devices, 'Tab', controls + 2);
    await tabAround(page, devices, 'Shift+Tab', controls + 2);

    // A confirmation inside is the top layer: Escape closes it and leaves the dialog open.
    await devices.getByRole('button', { name: /^Rename / }).first().click();
    const newName = devices.getByLabel('New device name');
    await newName.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => newName.count()).toBe(0);
    expect(await devices.count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => devices.count()).toBe(0);
    expect(await devicesButton.evaluate((b) => b === document.activeElement)).toBe(true);

    // The composer is the same dialog: its first field has the focus, yet focus returns to Compose.
    const compose = page.getByRole('button', { name: 'Compose', exact: true });
    await compose.click();
    const composer = page.getByRole('dialog', { name: 'Compose message' });
    await composer.waitFor();
    expect(await composer.getAttribute('aria-modal')).toBe('true');
    await page.getByLabel('To', { exact: true }).fill('someone@example.test');
    await tabAround(page, composer, 'Tab', (await tabbableCount(composer)) + 2);
    await tabAround(page, composer, 'Shift+Tab', 3);
    // Escape is Discard: an edited message asks first, then goes.
    await page.keyboard.press('Escape');
    await composer.getByRole('button', { name: 'Discard changes? Click again' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => composer.count()).toBe(0);
    expect(await compose.evaluate((b) => b === document.activeElement)).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
