import { createServer, type Server } from 'node:http';
import type { ImapFlow } from 'imapflow';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { Locator, Page } from 'playwright';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { FLAG_FLAGGED, FLAG_SEEN } from '../../common/model/mail';
import { createUser, makeMessage, seedMessages, type MailUser, type SeedMessage } from '../servers';
import { sharedBrowser } from '../support/e2e-browser';
import { numberedMessages } from '../support/fixtures';
import { otherImapClient, serverFlags, serverSubjects } from '../support/other-client';
import { waitFor } from '../support/wait';
import { addAccountThroughForm, expectEveryControlNamed, openApp } from './device-ui';

/**
 * Details of the IMAP client's UI that the main e2e test does not reach: remote images loaded
 * only on request, reply/reply-all/forward/attach/draft as the server sees them, the list's
 * unread/flag/attachment details, the sync progress bar, plain text shown as text, and an
 * accessible name on every control of the forms. One account and one seed for all of it.
 */

const servers = inject('servers');
const BULK = 300;
/** A 1×1 PNG: what the "remote" server answers for every image. */
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const REPORT_PDF = Buffer.from('%PDF-1.4\n%quarterly figures\n1 0 obj <</Type/Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');

// One page for the file: one account and one seed for every test.
const e2e = sharedBrowser('imap-ui-details');
let page: Page;
let pixelServer: Server;
let pixelPort = 0;
const pixelHits: string[] = [];
let pageErrors: string[] = [];
/** Set once the first test added the account that the others use. */
let accountAdded = false;
let me: MailUser;
let alice: MailUser;
let bob: MailUser;
let carol: MailUser;
let dave: MailUser;
const clients = new Map<MailUser, ImapFlow>();

function serverOf(user: MailUser): ImapFlow {
  return clients.get(user)!;
}

async function startPixelServer(): Promise<void> {
  pixelServer = createServer((request, response) => {
    pixelHits.push(request.url ?? '');
    response.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': PIXEL.length }).end(PIXEL);
  });
  await new Promise<void>((resolve) => pixelServer.listen(0, '127.0.0.1', resolve));
  pixelPort = (pixelServer.address() as { port: number }).port;
  // Main refuses images from loopback addresses; the harness allows exactly this one test server.
  process.env.PORTHOLE_TEST_IMAGE_SERVER = `127.0.0.1:${pixelPort}`;
}

const at = (minute: number): Date => new Date(Date.UTC(2026, 1, 1, 9, minute));

function seed(raw: string, minute: number, flags: string[] = []): SeedMessage {
  return { raw, internalDate: at(minute), flags };
}

function htmlMail(from: string, subject: string, minute: number, image: string): SeedMessage {
  const raw = makeMessage({ from, to: me.address, subject, date: at(minute), body: '' }).replace('text/plain; charset=utf-8', 'text/html; charset=utf-8');
  return seed(`${raw}<html><body><h1>${subject}</h1><img src="http://127.0.0.1:${pixelPort}/${image}" alt="picture"></body></html>\r\n`, minute);
}

function reportMail(minute: number): SeedMessage {
  const raw = [
    `From: Alice Sender <${alice.address}>`,
    `To: ${me.address}`,
    'Subject: Quarterly report attached',
    `Date: ${at(minute).toUTCString()}`,
    'Message-ID: <report-1@example.test>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="outer"',
    '',
    '--outer',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'The report is attached, with the figures.',
    '--outer',
    'Content-Type: application/pdf; name="report.pdf"',
    'Content-Disposition: attachment; filename="report.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    REPORT_PDF.toString('base64'),
    '--outer--',
    '',
  ].join('\r\n');
  return seed(raw, minute);
}

/** Every message of a folder, parsed, as the server has it. */
async function serverMessages(client: ImapFlow, path: string): Promise<Array<{ parsed: ParsedMail; flags: string[] }>> {
  const lock = await client.getMailboxLock(path);
  try {
    if ((await client.mailboxOpen(path)).exists === 0) return [];
    const out: Array<{ parsed: ParsedMail; flags: string[] }> = [];
    for await (const m of client.fetch('1:*', { source: true, flags: true })) out.push({ parsed: await simpleParser(m.source!), flags: [...(m.flags ?? [])] });
    return out;
  } finally {
    lock.release();
  }
}

