import type { Locator, Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { sharedBrowser } from '../support/e2e-browser';
import { column, folderCounts, openApp, panelAsSeenBy, serverPanel } from './device-ui';

// The sandbox runs inside the app: no test server is used here.
const e2e = sharedBrowser('pop-panel-after-reset');
const cleanups = e2e.cleanups;
const SHOTS = process.env.PORTHOLE_SCREENSHOTS;

async function inboxCount(deviceColumn: Locator): Promise<number> {
  return Number(/^Inbox: (\d+) messages/.exec((await folderCounts(deviceColumn)) ?? '')?.[1] ?? -1);
}

/** Clicks a guided step's button and waits until the step says it is done. */
async function runStep(guide: Locator, n: number, label: string): Promise<void> {
  const item = guide.getByRole('listitem', { name: `Step ${n}` });
  await item.getByRole('button', { name: label }).click();
  await expect.poll(() => item.getByTestId('step-state').textContent(), { timeout: 15_000 }).toBe('✓ Done');
}

/** The text of the option the Phone's folder picker shows for its Inbox. */
function pickerInbox(phone: Locator): Promise<string> {
  return phone
    .getByRole('combobox', { name: 'Folder on Phone' })
    .locator('option')
    .evaluateAll((nodes) => nodes.map((n) => n.textContent ?? '').find((text) => text.trim().startsWith('Inbox')) ?? '');
}

async function shoot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  for (const [width, height] of [[1440, 900], [1024, 700], [800, 600]] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}x${height}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

describe('a POP device in the demonstration (issue 12, items 1 and 4)', () => {
  it('shows the Phone’s unread count in its folder picker, and after “Reset the sandbox” calls no listed message deleted', async () => {
    const { page, pageErrors } = await openApp(e2e.browser, cleanups);
    await page.getByRole('button', { name: 'Try the sandbox' }).click();
    await page.getByRole('group', { name: 'Sandbox' }).getByRole('button', { name: 'Demonstrate POP vs IMAP' }).click();
    const laptop = column(page, 'Laptop');
    const phone = column(page, 'Phone');
    await expect.poll(() => inboxCount(laptop), { timeout: 20_000 }).toBeGreaterThan(5);
    await expect.poll(() => inboxCount(phone), { timeout: 20_000 }).toBe(await inboxCount(laptop));

    // Item 1: the picker says what the line under it says (POP has no server unread figure).
    const unread = Number(/(\d+) unread$/.exec((await folderCounts(phone)) ?? '')?.[1] ?? -1);
    expect(unread).toBeGreaterThan(0);
    await expect.poll(() => pickerInbox(phone), { timeout: 10_000 }).toBe(`Inbox (${unread})`);
    await shoot(page, 'phone-unread');

    // The Phone deletes what it downloads; the maildrop empties.
    const guide = page.getByRole('region', { name: 'Guided steps' });
    await runStep(guide, 1, 'Set the Phone to delete messages from the server right after download');
    await runStep(guide, 2, 'Send a new message to you');
    await runStep(guide, 3, 'Check mail on the Phone');
    const server = serverPanel(page);
    await expect.poll(() => server.getByTestId('maildrop-summary').textContent(), { timeout: 15_000 }).toContain('The maildrop is empty.');
    const gone = server.getByRole('region', { name: 'Deleted from the server by this account’s devices' });
    await expect.poll(() => gone.getByRole('listitem').count(), { timeout: 10_000 }).toBeGreaterThan(5);
    // Each deletion is explained by the rule that made it.
    for (const text of await gone.getByRole('listitem').allTextContents()) expect(text).toMatch(/deleted from the server by Phone on .*; its setting: Delete from the server right after downloading\./);

    // Item 4: the sample comes back to the server.
    await guide.getByRole('button', { name: 'Reset the sandbox…' }).click();
    await page.getByRole('group', { name: 'Reset the sandbox' }).getByRole('button', { name: 'Reset the sandbox' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'The sample mailbox is back.' }).count(), { timeout: 15_000 }).toBe(1);
    await panelAsSeenBy(page, 'Phone');
    await server.getByRole('button', { name: 'Refresh the maildrop listing' }).click();
    const rows = server.getByRole('table', { name: 'The maildrop' }).locator('tbody tr[data-uidl]');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(5);
    // Listed in the maildrop, so not "deleted from the server by this device"; and not in the deletions box.
    const decisions = await rows.locator('td.decision').allTextContents();
    expect(decisions.filter((text) => text.includes('deleted from the server by this device'))).toEqual([]);
    const listedSubjects = await rows.locator('td:nth-child(4)').allTextContents();
    const goneTexts = (await gone.count()) ? await gone.getByRole('listitem').allTextContents() : [];
    expect(goneTexts.filter((text) => listedSubjects.some((subject) => text.startsWith(`“${subject}”`)))).toEqual([]);
    await shoot(page, 'panel-after-reset');
    expect(pageErrors).toEqual([]);
  });
});

