import { mkdir } from 'node:fs/promises';
import type { Locator, Page } from 'playwright';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createUser, seedMessages, type MailUser } from '../servers';
import { sharedBrowser } from '../support/e2e-browser';
import { fixtureMail, numberedMessages } from '../support/fixtures';
import { addAccountThroughForm, openApp } from './device-ui';

/**
 * Issue 16, dark mode, in Chromium: the window follows the system's light or dark, Preferences can
 * force either (kept across a reload, applied before the first paint), text keeps its contrast in
 * both, and an HTML message keeps the white page it was written on. Screenshots of both themes go
 * to /tmp/shots-theme/ at 1440×900 and 1024×700.
 */

const servers = inject('servers');
const SHOTS = process.env.PORTHOLE_SHOTS_DIR ?? '/tmp/shots-theme';
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;

const e2e = sharedBrowser('theme');
let page: Page;
let me: MailUser;

const list = (): Locator => page.getByRole('listbox', { name: 'Messages in Inbox' });
const preferences = (): Locator => page.getByRole('dialog', { name: 'Preferences' });
const frameBody = () => page.frameLocator('iframe[title="Message content"]').locator('body');

type Rgb = [number, number, number];

function rgb(css: string): Rgb {
  const parts = /rgba?\((\d+), (\d+), (\d+)/.exec(css);
  if (!parts) throw new Error(`not an rgb() colour: ${css}`);
  return [Number(parts[1]), Number(parts[2]), Number(parts[3])];
}

/** WCAG 2 relative luminance and contrast ratio. */
function luminance([r, g, b]: Rgb): number {
  const channel = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

function contrast(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

async function colours(locator: Locator): Promise<{ color: Rgb; background: Rgb }> {
  const [color, background] = await locator.evaluate((element) => {
    // The background a text is read on: the nearest ancestor that paints one.
    let node: Element | null = element;
    let background = 'rgba(0, 0, 0, 0)';
    while (node && /rgba\(0, 0, 0, 0\)|transparent/.test(background)) {
      background = getComputedStyle(node).backgroundColor;
      node = node.parentElement;
    }
    return [getComputedStyle(element).color, background];
  });
  return { color: rgb(color), background: rgb(background) };
}

/** The window's own background, dark or light. */
async function windowIsDark(): Promise<boolean> {
  return luminance((await colours(page.locator('.app'))).background) < 0.1;
}

async function choose(theme: 'Match the system' | 'Light' | 'Dark'): Promise<void> {
  await page.locator('body').press(',');
  await preferences().getByRole('radio', { name: theme }).check();
  await page.keyboard.press('Escape');
  await expect.poll(() => preferences().count()).toBe(0);
}

async function screenshots(name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SHOTS}/${name}-${size.width}x${size.height}.png` });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** Text that must stay readable: WCAG AA (4.5:1) for body text, 3:1 for the muted and large. */
async function expectReadable(): Promise<void> {
  const cases: Array<[string, Locator, number]> = [
    ['a list row', list().getByRole('option').first().locator('.subject'), 4.5],
    ['a muted line', page.locator('.pane-header .muted').first(), 4.5],
    ['a folder', page.locator('.folder').first(), 4.5],
    ['the status bar', page.locator('.status-bar'), 4.5],
    ['the reader', page.getByRole('article', { name: 'Message' }).locator('h2'), 4.5],
    ['a primary button', page.locator('button.primary').first(), 4.5],
  ];
  for (const [what, locator, least] of cases) {
    const { color, background } = await colours(locator);
    expect(contrast(color, background), `${what}: ${color.join(',')} on ${background.join(',')}`).toBeGreaterThanOrEqual(least);
  }
}

beforeAll(async () => {
  me = await createUser(servers);
  await seedMessages(servers, me, 'INBOX', [...numberedMessages(6), { raw: fixtureMail('html-remote.eml') }]);
  page = (await openApp(e2e.browser, e2e.fileCleanups)).page;
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
}, 120_000);

describe('light and dark', () => {
  it('follows the system by default, in both directions, with readable text and the HTML message on its white page', async () => {
    await addAccountThroughForm(page, servers, me, 'imap');
    await expect.poll(() => list().getByRole('option').count(), { timeout: 20_000 }).toBe(7);
    expect(await windowIsDark()).toBe(false);
    await list().getByRole('option', { name: /Newsletter with pictures/ }).click();
    await expect.poll(() => frameBody().locator('h1').textContent(), { timeout: 15_000 }).toBe('This week');
    await expectReadable();
    await screenshots('light-html');

    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(windowIsDark).toBe(true);
    expect(await page.evaluate(() => document.documentElement.dataset.theme ?? null)).toBeNull();
    await expectReadable();
    // The sender designed the message on white: it keeps its page, and its text stays dark on it.
    const mail = await colours(frameBody());
    expect(mail.background).toEqual([255, 255, 255]);
    expect(contrast(mail.color, mail.background)).toBeGreaterThanOrEqual(7);
    await screenshots('dark-html');

    await list().getByRole('option', { name: /Message 6/ }).click();
    await expect.poll(() => page.locator('.plain-body').textContent()).toContain('Body of message 6');
    const plain = await colours(page.locator('.plain-body'));
    expect(luminance(plain.background)).toBeLessThan(0.1);
    expect(contrast(plain.color, plain.background)).toBeGreaterThanOrEqual(7);
    await screenshots('dark-plain');
    // At 1440 px the reader's toolbar, Print included, stays one row.
    const toolbar = await page.getByRole('toolbar', { name: 'Message actions' }).boundingBox();
    expect(toolbar!.height).toBeLessThan(48);
  });

  it('Preferences force light or dark against the system, keep the choice across a reload, and apply it before the first paint', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await choose('Light');
    await expect.poll(windowIsDark).toBe(false);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('light');

    await page.emulateMedia({ colorScheme: 'light' });
    await choose('Dark');
    await expect.poll(windowIsDark).toBe(true);
    // Native controls (inputs, scroll bars) follow the forced theme too.
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('dark');
    await page.locator('body').press(',');
    await screenshots('dark-preferences');
    await page.keyboard.press('Escape');

    // The first paint after a reload is already dark: the theme is set before the app renders.
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        (window as unknown as { themeAtStart: string | undefined }).themeAtStart = document.documentElement.dataset.theme;
      });
    });
    await page.reload();
    await expect.poll(() => list().getByRole('option').count(), { timeout: 20_000 }).toBe(7);
    expect(await page.evaluate(() => (window as unknown as { themeAtStart: string | undefined }).themeAtStart)).toBe('dark');
    expect(await windowIsDark()).toBe(true);

    await choose('Match the system');
    await expect.poll(windowIsDark).toBe(false);
    expect(await page.evaluate(() => window.localStorage.getItem('porthole.theme'))).toBe('system');
  });
});
