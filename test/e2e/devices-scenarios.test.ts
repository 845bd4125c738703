import { readFile } from 'node:fs/promises';
import { describe, expect, inject, it } from 'vitest';
import { FLAG_SEEN } from '../../common/model/mail';
import { createUser, makeMessage, seedMessages } from '../servers';
import { sharedBrowser } from '../support/e2e-browser';
import { numberedMessages } from '../support/fixtures';
import { otherImapClient, serverFlags, serverSubjects } from '../support/other-client';
import { poplibView } from '../support/poplib';
import { waitFor } from '../support/wait';
import {
  addAccountThroughForm,
  addDevice,
  chooseFolder,
  closeDevicesDialog,
  column,
  devicesDialog,
  expectEveryControlNamed,
  folderCounts,
  messageLabels,
  messageList,
  openApp,
  openSideBySide,
  panelAsSeenBy,
  renameDevice,
  serverPanel,
  serverPanelSubjects,
} from './device-ui';

const servers = inject('servers');
const e2e = sharedBrowser('devices');
const cleanups = e2e.cleanups;

describe('two devices of one account, side by side with the server panel (issue 4)', () => {
  it('1. IMAP + IMAP: a read on one device shows on the other within 2 s; a delete and a new folder reach the other device and the server', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(3));
    const { page, pageErrors } = await openApp(e2e.browser, cleanups);
    await addAccountThroughForm(page, servers, user, 'imap');
    await renameDevice(page, user, 'This computer', 'Laptop');
    await addDevice(page, user, { name: 'Phone', mode: 'imap' });
    await expectEveryControlNamed(page);
    await closeDevicesDialog(page, user);
    await openSideBySide(page);
    const laptop = column(page, 'Laptop');
    const phone = column(page, 'Phone');
    await expect.poll(() => folderCounts(laptop), { timeout: 20_000 }).toBe('Inbox: 3 messages, 3 unread');
    await expect.poll(() => folderCounts(phone), { timeout: 20_000 }).toBe('Inbox: 3 messages, 3 unread');
    // The server panel (as seen by the laptop) shows INBOX with its UIDs and state.
    await expect.poll(() => serverPanelSubjects(page, 'Messages on the server in INBOX'), { timeout: 15_000 }).toEqual(['Message 3', 'Message 2', 'Message 1']);
    expect(await serverPanel(page).getByTestId('server-uidnext').textContent()).toBe('4');
    await expectEveryControlNamed(page);

    // Read on the laptop: the phone's unread count drops by itself within 2 s.
    await messageList(laptop).getByRole('option', { name: /Message 2$/ }).click();
    const readAt = Date.now();
    await expect.poll(() => folderCounts(phone), { timeout: 2_000, interval: 50 }).toBe('Inbox: 3 messages, 2 unread');
    expect(Date.now() - readAt).toBeLessThan(2_000);
    expect(await messageLabels(phone)).toContainEqual(expect.stringMatching(/^Sender: Message 2$/));
    await expect.poll(() => serverPanel(page).locator('tr[data-uid="2"] .flags').textContent(), { timeout: 5_000 }).toContain(FLAG_SEEN);

    // Delete on the laptop: gone from the phone's Inbox and from the server's INBOX in the panel.
    await messageList(laptop).getByRole('option', { name: /Message 3$/ }).click();
    await laptop.getByRole('toolbar', { name: 'Message actions on Laptop' }).getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => messageLabels(phone), { timeout: 10_000 }).not.toContainEqual(expect.stringContaining('Message 3'));
    await expect.poll(() => serverPanelSubjects(page, 'Messages on the server in INBOX'), { timeout: 10_000 }).toEqual(['Message 2', 'Message 1']);
    await expect.poll(() => folderCounts(phone)).toBe('Inbox: 2 messages, 1 unread');

    // A folder made on the laptop is on the server, and the phone lists it by itself (its next
    // LIST-STATUS, every 15 s: IDLE does not report new folders).
    await laptop.getByRole('button', { name: 'New folder on Laptop' }).click();
    await laptop.getByLabel('New folder name').fill('Projects');
    await laptop.getByRole('button', { name: 'Create' }).click();
    const other = await otherImapClient(servers, user);
    cleanups.push(() => other.logout());
    await waitFor(async () => (await other.list()).some((f) => f.path === 'Projects'), 'the folder on the server');
    await expect.poll(() => phone.getByRole('combobox', { name: 'Folder on Phone' }).locator('option').allTextContents(), { timeout: 25_000 }).toContain('Projects');

    // Back in the three panes: the phone's folders, and the server panel beside them.
    await page.getByRole('button', { name: 'Devices side by side' }).click();
    await page.getByRole('combobox', { name: `Device of ${user.address}` }).selectOption({ label: 'Phone · IMAP' });
    await expect.poll(() => page.getByRole('navigation', { name: 'Folders' }).getByRole('button', { name: /^Projects/ }).count()).toBe(1);
    await page.getByRole('button', { name: 'What the server sees' }).click();
    await expect.poll(() => serverPanelSubjects(page, 'Messages on the server in INBOX'), { timeout: 15_000 }).toEqual(['Message 2', 'Message 1']);
    await expectEveryControlNamed(page);
    expect(pageErrors).toEqual([]);
  });

  it('2. POP + POP, leave on the server: both devices download the same messages; reading or deleting on one changes nothing on the other or the server', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(2));
    const { page, pageErrors } = await openApp(e2e.browser, cleanups);
    await addAccountThroughForm(page, servers, user, 'pop3');
    await addDevice(page, user, { name: 'Phone', mode: 'pop3' });
    await closeDevicesDialog(page, user);
    await openSideBySide(page);
    const laptop = column(page, 'This computer');
    const phone = column(page, 'Phone');
    await expect.poll(() => folderCounts(laptop), { timeout: 20_000 }).toBe('Inbox: 2 messages, 2 unread');
    await expect.poll(() => folderCounts(phone), { timeout: 20_000 }).toBe('Inbox: 2 messages, 2 unread');
    // The maildrop, with this device's decision about each message.
    const panel = serverPanel(page);
    await expect.poll(() => panel.getByTestId('maildrop-summary').textContent(), { timeout: 15_000 }).toContain('2 messages in the maildrop');
    expect(await serverPanelSubjects(page, 'The maildrop')).toEqual(['Message 2', 'Message 1']);
    await expect.poll(() => panel.locator('td.decision').allTextContents()).toEqual([expect.stringMatching(/^downloaded .*; kept on the server$/), expect.stringMatching(/^downloaded .*; kept on the server$/)]);
    await expectEveryControlNamed(page);

    // Read on this computer: read here only.
    await messageList(laptop).getByRole('option', { name: /Message 1$/ }).click();
    await expect.poll(() => folderCounts(laptop)).toBe('Inbox: 2 messages, 1 unread');
    // Delete on this computer: into its local Trash.
    await messageList(laptop).getByRole('option', { name: /Message 2$/ }).click();
    await laptop.getByRole('toolbar', { name: 'Message actions on This computer' }).getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => folderCounts(laptop)).toBe('Inbox: 1 message, 0 unread');
    await chooseFolder(laptop, 'This computer', /^Trash/);
    await expect.poll(() => messageLabels(laptop, 'Trash')).toEqual([expect.stringMatching(/Message 2$/)]);

    // The comparison explains both differences.
    await panel.getByRole('tab', { name: 'Compare' }).click();
    const compare = panel.getByRole('table', { name: 'This device’s mail and the maildrop' });
    await expect.poll(() => compare.locator('tr', { hasText: 'Message 1' }).locator('.explanation-text').textContent()).toContain('read here; POP has no flags, so the server never hears of it');
    await expect.poll(() => compare.locator('tr', { hasText: 'Message 2' }).locator('.explanation-text').textContent()).toContain('deleted here (in Trash); the server keeps its copy');
    await panel.getByRole('tab', { name: 'Server' }).click();
    // The dry run says the next check sends nothing; a real check changes nothing on the server.
    await panel.getByRole('button', { name: 'Dry run' }).click();
    await expect.poll(() => panel.getByTestId('dry-run-result').textContent(), { timeout: 15_000 }).toContain('The next check will download nothing and send no DELE.');
    await laptop.getByRole('button', { name: 'Check mail on This computer' }).click();
    await expect.poll(() => laptop.getByTestId('device-status').textContent(), { timeout: 15_000 }).toMatch(/Last checked .*nothing new/);
    expect((await poplibView(servers, user)).count).toBe(2);

    // The phone still has both, unread, before and after its own check; the server lists both.
    expect(await folderCounts(phone)).toBe('Inbox: 2 messages, 2 unread');
    await phone.getByRole('button', { name: 'Check mail on Phone' }).click();
    await expect.poll(() => phone.getByTestId('device-status').textContent(), { timeout: 15_000 }).toMatch(/Last checked .*nothing new/);
    expect(await folderCounts(phone)).toBe('Inbox: 2 messages, 2 unread');
    await panel.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => panel.getByTestId('maildrop-summary').textContent(), { timeout: 15_000 }).toContain('2 messages in the maildrop');

    // Removing the phone deletes its cache on this computer, and nothing on the server.
    const databasesBefore = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
    await page.getByRole('button', { name: `Devices of ${user.address}` }).click();
    await devicesDialog(page, user).getByRole('button', { name: 'Remove device Phone' }).click();
    const confirm = devicesDialog(page, user).getByRole('group', { name: 'Remove device Phone' });
    expect(await confirm.textContent()).toMatch(/local cache on this computer is deleted.*Mail on the server is not touched/);
    await confirm.getByRole('button', { name: 'Remove device', exact: true }).click();
    await expect.poll(() => devicesDialog(page, user).getByRole('listitem').count()).toBe(1);
    await closeDevicesDialog(page, user);
    await expect.poll(() => column(page, 'Phone').count()).toBe(0);
    await expect.poll(() => page.evaluate(async () => (await indexedDB.databases()).length), { timeout: 10_000 }).toBe(databasesBefore.length - 1);
    expect((await poplibView(servers, user)).count).toBe(2);
    expect(pageErrors).toEqual([]);
  });

  it('3. POP “delete right after download” on one device: the other never sees the message, and the server panel says why', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', [{ raw: makeMessage({ subject: 'Before the phone existed' }) }]);
    const { page, pageErrors } = await openApp(e2e.browser, cleanups);
    await addAccountThroughForm(page, servers, user, 'pop3', 'Delete from the server right after downloading');
    await waitFor(async () => (await poplibView(servers, user)).count === 0, 'the first check to delete the server copy');
    await renameDevice(page, user, 'This computer', 'Laptop');
    await addDevice(page, user, { name: 'Phone', mode: 'pop3' });
    await closeDevicesDialog(page, user);
    await openSideBySide(page);
    const laptop = column(page, 'Laptop');
    const phone = column(page, 'Phone');
    await expect.poll(() => folderCounts(laptop), { timeout: 20_000 }).toBe('Inbox: 1 message, 1 unread');
    await expect.poll(() => phone.getByTestId('device-status').textContent(), { timeout: 20_000 }).toMatch(/Last checked/);

    // A new message: the laptop checks first and deletes it from the server; then the phone checks.
    await seedMessages(servers, user, 'INBOX', [{ raw: makeMessage({ subject: 'Only the laptop gets this' }) }]);
    await laptop.getByRole('button', { name: 'Check mail on Laptop' }).click();
    await expect.poll(() => messageLabels(laptop), { timeout: 15_000 }).toContainEqual(expect.stringContaining('Only the laptop gets this'));
    await expect.poll(() => laptop.getByTestId('device-status').textContent(), { timeout: 15_000 }).toMatch(/1 new; 1 deleted from the server/);
    expect((await poplibView(servers, user)).count).toBe(0);
    await phone.getByRole('button', { name: 'Check mail on Phone' }).click();
    await expect.poll(() => phone.getByTestId('device-status').textContent(), { timeout: 15_000 }).toMatch(/Last checked .*nothing new/);
    expect(await folderCounts(phone)).toBe('Inbox: 0 messages, 0 unread');
    expect(await phone.textContent()).not.toContain('Only the laptop gets this');

    // As the phone sees the server: an empty maildrop, and which device deleted what, by which setting.
    await panelAsSeenBy(page, 'Phone');
    const panel = serverPanel(page);
    await expect.poll(() => panel.getByTestId('maildrop-summary').textContent(), { timeout: 15_000 }).toContain('The maildrop is empty.');
    const why = panel.getByRole('region', { name: 'Deleted from the server by this account’s devices' });
    await expect.poll(() => why.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^“Only the laptop gets this” .* deleted from the server by Laptop on .*; its setting: Delete from the server right after downloading\./),
      expect.stringMatching(/^“Before the phone existed” .* deleted from the server by Laptop/),
    ]);
    await panel.getByRole('button', { name: 'Dry run' }).click();
    await expect.poll(() => panel.getByTestId('dry-run-result').textContent(), { timeout: 15_000 }).toContain('The next check will download nothing and send no DELE.');
    await expectEveryControlNamed(page);
    expect(pageErrors).toEqual([]);
  });

  it('4. A on POP, B on IMAP: what A deletes stays on the server for B; what B reads stays unread on A', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', [{ raw: makeMessage({ subject: 'Shared 1' }) }, { raw: makeMessage({ subject: 'Shared 2' }) }]);
    const { page, pageErrors } = await openApp(e2e.browser, cleanups);
    await addAccountThroughForm(page, servers, user, 'pop3');
    await renameDevice(page, user, 'This computer', 'Home');
    // The account has no IMAP server yet: the form asks for one, guessing the host.
    await addDevice(page, user, { name: 'Office', mode: 'imap', incomingPort: servers.imap.tlsPort });
    await closeDevicesDialog(page, user);
    await openSideBySide(page);
    const home = column(page, 'Home');
    const office = column(page, 'Office');
    await expect.poll(() => messageLabels(home), { timeout: 20_000 }).toHaveLength(2);
    await expect.poll(() => messageLabels(office), { timeout: 20_000 }).toHaveLength(2);

    // Home deletes "Shared 1" for good (to Trash, then from Trash) and checks mail.
    await messageList(home).getByRole('option', { name: /Shared 1$/ }).click();
    await home.getByRole('toolbar', { name: 'Message actions on Home' }).getByRole('button', { name: 'Delete' }).click();
    await chooseFolder(home, 'Home', /^Trash/);
    await messageList(home, 'Trash').getByRole('option', { name: /Shared 1$/ }).click();
    await home.getByRole('toolbar', { name: 'Message actions on Home' }).getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => folderCounts(home)).toBe('Trash: 0 messages, 0 unread');
    await home.getByRole('button', { name: 'Check mail on Home' }).click();
    await expect.poll(() => home.getByTestId('device-status').textContent(), { timeout: 15_000 }).toMatch(/Last checked .*nothing new/);
    // Still on the server, so the office still has it, and the server panel (as the office sees it) lists it.
    const other = await otherImapClient(servers, user);
    cleanups.push(() => other.logout());
    expect(await serverSubjects(other, 'INBOX')).toContain('Shared 1');
    expect(await messageLabels(office)).toContainEqual(expect.stringMatching(/Shared 1$/));
    await panelAsSeenBy(page, 'Office');
    await expect.poll(() => serverPanelSubjects(page, 'Messages on the server in INBOX'), { timeout: 15_000 }).toContain('Shared 1');
    // As Home sees it: the maildrop still has it, and the comparison says why.
    await panelAsSeenBy(page, 'Home');
    const panel = serverPanel(page);
    await expect.poll(() => panel.getByTestId('maildrop-summary').textContent(), { timeout: 15_000 }).toContain('2 messages in the maildrop');
    await panel.getByRole('tab', { name: 'Compare' }).click();
    await expect.poll(() => panel.locator('tr', { hasText: 'Shared 1' }).locator('.explanation-text').textContent()).toBe(
      'deleted here; the server keeps its copy (setting: leave messages on the server)',
    );
    await panel.getByRole('tab', { name: 'Server' }).click();

    // New mail: the office reads it (on the server too), then home downloads it, unread.
    await seedMessages(servers, user, 'INBOX', [{ raw: makeMessage({ subject: 'Arrives later' }) }]);
    await expect.poll(() => messageLabels(office), { timeout: 15_000 }).toContainEqual(expect.stringMatching(/^Unread, .*Arrives later$/));
    await messageList(office).getByRole('option', { name: /Arrives later$/ }).click();
    await waitFor(async () => [...(await serverFlags(other, 'INBOX')).values()].filter((flags) => flags.includes(FLAG_SEEN)).length === 3, 'the office’s read on the server');
    await expect.poll(() => messageLabels(office)).toContainEqual(expect.stringMatching(/^Sender: Arrives later$/));
    await chooseFolder(home, 'Home', /^Inbox/);
    await home.getByRole('button', { name: 'Check mail on Home' }).click();
    await expect.poll(() => messageLabels(home), { timeout: 15_000 }).toContainEqual(expect.stringMatching(/^Unread, .*Arrives later$/));
    expect(await messageLabels(home)).not.toContainEqual(expect.stringContaining('Shared 1'));
    expect(pageErrors).toEqual([]);
  });

  it('5. Sent: a message sent from an IMAP device is in the other IMAP device’s Sent; one sent from a POP device is not', async () => {
    const user = await createUser(servers);
    const recipient = await createUser(servers);
    const { page, pageErrors } = await openApp(e2e.browser, cleanups);
    await addAccountThroughForm(page, servers, user, 'imap');
    await renameDevice(page, user, 'This computer', 'Laptop');
    await addDevice(page, user, { name: 'Phone', mode: 'imap' });
    await addDevice(page, user, { name: 'Old laptop', mode: 'pop3', incomingPort: servers.pop3.tlsPort });
    await closeDevicesDialog(page, user);
    await openSideBySide(page);
    const laptop = column(page, 'Laptop');
    const phone = column(page, 'Phone');
    const oldLaptop = column(page, 'Old laptop');
    for (const c of [laptop, phone, oldLaptop]) await expect.poll(() => folderCounts(c), { timeout: 20_000 }).toBe('Inbox: 0 messages, 0 unread');

    const send = async (deviceName: string, subject: string): Promise<void> => {
      await column(page, deviceName).getByRole('button', { name: `Compose on ${deviceName}` }).click();
      const composer = page.getByRole('dialog', { name: 'Compose message' });
      await composer.getByLabel('To').fill(recipient.address);
      await composer.getByLabel('Subject').fill(subject);
      await composer.getByLabel('Message').fill(`Sent from ${deviceName}.`);
      await composer.getByRole('button', { name: 'Send' }).click();
      await expect.poll(() => composer.count(), { timeout: 20_000 }).toBe(0);
    };

    await send('Laptop', 'Sent from the IMAP laptop');
    await chooseFolder(phone, 'Phone', /^Sent/);
    await expect.poll(() => messageLabels(phone, 'Sent'), { timeout: 20_000 }).toEqual([expect.stringMatching(/Sent from the IMAP laptop$/)]);

    await send('Old laptop', 'Sent from the POP device');
    await chooseFolder(oldLaptop, 'Old laptop', /^Sent/);
    await expect.poll(() => messageLabels(oldLaptop, 'Sent'), { timeout: 10_000 }).toEqual([expect.stringMatching(/Sent from the POP device$/)]);
    // It was sent (the recipient has it), but only the POP device keeps a copy.
    const recipientClient = await otherImapClient(servers, recipient);
    cleanups.push(() => recipientClient.logout());
    await waitFor(async () => (await serverSubjects(recipientClient, 'INBOX')).includes('Sent from the POP device'), 'the POP device’s message at the recipient');
    const other = await otherImapClient(servers, user);
    cleanups.push(() => other.logout());
    expect(await serverSubjects(other, 'Sent')).toEqual(['Sent from the IMAP laptop']);
    await phone.getByRole('button', { name: 'Check mail on Phone' }).click();
    await expect.poll(() => phone.getByRole('button', { name: 'Check mail on Phone' }).isEnabled()).toBe(true);
    expect(await messageLabels(phone, 'Sent')).toEqual([expect.stringMatching(/Sent from the IMAP laptop$/)]);
    // The server panel, following the laptop's Sent folder, shows the same.
    await chooseFolder(laptop, 'Laptop', /^Sent/);
    await expect.poll(() => serverPanelSubjects(page, 'Messages on the server in Sent'), { timeout: 15_000 }).toEqual(['Sent from the IMAP laptop']);
    await expectEveryControlNamed(page);
    expect(pageErrors).toEqual([]);
  });

  it('7. The transcript never contains the password: not on screen, not in the exported file', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(1));
    const { page, pageErrors } = await openApp(e2e.browser, cleanups);
    await addAccountThroughForm(page, servers, user, 'imap');
    await addDevice(page, user, { name: 'Phone', mode: 'pop3', incomingPort: servers.pop3.tlsPort });
    await closeDevicesDialog(page, user);
    await openSideBySide(page);
    const phone = column(page, 'Phone');
    await expect.poll(() => folderCounts(phone), { timeout: 20_000 }).toBe('Inbox: 1 message, 1 unread');
    const panel = serverPanel(page);
    await panel.getByRole('tab', { name: 'Transcript' }).click();
    const transcript = panel.getByRole('list', { name: 'Protocol transcript' });
    const services = async (): Promise<string[]> => [...new Set(await transcript.getByRole('listitem').evaluateAll((items) => items.map((i) => i.getAttribute('data-service') ?? '')))].sort();
    await expect.poll(services, { timeout: 15_000 }).toEqual(['imap', 'pop3', 'smtp']);
    const secretForms = [user.password, Buffer.from(user.password).toString('base64'), Buffer.from(`\0${user.user}\0${user.password}`).toString('base64')];
    const shown = (await transcript.textContent()) ?? '';
    // The logins are there, with their secrets masked; each line names its connection.
    expect(shown).toContain('********');
    expect(shown).toContain('[login check]');
    expect(shown).toContain('[Phone · check]');
    for (const secret of secretForms) expect(shown).not.toContain(secret);

    // Live: a check on the phone adds POP3 lines at the bottom, and the view follows them.
    await panel.getByRole('combobox', { name: 'Filter the transcript by service' }).selectOption('pop3');
    await expect.poll(services).toEqual(['pop3']);
    const before = await transcript.getByRole('listitem').count();
    await phone.getByRole('button', { name: 'Check mail on Phone' }).click();
    await expect.poll(() => transcript.getByRole('listitem').count(), { timeout: 15_000 }).toBeGreaterThan(before);
    await expect.poll(() => transcript.getByRole('listitem').last().textContent(), { timeout: 15_000 }).toMatch(/(QUIT|\+OK).*$/);
    await expect.poll(() => transcript.evaluate((list) => list.scrollHeight - list.scrollTop - list.clientHeight)).toBeLessThan(30);

    // The exported file: the same lines, no secret.
    for (const filter of ['pop3', 'all'] as const) {
      await panel.getByRole('combobox', { name: 'Filter the transcript by service' }).selectOption(filter);
      const download = page.waitForEvent('download');
      await panel.getByRole('button', { name: 'Export transcript' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/^porthole-transcript-.*\.txt$/);
      const text = await readFile(await file.path(), 'utf8');
      expect(text).toContain(filter === 'pop3' ? ' POP3 [' : ' SMTP [');
      expect(text).toContain('********');
      for (const secret of secretForms) expect(text).not.toContain(secret);
    }
    await expectEveryControlNamed(page);
    expect(pageErrors).toEqual([]);
  });
});
