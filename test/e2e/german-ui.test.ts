import type { Locator, Page } from 'playwright';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createUser, seedMessages, type MailUser } from '../servers';
import { sharedBrowser } from '../support/e2e-browser';
import { numberedMessages } from '../support/fixtures';
import { addAccountThroughForm, openApp, type OpenedApp } from './device-ui';

/**
 * Issue 16, translations, in Chromium: the first-run screen chooses the language before any
 * account exists; Preferences switch the window to German at once (labels, the Inbox's name,
 * plurals, dates in the German format, an undo), the choice holds across a reload, and without a
 * choice the window follows the system's language: German on a German system, English with the
 * system's own formats elsewhere.
 */

const servers = inject('servers');
const e2e = sharedBrowser('german-ui');
let opened: OpenedApp;
let page: Page;
let me: MailUser;

const germanList = (): Locator => page.getByRole('listbox', { name: 'Nachrichten in Posteingang' });
const documentLanguage = (on: Page): Promise<string> => on.evaluate(() => document.documentElement.lang);

beforeAll(async () => {
  me = await createUser(servers);
  await seedMessages(servers, me, 'INBOX', numberedMessages(3));
  opened = await openApp(e2e.browser, e2e.fileCleanups);
  page = opened.page;
  await page.setViewportSize({ width: 1440, height: 900 });
}, 120_000);

