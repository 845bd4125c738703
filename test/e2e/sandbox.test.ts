import type { Locator, Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { sharedBrowser } from '../support/e2e-browser';
import { column, expectEveryControlNamed, folderCounts, messageLabels, openApp, serverPanel } from './device-ui';

// The sandbox runs inside the app: no test server is used here.
const e2e = sharedBrowser('sandbox');
const cleanups = e2e.cleanups;

/** The subject of an option's accessible name ("Unread, Sender: Subject"). */
function subjectOf(label: string): string {
  return label.slice(label.indexOf(': ') + 2);
}

async function inboxCount(deviceColumn: Locator): Promise<number> {
  return Number(/^Inbox: (\d+) messages/.exec((await folderCounts(deviceColumn)) ?? '')?.[1] ?? -1);
}

/** Clicks a guided step's button and waits until the step says it is done. */
async function runStep(guide: Locator, n: number, label: string): Promise<void> {
  const item = guide.getByRole('listitem', { name: `Step ${n}` });
  await item.getByRole('button', { name: label }).click();
  await expect.poll(() => item.getByTestId('step-state').textContent(), { timeout: 15_000 }).toBe('✓ Done');
}

/** From an empty profile: "Try the sandbox", then "Demonstrate" from the sidebar, until the Phone has the sample. */
async function demonstration(page: Page): Promise<{ laptop: Locator; phone: Locator; guide: Locator }> {
  await page.getByRole('button', { name: 'Try the sandbox' }).click();
  await page.getByRole('group', { name: 'Sandbox' }).getByRole('button', { name: 'Demonstrate POP vs IMAP' }).click();
  const laptop = column(page, 'Laptop');
  const phone = column(page, 'Phone');
  await expect.poll(() => inboxCount(laptop), { timeout: 20_000 }).toBeGreaterThan(5);
  await expect.poll(() => inboxCount(phone), { timeout: 20_000 }).toBe(await inboxCount(laptop));
  return { laptop, phone, guide: page.getByRole('region', { name: 'Guided steps' }) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the built-in sandbox, from an empty profile (issue 7)', () => {
  it('"Try the sandbox" opens a sample mailbox to read; "Demonstrate" plays scenario 3 with the Laptop, the Phone and the server panel', async () => {
    const { page, pageErrors } = await openApp(e2e.browser, cleanups);

    // First run: the sandbox is offered above the account form, in one sentence.
    const offer = page.getByRole('region', { name: 'New to Porthole? Try it with the sandbox' });
    expect(await offer.textContent()).toContain('A private mail server inside Porthole, with sample mail: no real account, and nothing leaves this computer.');
    await expectEveryControlNamed(page);
    await offer.getByRole('button', { name: 'Try the sandbox' }).click();

    // The sample inbox, read like any mailbox.
    const inbox = page.getByRole('listbox', { name: 'Messages in Inbox' });
    await expect.poll(() => inbox.getByRole('option', { name: /Welcome to the Porthole sandbox$/ }).count(), { timeout: 20_000 }).toBe(1);
    await inbox.getByRole('option', { name: /Welcome to the Porthole sandbox$/ }).click();
    const reader = page.getByRole('article', { name: 'Message' });
    await expect.poll(() => reader.textContent(), { timeout: 10_000 }).toContain('this mailbox lives in a small mail server inside Porthole, on your own computer.');

    // Its own panel: the server's behaviours, explained, and new mail on demand.
    await page.getByRole('button', { name: 'Sandbox settings of you@sandbox.test' }).click();
    const panel = page.getByRole('dialog', { name: 'Sandbox' });
    await expect.poll(() => panel.getByTestId('sandbox-status').textContent()).toMatch(/^Running on this computer only/);
    expect(await panel.getByRole('checkbox', { name: 'POP download marks the message read for IMAP (Dovecot does this)' }).isChecked()).toBe(true);
    expect(await panel.getByRole('radio', { name: 'Off' }).isChecked()).toBe(true);
    await expectEveryControlNamed(page);
    await panel.getByRole('button', { name: 'Close', exact: true }).click();

    // "Demonstrate": the Laptop (IMAP) and the Phone (POP) side by side, the server panel and the guide.
    await page.getByRole('group', { name: 'Sandbox' }).getByRole('button', { name: 'Demonstrate POP vs IMAP' }).click();
    const laptop = column(page, 'Laptop');
    const phone = column(page, 'Phone');
    await expect.poll(() => serverPanel(page).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => inboxCount(laptop), { timeout: 20_000 }).toBeGreaterThan(5);
    const sampleCount = await inboxCount(laptop);
    // The Phone downloads the same inbox over POP.
    await expect.poll(() => inboxCount(phone), { timeout: 20_000 }).toBe(sampleCount);
    const guide = page.getByRole('region', { name: 'Guided steps' });
    expect(await guide.getByRole('combobox', { name: 'Scenario' }).inputValue()).toBe('delete-after-download');
    await expectEveryControlNamed(page);

    await runStep(guide, 1, 'Set the Phone to delete messages from the server right after download');
    const phoneBefore = new Set(await messageLabels(phone));
    await runStep(guide, 2, 'Send a new message to you');
    await runStep(guide, 3, 'Check mail on the Phone');

    // The Phone got the new message.
    await expect.poll(async () => (await messageLabels(phone)).filter((label) => !phoneBefore.has(label)), { timeout: 10_000 }).toHaveLength(1);
    const arrived = (await messageLabels(phone)).find((label) => !phoneBefore.has(label))!;
    const subject = subjectOf(arrived);
    expect(subject.length).toBeGreaterThan(0);
    // The Laptop does not keep it (nor the sample): IMAP shows what the server has, and the Phone deleted it there.
    await expect.poll(() => folderCounts(laptop), { timeout: 15_000 }).toBe('Inbox: 0 messages, 0 unread');
    expect(await laptop.textContent()).not.toContain(subject);
    // The server panel, pointed at the Phone by the guide: an empty maildrop, and who deleted what, by which setting.
    const server = serverPanel(page);
    expect(await server.getByRole('combobox', { name: 'Server panel as seen by' }).locator('option:checked').textContent()).toBe('as seen by Phone (POP3)');
    await expect.poll(() => server.getByTestId('maildrop-summary').textContent(), { timeout: 15_000 }).toContain('The maildrop is empty.');
    const why = server.getByRole('region', { name: 'Deleted from the server by this account’s devices' });
    await expect
      .poll(() => why.getByRole('listitem').allTextContents(), { timeout: 10_000 })
      .toContainEqual(expect.stringMatching(new RegExp(`^“${escapeRegExp(subject)}” .* deleted from the server by Phone on .*; its setting: Delete from the server right after downloading\\.`)));
    // And the guide says what the user is watching, and why.
    const watch = await guide.getByRole('note', { name: 'What to watch' }).textContent();
    expect(watch).toContain('Now watch');
    expect(watch).toContain('The Laptop does not keep it: the Phone deleted it from the server, and IMAP shows only what the server has.');
    await expectEveryControlNamed(page);
    expect(pageErrors).toEqual([]);
  });

  it('the other guided scenarios: what the Laptop reads stays unread on the Phone; what the Phone deletes stays on the server for the Laptop', async () => {
    const { page, pageErrors } = await openApp(e2e.browser, cleanups);
    const { laptop, phone, guide } = await demonstration(page);
    const server = serverPanel(page);
    const scenario = guide.getByRole('combobox', { name: 'Scenario' });

    await scenario.selectOption({ label: 'Read on the Laptop, the Phone stays unread' });
    expect(await server.getByRole('combobox', { name: 'Server panel as seen by' }).locator('option:checked').textContent()).toBe('as seen by Laptop (IMAP)');
    await runStep(guide, 1, 'Set the Phone to leave messages on the server');
    const laptopBefore = new Set(await messageLabels(laptop));
    await runStep(guide, 2, 'Send a new message to you');
    await runStep(guide, 3, 'Open the new message on the Laptop');
    await expect.poll(async () => (await messageLabels(laptop)).filter((label) => !laptopBefore.has(label) && !label.startsWith('Unread, ')), { timeout: 10_000 }).toHaveLength(1);
    const read = subjectOf((await messageLabels(laptop)).find((label) => !laptopBefore.has(label) && !label.startsWith('Unread, '))!);
    await expect.poll(() => server.locator('tbody tr', { hasText: read }).locator('.flags').textContent(), { timeout: 10_000 }).toContain('\\Seen');
    await runStep(guide, 4, 'Check mail on the Phone');
    await expect.poll(() => messageLabels(phone), { timeout: 10_000 }).toContainEqual(expect.stringMatching(new RegExp(`^Unread, .*: ${escapeRegExp(read)}$`)));

    await scenario.selectOption({ label: 'Delete on the Phone, it stays on the server for the Laptop' });
    expect(await guide.getByRole('listitem', { name: 'Step 1' }).getByTestId('step-state').textContent()).toBe('');
    await runStep(guide, 1, 'Set the Phone to leave messages on the server');
    const phoneBefore = new Set((await messageLabels(phone)).map(subjectOf));
    await runStep(guide, 2, 'Send a new message to you');
    await runStep(guide, 3, 'Check mail on the Phone');
    // The check is done; the list shows its download once the live query has read it.
    const newOnPhone = async () => (await messageLabels(phone)).map(subjectOf).filter((subject) => !phoneBefore.has(subject));
    await expect.poll(newOnPhone, { timeout: 10_000 }).toHaveLength(1);
    const deleted = (await newOnPhone())[0]!;
    expect(deleted).toBeTruthy();
    await runStep(guide, 4, 'Delete the new message on the Phone');
    await runStep(guide, 5, 'Check mail on the Phone again');
    await expect.poll(async () => (await messageLabels(phone)).map(subjectOf), { timeout: 10_000 }).not.toContain(deleted);
    // Still on the server: the Laptop keeps it, and the maildrop (as the Phone sees it) still lists it.
    await expect.poll(async () => (await messageLabels(laptop)).map(subjectOf), { timeout: 10_000 }).toContain(deleted);
    expect(await server.getByRole('combobox', { name: 'Server panel as seen by' }).locator('option:checked').textContent()).toBe('as seen by Phone (POP3)');
    await expect.poll(() => server.getByRole('table', { name: 'The maildrop' }).locator('tbody tr', { hasText: deleted }).count(), { timeout: 10_000 }).toBe(1);
    expect(await guide.getByRole('note', { name: 'What to watch' }).textContent()).toContain('the Phone’s setting leaves messages on the server');
    await expectEveryControlNamed(page);
    expect(pageErrors).toEqual([]);
  });
  it('in German the devices are made as „Laptop“ and „Smartphone“, and the guided steps quote those names', async () => {
    const { page, pageErrors } = await openApp(e2e.browser, cleanups);
    await page.evaluate(() => localStorage.setItem('porthole.language', 'de'));
    await page.reload();
    await page.getByRole('button', { name: 'Sandbox ausprobieren' }).click();
    // The sample mail is written in the window's language.
    const inbox = page.getByRole('listbox', { name: 'Nachrichten in Posteingang' });
    await expect.poll(() => inbox.getByRole('option', { name: /Willkommen in der Porthole-Sandbox$/ }).count(), { timeout: 20_000 }).toBe(1);
    await inbox.getByRole('option', { name: /Willkommen in der Porthole-Sandbox$/ }).click();
    await expect.poll(() => page.getByRole('article', { name: 'Nachricht' }).textContent(), { timeout: 10_000 }).toContain('„Sandbox zurücksetzen“ bringt dieses Postfach zurück.');
    const demonstrate = page.getByRole('group', { name: 'Sandbox' }).getByRole('button', { name: 'POP und IMAP vorführen' });
    expect(await demonstrate.getAttribute('title')).toBe('Ein Gerät „Laptop“ mit IMAP und ein Gerät „Smartphone“ mit POP, nebeneinander mit dem Server, und geführte Schritte');
    await demonstrate.click();
    const phone = page.getByRole('region', { name: 'Gerät Smartphone', exact: true });
    await expect.poll(() => phone.getByTestId('folder-counts').textContent(), { timeout: 20_000 }).toMatch(/^Posteingang: [1-9]\d* Nachrichten/);
    expect(await page.getByRole('region', { name: 'Gerät Laptop', exact: true }).count()).toBe(1);

    const guide = page.getByRole('region', { name: 'Geführte Schritte' });
    expect(await guide.getByRole('heading', { level: 3 }).textContent()).toBe('Direkt nach dem Herunterladen löschen');
    expect(await guide.textContent()).toContain('„Smartphone“ verwendet POP und löscht jede Nachricht vom Server, sobald es sie hat. „Laptop“ verwendet IMAP');
    const check = guide.getByRole('listitem', { name: 'Schritt 3' });
    await check.getByRole('button', { name: 'Nachrichten auf „Smartphone“ abrufen' }).click();
    await expect.poll(() => check.getByTestId('step-state').textContent(), { timeout: 15_000 }).toBe('✓ Erledigt');
    expect(await guide.textContent()).not.toContain('Phone');
    expect(pageErrors).toEqual([]);
  });
});