/** The message with this subject in a folder, once it arrived. */
function arrival(user: MailUser, path: string, subject: string): Promise<{ parsed: ParsedMail; flags: string[] }> {
  return waitFor(async () => (await serverMessages(serverOf(user), path)).find((m) => m.parsed.subject === subject), `"${subject}" in ${path} of ${user.user}`, 20_000, 200);
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  return (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address ?? '')).sort();
}

const list = (): Locator => page.getByRole('listbox', { name: 'Messages in Inbox' });
const row = (subject: string) => list().getByRole('option', { name: new RegExp(`: ${subject}$`) });
const reader = () => page.getByRole('article', { name: 'Message' });
const frame = () => page.frameLocator('iframe[title="Message content"]');
const composer = () => page.getByRole('dialog', { name: 'Compose message' });

async function open(subject: string): Promise<void> {
  await row(subject).click();
  await expect.poll(() => reader().locator('h2').textContent(), { timeout: 10_000 }).toBe(subject);
  await reader().locator('iframe[title="Message content"], pre.plain-body').first().waitFor({ timeout: 15_000 });
}

async function send(): Promise<void> {
  await composer().getByRole('button', { name: 'Send' }).click();
  await expect.poll(() => composer().count(), { timeout: 20_000 }).toBe(0);
}

beforeAll(async () => {
  await startPixelServer();
  // Closed after the page that loads from it.
  e2e.fileCleanups.push(() => new Promise((resolve) => pixelServer.close(resolve)));
  // The next file in this worker process starts harnesses of its own: they must not allow it.
  e2e.fileCleanups.push(() => {
    delete process.env.PORTHOLE_TEST_IMAGE_SERVER;
    return Promise.resolve();
  });
  me = await createUser(servers);
  alice = await createUser(servers);
  bob = await createUser(servers);
  carol = await createUser(servers);
  dave = await createUser(servers);
  await seedMessages(servers, me, 'INBOX', [
    // Enough read mail for the header download to take more than one batch (the first is 100).
    ...numberedMessages(BULK).map((m) => ({ ...m, flags: [FLAG_SEEN] })),
    seed(makeMessage({ from: `Alice Sender <${alice.address}>`, to: `${me.address}, Bob <${bob.address}>`, subject: 'Team plan', date: at(1), body: 'Shall we meet on Friday?\nBring the figures.\n', headers: { Cc: `Carol <${carol.address}>` } }), 1),
    reportMail(2),
    seed(makeMessage({ from: `Alice Sender <${alice.address}>`, to: me.address, subject: 'Markup in plain text', date: at(3), body: 'Look: <b>x</b><script>document.title="pwned"</script> & <img src=x onerror=alert(1)>\n' }), 3),
    htmlMail('News <news@example.test>', 'Pictures one', 4, 'pixel-1.png'),
    htmlMail('News <news@example.test>', 'Pictures two', 5, 'pixel-2.png'),
    htmlMail('Promo <promo@example.test>', 'Pictures from elsewhere', 6, 'pixel-other.png'),
    htmlMail('News <news@example.test>', 'Pictures three', 7, 'pixel-3.png'),
  ]);
  for (const user of [me, alice, bob, carol, dave]) clients.set(user, await otherImapClient(servers, user));
  const app = await openApp(e2e.browser, e2e.fileCleanups);
  page = app.page;
  pageErrors = app.pageErrors;
}, 120_000);

beforeEach((context) => {
  if (!accountAdded && !context.task.name.startsWith('adds the account')) context.skip('the first test did not add the account');
});

afterAll(async () => {
  for (const client of clients.values()) await client.logout().catch(() => undefined);
});