describe('German', () => {
  it('the first-run screen offers the language before any account exists: Deutsch turns it German at once, and back', async () => {
    // No account yet: no Preferences button, and "," would type into the name field.
    expect(await page.getByRole('button', { name: 'Preferences…', exact: true }).count()).toBe(0);
    const language = page.getByRole('combobox', { name: 'Language' });
    expect(await language.inputValue()).toBe('system');
    await language.selectOption({ label: 'Deutsch' });
    await page.getByRole('heading', { name: 'E-Mail-Konto hinzufügen' }).waitFor();
    expect(await page.getByRole('button', { name: 'Sandbox ausprobieren' }).count()).toBe(1);
    expect(await page.getByLabel('Ihr Name').count()).toBe(1);
    expect(await documentLanguage(page)).toBe('de');
    // The same setting as Preferences: it holds across a reload.
    await page.reload();
    const sprache = page.getByRole('combobox', { name: 'Sprache' });
    expect(await sprache.inputValue()).toBe('de');
    // What discovery found is said in German too: where, and the password GMX wants.
    await page.getByLabel('E-Mail-Adresse').fill('erika@gmx.de');
    await page.getByRole('button', { name: 'Weiter' }).click();
    await expect.poll(() => page.locator('body').textContent(), { timeout: 15_000 }).toContain('gefunden in Portholes Liste der Anbieter (GMX)');
    expect(await page.locator('body').textContent()).toContain('Verwenden Sie Ihr GMX-Passwort, sobald in den Einstellungen von GMX der „Zugriff über POP3 und IMAP“ eingeschaltet ist.');
    await page.getByRole('button', { name: '← Zurück' }).click();

    // Back to the system's language (English here) for the account the next test adds.
    await sprache.selectOption('system');
    await page.getByRole('heading', { name: 'Add a mail account' }).waitFor();
    expect(await documentLanguage(page)).toBe('en-US');
    expect(opened.pageErrors).toEqual([]);
  });

  it('Preferences switch the window to German at once, with German plurals and dates, and the choice holds across a reload', async () => {
    await addAccountThroughForm(page, servers, me, 'imap');
    await expect.poll(() => page.getByRole('listbox', { name: 'Messages in Inbox' }).getByRole('option').count(), { timeout: 20_000 }).toBe(3);
    expect(await documentLanguage(page)).toBe('en-US');

    await page.locator('body').press(',');
    await page.getByRole('dialog', { name: 'Preferences' }).getByRole('radio', { name: 'Deutsch' }).check();
    // The open dialog turns German with everything else, without a restart.
    const preferences = page.getByRole('dialog', { name: 'Einstellungen' });
    await expect.poll(() => preferences.getByRole('radio', { name: 'Deutsch' }).isChecked()).toBe(true);
    expect(await preferences.getByRole('group', { name: 'Darstellung' }).getByRole('radio', { name: 'Wie das System' }).count()).toBe(1);
    expect(await documentLanguage(page)).toBe('de');
    await page.keyboard.press('Escape');
    await expect.poll(() => preferences.count()).toBe(0);

    // The Inbox is the Posteingang, in the folder list and in the list's name; unread counts in German.
    await expect.poll(() => germanList().getByRole('option').count()).toBe(3);
    expect(await page.getByRole('button', { name: 'Posteingang, 3 ungelesen' }).count()).toBe(1);
    // The server's folders marked Drafts, Sent, Junk and Trash (RFC 6154) under those English names are said in German, as Thunderbird does.
    expect(await page.locator('.folder-name').allTextContents()).toEqual(expect.arrayContaining(['Entwürfe', 'Gesendet', 'Spam', 'Papierkorb']));
    expect(await page.getByRole('button', { name: 'Einstellungen…', exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: /^Einstellungen von / }).textContent()).toBe('Konto…');
    // Main's fixed words for the connection are said in German too.
    await expect.poll(() => page.locator('.status-bar').textContent()).toContain('Online – Verbunden');
    // A date not of today in the German numeric form (1.1.2026), not the American 1/1/2026.
    expect(await germanList().getByRole('option').first().locator('.date').textContent()).toMatch(/^\d{1,2}\.\d{1,2}\.\d{4}$/);

    // A plural and an undo in German.
    await germanList().focus();
    await page.keyboard.press('Control+a');
    await page.getByRole('heading', { name: '3 Nachrichten ausgewählt' }).waitFor();
    // Keys by their German names: Umschalt and Strg, not Shift and Ctrl.
    expect(await page.locator('.bulk-hint').textContent()).toContain('Umschalt+J/K erweitert die Auswahl, Strg+A wählt die ganze Liste aus');
    await page.locator('.bulk-panel').getByRole('button', { name: 'Als gelesen markieren' }).click();
    const toast = page.getByRole('group', { name: 'Rückgängig' });
    await expect.poll(() => toast.locator('.undo-toast-text').textContent()).toBe('3 Nachrichten als gelesen markiert');
    expect(await toast.locator('.undo-toast-keys').textContent()).toBe('Strg+Z');
    await expect.poll(() => page.getByRole('button', { name: 'Posteingang', exact: true }).count()).toBe(1);

    // One message: its reader speaks German too.
    await page.keyboard.press('Escape');
    await germanList().getByRole('option', { name: /Message 2/ }).click();
    const reader = page.getByRole('toolbar', { name: 'Aktionen für die Nachricht' });
    await expect.poll(() => reader.getByRole('button', { name: 'Antworten', exact: true }).count()).toBe(1);
    // German words are longer: at 1440 px the toolbar turns to icons (words as tooltips) and stays one row.
    expect((await reader.boundingBox())!.height).toBeLessThan(48);
    expect(await reader.getByRole('button', { name: 'Antworten', exact: true }).getAttribute('title')).toBe('Antworten (r)');
    // A reply says who wrote the original as a German mail program does, with a German date.
    await reader.getByRole('button', { name: 'Antworten', exact: true }).click();
    const composer = page.getByRole('dialog', { name: 'Nachricht verfassen' });
    await expect.poll(() => composer.locator('#compose-body').inputValue()).toMatch(/\n\nAm \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} schrieb Sender <sender@example\.test>:\n> Body of message 2\./);
    await composer.getByRole('button', { name: 'Verwerfen' }).click();
    await expect.poll(() => composer.count()).toBe(0);

    // What main refuses is said in German too, from its values, not its English: a second device of the same name.
    await page.getByRole('button', { name: `Geräte von ${me.address}` }).click();
    const devices = page.getByRole('dialog', { name: `Geräte von ${me.address}` });
    const addForm = devices.getByRole('form', { name: 'Ein Gerät hinzufügen' });
    await addForm.getByLabel('Gerätename').fill('This computer');
    await addForm.getByRole('button', { name: 'Gerät hinzufügen' }).click();
    await expect.poll(() => devices.textContent(), { timeout: 15_000 }).toContain('Dieses Konto hat bereits ein Gerät namens „This computer“.');
    await devices.getByRole('button', { name: 'Schließen', exact: true }).click();
    await expect.poll(() => devices.count()).toBe(0);

    await page.reload();
    await expect.poll(() => germanList().getByRole('option').count(), { timeout: 20_000 }).toBe(3);
    expect(await documentLanguage(page)).toBe('de');
    expect(opened.pageErrors).toEqual([]);
  });

  it('without a choice, follows the system: German on a German system, English with the system’s formats elsewhere', async () => {
    const german = await e2e.browser.newContext({ locale: 'de-AT', viewport: { width: 1440, height: 900 } });
    e2e.cleanups.push(() => german.close());
    const inGerman = await german.newPage();
    await inGerman.goto(opened.harness.url);
    await inGerman.getByRole('button', { name: 'Einstellungen…', exact: true }).waitFor();
    // Austrian German keeps its region for dates and numbers.
    expect(await documentLanguage(inGerman)).toBe('de-AT');
    await inGerman.locator('body').press(',');
    expect(await inGerman.getByRole('dialog', { name: 'Einstellungen' }).getByRole('radio', { name: 'Sprache des Systems' }).isChecked()).toBe(true);

    const french = await e2e.browser.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 900 } });
    e2e.cleanups.push(() => french.close());
    const inFrench = await french.newPage();
    await inFrench.goto(opened.harness.url);
    await inFrench.getByRole('button', { name: 'Preferences…', exact: true }).waitFor();
    expect(await documentLanguage(inFrench)).toBe('fr-FR');
  });
});