describe('details of the IMAP client in Chromium', () => {
  it('adds the account with a form whose controls are all named; a progress bar shows while the Inbox’s headers arrive', async () => {
    await expectEveryControlNamed(page);
    // Installed before the account exists, so even a short-lived progress bar is seen.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector<HTMLProgressElement>('#sync-progress');
        const label = bar && document.querySelector('label[for="sync-progress"]')?.textContent;
        if (bar && label && seen.at(-1) !== `${label} [${bar.value}/${bar.max}]`) seen.push(`${label} [${bar.value}/${bar.max}]`);
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await addAccountThroughForm(page, servers, me, 'imap');
    await expect.poll(() => page.locator('.pane-header .muted').textContent(), { timeout: 60_000 }).toBe(`${BULK + 7} messages`);
    accountAdded = true;
    const progressSeen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    // Label and bar agree, part-way through (the batch sizes are the engine's business).
    const partWay = progressSeen.map((text) => new RegExp(`^Downloading headers of INBOX: (\\d+) of ${BULK + 7} \\[\\1/${BULK + 7}\\]$`).exec(text)).filter((m) => m && Number(m[1]) < BULK + 7);
    expect(partWay.length, progressSeen.join('\n')).toBeGreaterThan(0);
    await expect.poll(() => page.locator('#sync-progress').count()).toBe(0);
  });

  it('shows unread rows bold, a ★ after s, the attachment’s size in its button name, and plain-text markup as text', async () => {
    const weight = (subject: string) => row(subject).locator('.subject').evaluate((el) => Number(getComputedStyle(el).fontWeight));
    expect(await weight('Team plan')).toBeGreaterThanOrEqual(600);
    expect(await weight(`Message ${BULK}`)).toBeLessThan(600);

    // Plain text with markup: shown literally, nothing of it parsed into elements.
    await open('Markup in plain text');
    const plain = reader().locator('pre.plain-body');
    expect(await plain.textContent()).toBe('Look: <b>x</b><script>document.title="pwned"</script> & <img src=x onerror=alert(1)>\n');
    expect(await plain.locator('*').count()).toBe(0);
    expect(await page.title()).not.toBe('pwned');
    // Opened, so read: no longer bold.
    await expect.poll(() => weight('Markup in plain text')).toBeLessThan(600);

    // s flags it: the row shows the marker (and says so), and the server has the flag.
    expect(await row('Markup in plain text').locator('.flag-marker').count()).toBe(0);
    await page.keyboard.press('s');
    await expect.poll(() => row('Markup in plain text').locator('.flag-marker').textContent()).toBe('★');
    expect(await row('Markup in plain text').getAttribute('aria-label')).toMatch(/^Flagged, /);
    await waitFor(async () => [...(await serverFlags(serverOf(me), 'INBOX')).values()].some((flags) => flags.includes(FLAG_FLAGGED)), 'the flag on the server');

    await open('Quarterly report attached');
    await expect.poll(() => reader().getByRole('button', { name: /^Save attachment report\.pdf/ }).getAttribute('aria-label')).toBe(`Save attachment report.pdf, ${REPORT_PDF.length} bytes`);
    expect(pageErrors).toEqual([]);
  });

  it('loads remote images only when asked, and always for a sender once the user says so', async () => {
    const images = () => frame().locator('img[src^="data:image/png;base64,"]');
    const banner = () => page.getByRole('status').filter({ hasText: 'Remote content in this message is blocked' });

    await open('Pictures one');
    await expect.poll(() => frame().locator('h1').textContent(), { timeout: 10_000 }).toBe('Pictures one');
    await expect.poll(() => banner().count()).toBe(1);
    expect(await frame().locator('img[src]').count()).toBe(0);
    expect(pixelHits).toEqual([]);
    await banner().getByRole('button', { name: 'Load 1 remote image', exact: true }).click();
    await waitFor(() => pixelHits.includes('/pixel-1.png'), 'the image request');
    await expect.poll(() => images().count(), { timeout: 10_000 }).toBe(1);
    // The data: URL main fetched really is the server's 1×1 picture.
    await expect.poll(() => images().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    expect(await banner().count()).toBe(0);

    // Same sender, next mail: blocked again until "Always load them for …".
    await open('Pictures two');
    await expect.poll(() => banner().count()).toBe(1);
    expect(await frame().locator('img[src]').count()).toBe(0);
    await banner().getByRole('button', { name: 'Always load them for news@example.test' }).click();
    await waitFor(() => pixelHits.includes('/pixel-2.png'), 'the image request');
    await expect.poll(() => images().count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.getByText('Remote images are loaded for news@example.test.').count()).toBe(1);

    // Another sender's mail stays blocked.
    await open('Pictures from elsewhere');
    await expect.poll(() => banner().count()).toBe(1);

    // The sender's next mail loads its images without being asked.
    await open('Pictures three');
    await waitFor(() => pixelHits.includes('/pixel-3.png'), 'the image request of the allowed sender');
    await expect.poll(() => images().count(), { timeout: 10_000 }).toBe(1);
    expect(await banner().count()).toBe(0);
    expect(pixelHits.sort()).toEqual(['/pixel-1.png', '/pixel-2.png', '/pixel-3.png']);
  });

  it('replies to all (a), replies with an attached file (r), forwards with the attachment (f) and saves a draft; the servers see each', async () => {
    // a: to the sender and the other recipients, not to me; Cc kept.
    await open('Team plan');
    await page.keyboard.press('a');
    await composer().waitFor();
    expect(await composer().getByLabel('To', { exact: true }).inputValue()).toBe(`Alice Sender <${alice.address}>, Bob <${bob.address}>`);
    expect(await composer().getByLabel('Cc', { exact: true }).inputValue()).toBe(`Carol <${carol.address}>`);
    await composer().getByLabel('Message', { exact: true }).press('Control+Home');
    await page.keyboard.type('Friday suits me.');
    await send();
    const replies = await Promise.all([alice, bob, carol].map((user) => arrival(user, 'INBOX', 'Re: Team plan')));
    for (const { parsed } of replies) {
      expect(addresses(parsed.to)).toEqual([alice.address, bob.address].sort());
      expect(addresses(parsed.cc)).toEqual([carol.address]);
      expect(parsed.text).toContain('Friday suits me.');
      expect(parsed.text).toMatch(/wrote:\n> Shall we meet on Friday\?\n> Bring the figures\./);
      expect(parsed.inReplyTo).toBeTruthy();
    }
    const sentReplyAll = await arrival(me, 'Sent', 'Re: Team plan');
    expect([...addresses(sentReplyAll.parsed.to), ...addresses(sentReplyAll.parsed.cc)]).not.toContain(me.address);

    // r with a file attached through the file input: only to the sender.
    await open('Quarterly report attached');
    await page.keyboard.press('r');
    await composer().waitFor();
    expect(await composer().getByLabel('To', { exact: true }).inputValue()).toBe(`Alice Sender <${alice.address}>`);
    expect(await composer().getByLabel('Cc', { exact: true }).inputValue()).toBe('');
    await composer().getByLabel('Attach files').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('my notes\n') });
    await expect.poll(() => composer().getByRole('list', { name: 'Attached files' }).getByRole('listitem').textContent()).toContain('notes.txt');
    await send();
    const reply = await arrival(alice, 'INBOX', 'Re: Quarterly report attached');
    expect(addresses(reply.parsed.to)).toEqual([alice.address]);
    expect(reply.parsed.cc).toBeUndefined();
    expect(reply.parsed.text).toContain('> The report is attached, with the figures.');
    expect(reply.parsed.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['notes.txt', 'my notes\n']]);

    // f: the original's attachment goes along.
    await page.keyboard.press('f');
    await composer().waitFor();
    await composer().getByLabel('To', { exact: true }).fill(dave.address);
    await send();
    const forwarded = await arrival(dave, 'INBOX', 'Fwd: Quarterly report attached');
    expect(forwarded.parsed.text).toContain('---------- Forwarded message ----------');
    expect(forwarded.parsed.text).toContain('The report is attached, with the figures.');
    expect(forwarded.parsed.attachments.map((a) => [a.filename, a.content.equals(REPORT_PDF)])).toEqual([['report.pdf', true]]);

    // Reply-all never reached me: it went out in one submission with the others, which all arrived.
    expect(await serverSubjects(serverOf(me), 'INBOX')).not.toContain('Re: Team plan');

    // Save draft: the server's Drafts has it.
    await page.keyboard.press('c');
    await composer().waitFor();
    await composer().getByLabel('To', { exact: true }).fill(dave.address);
    await composer().getByLabel('Subject', { exact: true }).fill('Kept as a draft');
    await composer().getByLabel('Message', { exact: true }).fill('Not finished yet.');
    await composer().getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => composer().count(), { timeout: 20_000 }).toBe(0);
    const draft = await arrival(me, 'Drafts', 'Kept as a draft');
    expect(draft.flags).toContain('\\Draft');
    expect(addresses(draft.parsed.to)).toEqual([dave.address]);
    expect(draft.parsed.text).toContain('Not finished yet.');
    expect(await serverSubjects(serverOf(dave), 'INBOX')).not.toContain('Kept as a draft');
    expect(pageErrors).toEqual([]);
  });

  it('names every control of the account form, the folder forms and the settings screens', async () => {
    // The account form again (a second account), with the POP fields, up to the certificate question.
    await page.getByRole('button', { name: 'Add account' }).click();
    const form = page.getByRole('form', { name: 'Add a mail account' });
    await form.waitFor();
    await expectEveryControlNamed(page);
    // Another address: the form refuses one already set up on this computer at its first step.
    await page.getByLabel('Email address').fill(`pop-${me.address}`);
    await page.getByRole('button', { name: 'Configure manually' }).click();
    await page.getByLabel('How to get mail').selectOption('pop3');
    await page.getByRole('radio', { name: /days after downloading/ }).check();
    await page.locator('#incoming-host').fill('127.0.0.1');
    await page.locator('#incoming-security').selectOption('tls');
    await page.locator('#incoming-port').fill(String(servers.pop3.tlsPort));
    await page.getByLabel('Password', { exact: true }).fill(me.password);
    await page.getByLabel('SMTP uses the same user name and password').uncheck();
    await expectEveryControlNamed(page);
    await page.getByLabel('SMTP uses the same user name and password').check();
    await page.locator('#smtp-host').fill('127.0.0.1');
    await page.locator('#smtp-security').selectOption('tls');
    await page.locator('#smtp-port').fill(String(servers.smtp.tlsPort));
    await page.getByRole('button', { name: 'Check and add account' }).click();
    await expect.poll(() => page.getByTestId('certificate-fingerprint').count(), { timeout: 20_000 }).toBe(1);
    await expectEveryControlNamed(page);
    await form.getByRole('button', { name: 'Cancel' }).click();

    // New folder, rename it, delete it: each form named, each effect on the server.
    const folders = page.getByRole('navigation', { name: 'Folders' });
    await folders.getByRole('button', { name: 'New folder' }).click();
    await expectEveryControlNamed(page);
    await page.getByRole('form', { name: 'New folder' }).getByLabel('New folder name').fill('Projects');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await waitFor(async () => (await serverOf(me).list()).some((f) => f.path === 'Projects'), 'Projects on the server');
    await folders.getByRole('button', { name: 'Projects', exact: true }).click();
    await folders.getByRole('button', { name: 'Rename', exact: true }).click();
    await expectEveryControlNamed(page);
    await page.getByRole('form', { name: 'Rename folder' }).getByLabel('New name').fill('Projects 2026');
    await page.getByRole('form', { name: 'Rename folder' }).getByRole('button', { name: 'Rename', exact: true }).click();
    await waitFor(async () => (await serverOf(me).list()).some((f) => f.path === 'Projects 2026'), 'the renamed folder on the server');
    await folders.getByRole('button', { name: 'Projects 2026', exact: true }).click();
    await folders.getByRole('button', { name: 'Delete', exact: true }).click();
    await expectEveryControlNamed(page);
    await page.getByRole('button', { name: 'Delete folder' }).click();
    await waitFor(async () => !(await serverOf(me).list()).some((f) => f.path.startsWith('Projects')), 'the folder gone from the server');

    // The account's settings and devices screens.
    await page.getByRole('button', { name: `Settings of ${me.address}` }).click();
    const settings = page.getByRole('dialog', { name: `Settings of ${me.address}` });
    await settings.waitFor();
    await expectEveryControlNamed(page);
    await settings.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: `Devices of ${me.address}` }).click();
    const devices = page.getByRole('dialog', { name: `Devices of ${me.address}` });
    await devices.waitFor();
    await devices.getByLabel('How this device gets mail').selectOption('pop3');
    await expectEveryControlNamed(page);
    await devices.getByRole('button', { name: 'Close', exact: true }).click();
    expect(pageErrors).toEqual([]);
  });
});
