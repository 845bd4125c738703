import type { ImapFlow } from 'imapflow';
import type { Locator, Page } from 'playwright';
import { simpleParser } from 'mailparser';
import { describe, expect, inject, it } from 'vitest';
import { createUser, seedMessages, type MailUser } from '../servers';
import { sharedBrowser } from '../support/e2e-browser';
import { arrivedMessage, otherImapClient } from '../support/other-client';
import { addAccountThroughForm, expectEveryControlNamed, openApp } from './device-ui';

/**
 * Issue 16, the rich-text composer, in Chromium through the harness against Dovecot and the test
 * submission server: a new message starts in rich text; one typed with bold, a list, a link, a
 * colour and an inline image is sent as multipart/alternative (a text part that keeps the list and
 * the link readable) with the image as multipart/related (`cid:`); a paste from a web page or an
 * office program keeps its formatting and loses its script; the message reads back with the image
 * in place, here (the sent copy) and on another device (the recipient's); the format chosen is the
 * next new message's; plain text chosen again keeps the text and sends no HTML; a rich draft saved
 * with a picture and a file opens again (Edit draft) with both; a rich forward quotes the
 * original's formatting and sends its attachments; a large inline picture counts in the size
 * warning; a heading, italic, underline, a colour and a quote from the toolbar are sent.
 */

const servers = inject('servers');
const e2e = sharedBrowser('rich-compose');
const composer = (page: Page): Locator => page.getByRole('dialog', { name: 'Compose message' });
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAwAAAAICAIAAABChommAAAAE0lEQVR4nGP4z8BAEBFWMewVAQCsgV+hp+D4ywAAAABJRU5ErkJggg==', 'base64');

/** The raw source of the first message in the folder with this subject. */
async function rawSource(client: ImapFlow, subject: string): Promise<string> {
  const lock = await client.getMailboxLock('INBOX');
  try {
    for await (const m of client.fetch('1:*', { source: true, envelope: true })) if (m.envelope?.subject === subject) return m.source!.toString('utf8');
    throw new Error(`no "${subject}"`);
  } finally {
    lock.release();
  }
}

interface TwoMailboxes {
  me: MailUser;
  friend: MailUser;
  /** The friend's mailbox, read by the test's own IMAP client. */
  friendClient: ImapFlow;
  page: Page;
  pageErrors: string[];
}

/** Two new mailboxes, `mail` (if any) in my Inbox, and the app as shipped with my account added in `mode`. */
async function myAppAndAFriend(mode: 'imap' | 'pop3', mail?: (me: MailUser, friend: MailUser) => string): Promise<TwoMailboxes> {
  const me = await createUser(servers);
  const friend = await createUser(servers);
  const friendClient = await otherImapClient(servers, friend);
  e2e.cleanups.push(() => friendClient.logout());
  if (mail) await seedMessages(servers, me, 'INBOX', [{ raw: mail(me, friend) }]);
  const { page, pageErrors } = await openApp(e2e.browser, e2e.cleanups, (options) => e2e.newContextAsShipped(options));
  await addAccountThroughForm(page, servers, me, mode);
  return { me, friend, friendClient, page, pageErrors };
}

/** A new message to `to` with this subject, in rich text as a new message starts (nobody chose plain text here), and its text field. */
async function richMessage(page: Page, to: string, subject: string): Promise<{ box: Locator; body: Locator }> {
  await page.getByRole('button', { name: 'Compose' }).click();
  const box = composer(page);
  expect(await box.getByRole('group', { name: 'Format' }).getByRole('button', { name: 'Rich text' }).getAttribute('aria-pressed')).toBe('true');
  // Typed at once, as a user does while the editor is still loading: it must not take the keys when it arrives.
  await box.getByLabel('To', { exact: true }).pressSequentially(to);
  await box.getByLabel('Subject').pressSequentially(subject);
  const body = box.getByRole('textbox', { name: 'Message' });
  await body.waitFor();
  expect(await box.getByLabel('Subject').inputValue()).toBe(subject);
  expect(await body.textContent()).toBe('');
  await body.click();
  return { box, body };
}

describe.each(['imap', 'pop3'] as const)('rich-text composer, %s account', (mode) => {
  it('sends what was formatted as HTML with a faithful text part and its image inline, and cleans a paste', async () => {
    // An HTML message to reply to in rich text: its formatting quoted, its script never.
    const html = '<p>The <b>9:10</b> ferry, <a href="https://example.org/times">times</a>.</p><script>window.pwned = 3</script><table><tr><td>Pier 4</td></tr></table>';
    const timetable = (me: MailUser, friend: MailUser): string => [`From: Friend <${friend.address}>`, `To: ${me.address}`, 'Subject: Timetable', `Date: ${new Date().toUTCString().replace(/GMT$/, '+0000')}`, `Message-ID: <timetable-${Date.now()}@example.test>`, 'MIME-Version: 1.0', 'Content-Type: multipart/alternative; boundary="b1"', '', '--b1', 'Content-Type: text/plain; charset=utf-8', '', 'The 9:10 ferry, times.', 'Pier 4', '--b1', 'Content-Type: text/html; charset=utf-8', '', html, '--b1--', ''].join('\r\n');
    const { friend, friendClient, page, pageErrors } = await myAppAndAFriend(mode, timetable);

    const { box, body } = await richMessage(page, friend.address, 'Pier plan');
    await body.pressSequentially('Meet at the ');
    await body.press('Control+b');
    await body.pressSequentially('north');
    await body.press('Control+b');
    await body.pressSequentially(' pier.');
    await body.press('Enter');
    await box.getByRole('button', { name: 'Bulleted list' }).click();
    await body.pressSequentially('bring tea');
    await body.press('Enter');
    await body.pressSequentially('bring cake');
    await body.press('Enter');
    await body.press('Enter');
    await body.pressSequentially('The map');
    for (let i = 0; i < 'map'.length; i++) await body.press('Shift+ArrowLeft');
    await body.press('Control+k');
    await box.getByLabel('Link address').fill('https://example.org/pier');
    await box.getByLabel('Link address').press('Enter');
    await body.press('End');
    await body.press('Enter');
    await box.getByLabel('Image to insert').setInputFiles({ name: 'pier.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => body.locator('img').count()).toBe(1);

    // A paste from a web page: formatting kept, script and Office's own markup gone.
    await body.press('End');
    await body.evaluate((element) => {
      const data = new DataTransfer();
      data.setData('text/html', '<meta charset="utf-8"><p class="MsoNormal">Pasted <b>strong</b> words<o:p></o:p><script>window.pwned = 1</script><img src="https://tracker.example/x.gif" onerror="window.pwned = 2"></p>');
      data.setData('text/plain', 'Pasted strong words');
      element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => body.textContent()).toContain('Pasted strong words');
    expect(await body.innerHTML()).not.toMatch(/script|tracker|o:p|MsoNormal/);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    // The toolbar, the colour and the hidden picture input: each control has a name.
    await expectEveryControlNamed(page);

    await box.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => composer(page).count(), { timeout: 20_000 }).toBe(0);

    const arrived = await arrivedMessage(friendClient, 'INBOX', 'Pier plan');
    // The text part: the list and the link readable without HTML.
    expect(arrived.text).toContain('Meet at the north pier.');
    expect(arrived.text).toContain('- bring tea\n- bring cake');
    expect(arrived.text).toContain('The map <https://example.org/pier>');
    expect(arrived.text).toContain('Pasted strong words');
    // The HTML part: the formatting, the image by cid:, the link.
    expect(arrived.html).toContain("<strong>north</strong>");
    expect(arrived.html).toMatch(/<ul><li dir="auto"><p dir="auto">bring tea<\/p><\/li><li dir="auto"><p dir="auto">bring cake<\/p><\/li><\/ul>/);
    expect(arrived.html).toContain('href="https://example.org/pier"');
    const image = arrived.attachments.find((a) => a.contentType === 'image/png');
    expect(image?.contentId).toBeTruthy();
    expect(image?.related).toBe(true);
    expect(Buffer.compare(image!.content, PNG)).toBe(0);
    const raw = await rawSource(friendClient, 'Pier plan');
    expect(raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(raw).toMatch(/Content-Type: multipart\/related/i);
    const asSent = await simpleParser(raw, { keepCidLinks: true });
    expect(asSent.html).toMatch(/<img src="cid:image1\.[^"@]+@example\.test"/);
    expect(asSent.attachments.filter((a) => !a.related)).toEqual([]);

    // The sent copy, read back here: bold and the image in place (from the message's own part).
    await page.getByRole('navigation', { name: 'Folders' }).getByRole('button', { name: /^Sent/ }).click();
    await page.getByRole('listbox', { name: 'Messages in Sent' }).getByRole('option', { name: /Pier plan/ }).click({ timeout: 20_000 });
    const frame = page.frameLocator('iframe[title="Message content"]');
    await expect.poll(() => frame.locator('strong').first().textContent(), { timeout: 15_000 }).toBe('north');
    await expect.poll(() => frame.locator('img').first().evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)), { timeout: 15_000 }).toBe(12);

    // The next new message starts in rich text; back to plain text keeps the words (sent at the end: the choice is the next message's too).
    await page.getByRole('button', { name: 'Compose' }).click();
    expect(await composer(page).getByRole('group', { name: 'Format' }).getByRole('button', { name: 'Rich text' }).getAttribute('aria-pressed')).toBe('true');
    await composer(page).getByRole('textbox', { name: 'Message' }).pressSequentially('Second note');
    await composer(page).getByRole('group', { name: 'Format' }).getByRole('button', { name: 'Plain text' }).click();
    expect(await composer(page).getByLabel('Message').inputValue()).toBe('Second note');
    await composer(page).getByRole('group', { name: 'Format' }).getByRole('button', { name: 'Rich text' }).click();
    await composer(page).getByRole('button', { name: 'Discard' }).click();
    await composer(page).getByRole('button', { name: 'Discard changes? Click again' }).click();

    // A reply in rich text quotes the original's HTML, cleaned; the text part quotes its text.
    await page.getByRole('navigation', { name: 'Folders' }).getByRole('button', { name: /^Inbox/ }).click();
    await page.getByRole('listbox', { name: 'Messages in Inbox' }).getByRole('option', { name: /Timetable/ }).click();
    await page.getByRole('article', { name: 'Message' }).locator('pre.plain-body, iframe').first().waitFor();
    await page.locator('body').press('r');
    const reply = composer(page).getByRole('textbox', { name: 'Message' });
    await expect.poll(() => reply.locator('blockquote strong').first().textContent()).toBe('9:10');
    expect(await reply.innerHTML()).not.toContain('pwned');
    expect(await reply.locator('blockquote a').getAttribute('href')).toBe('https://example.org/times');
    await reply.press('Control+Home');
    await reply.pressSequentially('Thanks, see you there.');
    await composer(page).getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => composer(page).count(), { timeout: 20_000 }).toBe(0);
    const answered = await arrivedMessage(friendClient, 'INBOX', 'Re: Timetable');
    expect(answered.html).toMatch(/<blockquote[^>]*>.*<strong>9:10<\/strong>.*Pier 4.*<\/blockquote>/s);
    expect(answered.text).toMatch(/^Thanks, see you there\.\n\nOn .+ wrote:\n> The 9:10 ferry, times <https:\/\/example\.org\/times>\./m);
    expect(pageErrors).toEqual([]);

    // Read on another device (the friend's own Porthole, in the same mode): the bold word, the list and the picture in place.
    const other = await openApp(e2e.browser, e2e.cleanups, (options) => e2e.newContextAsShipped(options));
    await addAccountThroughForm(other.page, servers, friend, mode);
    await other.page.getByRole('listbox', { name: 'Messages in Inbox' }).getByRole('option', { name: /Pier plan/ }).click({ timeout: 20_000 });
    const received = other.page.frameLocator('iframe[title="Message content"]');
    await expect.poll(() => received.locator('strong').first().textContent(), { timeout: 15_000 }).toBe('north');
    expect(await received.locator('ul li').allTextContents()).toEqual(['bring tea', 'bring cake']);
    expect(await received.locator('a[href="https://example.org/pier"]').textContent()).toBe('map');
    await expect.poll(() => received.locator('img').first().evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)), { timeout: 15_000 }).toBe(12);
    expect(other.pageErrors).toEqual([]);

    // Plain text chosen for a message: it goes without HTML.
    await page.getByRole('button', { name: 'Compose' }).click();
    await composer(page).getByRole('textbox', { name: 'Message' }).pressSequentially('Third note');
    await composer(page).getByRole('group', { name: 'Format' }).getByRole('button', { name: 'Plain text' }).click();
    expect(await composer(page).getByLabel('Message').inputValue()).toBe('Third note');
    await composer(page).getByLabel('To', { exact: true }).fill(friend.address);
    await composer(page).getByLabel('Subject').fill('Third note');
    await composer(page).getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => composer(page).count(), { timeout: 20_000 }).toBe(0);
    const plain = await arrivedMessage(friendClient, 'INBOX', 'Third note');
    expect(plain.html).toBe(false);
    expect(plain.text?.trim()).toBe('Third note');
    expect(await rawSource(friendClient, 'Third note')).not.toMatch(/text\/html/i);
    expect(pageErrors).toEqual([]);
  });

  it('a rich draft saved with a picture and a file opens again with both, and sends them', async () => {
    const { friend, friendClient, page, pageErrors } = await myAppAndAFriend(mode);

    const { box, body } = await richMessage(page, friend.address, 'Boat sketch');
    await body.pressSequentially('The sketch:');
    await body.press('Enter');
    await box.getByLabel('Image to insert').setInputFiles({ name: 'boat.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => body.locator('img').count()).toBe(1);
    await box.getByLabel('Attach files').setInputFiles({ name: 'sizes.txt', mimeType: 'text/plain', buffer: Buffer.from('mast 7 m\n') });
    await box.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => composer(page).count(), { timeout: 20_000 }).toBe(0);

    // Opened again from Drafts: the picture in place (not a broken cid: reference), the file attached, once each.
    await page.getByRole('navigation', { name: 'Folders' }).getByRole('button', { name: /^Drafts/ }).click();
    await page.getByRole('listbox', { name: 'Messages in Drafts' }).getByRole('option', { name: /Boat sketch/ }).click({ timeout: 20_000 });
    await page.getByRole('toolbar', { name: 'Message actions' }).getByRole('button', { name: 'Edit draft' }).click();
    const again = composer(page).getByRole('textbox', { name: 'Message' });
    await expect.poll(() => again.textContent()).toContain('The sketch:');
    await expect.poll(() => again.locator('img').evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)), { timeout: 15_000 }).toBe(12);
    expect(await again.locator('img').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await composer(page).getByRole('list', { name: 'Attached files' }).getByRole('listitem').allTextContents()).toEqual([expect.stringContaining('sizes.txt')]);

    await composer(page).getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => composer(page).count(), { timeout: 20_000 }).toBe(0);
    const arrived = await arrivedMessage(friendClient, 'INBOX', 'Boat sketch');
    const image = arrived.attachments.find((a) => a.contentType === 'image/png');
    expect(image?.related).toBe(true);
    expect(Buffer.compare(image!.content, PNG)).toBe(0);
    const asSent = await simpleParser(await rawSource(friendClient, 'Boat sketch'), { keepCidLinks: true });
    expect(asSent.html).toContain(`src="cid:${image!.contentId!.replace(/^<|>$/g, '')}"`);
    const files = arrived.attachments.filter((a) => !a.related);
    expect(files.map((a) => [a.filename, a.content.toString('utf8')])).toEqual([['sizes.txt', 'mast 7 m\n']]);
    expect(pageErrors).toEqual([]);
  });
  it('a rich forward quotes the original’s formatting, not its script, and sends its attachments along', async () => {
    const report = Buffer.from('%PDF-1.4\n% the quarter in figures\n');
    const figures = (me: MailUser): string => [
      'From: Ann <ann@example.test>',
      `To: ${me.address}`,
      'Subject: Quarter figures',
      `Date: ${new Date().toUTCString().replace(/GMT$/, '+0000')}`,
      `Message-ID: <figures-${Date.now()}@example.test>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="m1"',
      '',
      '--m1',
      'Content-Type: multipart/alternative; boundary="a1"',
      '',
      '--a1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'The figures are up by 4 percent.',
      '--a1',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>The figures are <b>up by 4 percent</b>.</p><script>window.pwned = 4</script>',
      '--a1--',
      '--m1',
      'Content-Type: application/pdf; name="report.pdf"',
      'Content-Disposition: attachment; filename="report.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      report.toString('base64'),
      '--m1--',
      '',
    ].join('\r\n');
    const { friend, friendClient, page, pageErrors } = await myAppAndAFriend(mode, figures);
    await page.getByRole('listbox', { name: 'Messages in Inbox' }).getByRole('option', { name: /Quarter figures/ }).click({ timeout: 20_000 });
    await page.getByRole('article', { name: 'Message' }).locator('iframe[title="Message content"]').waitFor({ timeout: 20_000 });
    await page.getByRole('toolbar', { name: 'Message actions' }).getByRole('button', { name: 'Forward', exact: true }).click();

    const box = composer(page);
    expect(await box.getByRole('group', { name: 'Format' }).getByRole('button', { name: 'Rich text' }).getAttribute('aria-pressed')).toBe('true');
    const body = box.getByRole('textbox', { name: 'Message' });
    await expect.poll(() => body.locator('strong').first().textContent(), { timeout: 15_000 }).toBe('up by 4 percent');
    expect(await body.textContent()).toContain('---------- Forwarded message ----------');
    expect(await body.innerHTML()).not.toContain('pwned');
    expect(await box.getByText('The original’s attachments are forwarded too.').count()).toBe(1);
    await box.getByLabel('To', { exact: true }).fill(friend.address);
    await body.press('Control+Home');
    await body.pressSequentially('For the meeting.');
    await box.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => composer(page).count(), { timeout: 20_000 }).toBe(0);

    const arrived = await arrivedMessage(friendClient, 'INBOX', 'Fwd: Quarter figures');
    expect(arrived.text).toMatch(/^For the meeting\./);
    expect(arrived.text).toContain('---------- Forwarded message ----------');
    expect(arrived.text).toContain('The figures are up by 4 percent.');
    expect(arrived.html).toMatch(/For the meeting\..*<strong>up by 4 percent<\/strong>/s);
    expect(arrived.html).not.toContain('pwned');
    expect(arrived.attachments.map((a) => [a.filename, a.contentType, a.content.equals(report)])).toEqual([['report.pdf', 'application/pdf', true]]);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(pageErrors).toEqual([]);
  });
});

describe('rich-text composer, the send key and Undo send', () => {
  const chooseDelay = async (page: Page, label: string): Promise<void> => {
    await page.getByRole('button', { name: 'Preferences…' }).click();
    const preferences = page.getByRole('dialog', { name: 'Preferences' });
    await expect.poll(() => preferences.getByLabel('Undo send').isEnabled(), { timeout: 15_000 }).toBe(true);
    await preferences.getByLabel('Undo send').selectOption({ label });
    await preferences.getByRole('button', { name: 'Close' }).click();
  };

  it('a reply opened in rich text and left untouched closes on Escape without asking, once the editor has the focus', async () => {
    const me = await createUser(servers);
    const html = '<p>High water at noon.</p><p><a href="https://example.org/tides" target="_blank">tide table</a> here</p>';
    const tides = [`From: Port <port@example.test>`, `To: ${me.address}`, 'Subject: Tide table', `Date: ${new Date().toUTCString().replace(/GMT$/, '+0000')}`, `Message-ID: <tides-${Date.now()}@example.test>`, 'MIME-Version: 1.0', 'Content-Type: text/html; charset=utf-8', '', html, ''].join('\r\n');
    await seedMessages(servers, me, 'INBOX', [{ raw: Buffer.from(tides) }]);
    const { page, pageErrors } = await openApp(e2e.browser, e2e.cleanups, (options) => e2e.newContextAsShipped(options));
    await addAccountThroughForm(page, servers, me, 'imap');
    await page.getByRole('listbox', { name: 'Messages in Inbox' }).getByRole('option', { name: /Tide table/ }).click({ timeout: 20_000 });
    // Once its text is here (the body is fetched when opened): a reply then quotes its HTML.
    await page.getByRole('article', { name: 'Message' }).locator('iframe[title="Message content"]').waitFor({ timeout: 20_000 });
    await page.getByRole('toolbar', { name: 'Message actions' }).getByRole('button', { name: 'Reply', exact: true }).click();
    const body = composer(page).getByRole('textbox', { name: 'Message' });
    await expect.poll(() => body.locator('blockquote').textContent(), { timeout: 15_000 }).toContain('High water at noon.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')), { timeout: 15_000 }).toBe('Message');
    await page.keyboard.press('Escape');
    await expect.poll(() => composer(page).count(), { timeout: 15_000 }).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('Undo brings a rich message back with its picture in place and only its file attached; Ctrl+Enter sends it as it stands, no line break added', async () => {
    const { friend, friendClient, page, pageErrors } = await myAppAndAFriend('imap');
    await chooseDelay(page, 'Wait 20 seconds before sending');

    const { box, body } = await richMessage(page, friend.address, 'Pier sketch');
    await body.pressSequentially('Meet at the pier.');
    await box.getByLabel('Image to insert').setInputFiles({ name: 'pier.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => body.locator('img').count(), { timeout: 15_000 }).toBe(1);
    await box.getByLabel('Attach files').setInputFiles({ name: 'pier.txt', mimeType: 'text/plain', buffer: Buffer.from('north pier') });
    await expect.poll(() => box.getByRole('list', { name: 'Attached files' }).getByRole('listitem').count(), { timeout: 15_000 }).toBe(1);
    await body.press('Control+Enter');
    await expect.poll(() => composer(page).count(), { timeout: 15_000 }).toBe(0);
    const sending = page.getByRole('group', { name: 'Sending' });
    await expect.poll(() => sending.textContent(), { timeout: 15_000 }).toMatch(/^Sending “Pier sketch” in/);

    // Taken back: the picture in the text (not a file, not a broken cid: reference), the file attached, once each.
    await sending.getByRole('button', { name: 'Undo' }).click();
    const again = composer(page).getByRole('textbox', { name: 'Message' });
    await expect.poll(() => again.textContent(), { timeout: 15_000 }).toBe('Meet at the pier.');
    expect(await again.locator('img').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await composer(page).getByRole('list', { name: 'Attached files' }).getByRole('listitem').allTextContents()).toEqual([expect.stringContaining('pier.txt')]);
    await composer(page).getByRole('button', { name: 'Discard' }).click();
    await composer(page).getByRole('button', { name: 'Discard changes? Click again' }).click();
    await expect.poll(() => composer(page).count(), { timeout: 15_000 }).toBe(0);

    // Ctrl+Enter in the text sends; the editor's own Ctrl+Enter (a line break) does not end up in what is sent.
    await chooseDelay(page, 'Off: send at once');
    const note = await richMessage(page, friend.address, 'Quick note');
    await note.body.pressSequentially('See you there.');
    await note.body.press('Control+Enter');
    await expect.poll(() => composer(page).count(), { timeout: 20_000 }).toBe(0);
    const arrived = await arrivedMessage(friendClient, 'INBOX', 'Quick note');
    expect(arrived.text?.trim()).toBe('See you there.');
    expect(arrived.html).not.toContain('<br');
    expect(pageErrors).toEqual([]);
  });});

describe.each(['imap', 'pop3'] as const)('rich-text composer, the size of what is sent, %s account', (mode) => {
  it('a large picture in the text counts in the size warning, and the server’s limit holds; without it the message goes', async () => {
    const { friend, friendClient, page, pageErrors } = await myAppAndAFriend(mode);

    // 8 MB of picture: about 11 MB as sent (base64), over the test server's 10 MB, with no file attached.
    const { box, body } = await richMessage(page, friend.address, 'Harbour panorama');
    await body.pressSequentially('The panorama:');
    await body.press('Enter');
    await box.getByLabel('Image to insert').setInputFiles({ name: 'panorama.png', mimeType: 'image/png', buffer: Buffer.alloc(8 * 1024 * 1024, 3) });
    await expect.poll(() => body.locator('img').count(), { timeout: 15_000 }).toBe(1);
    const warnings = box.getByRole('status', { name: 'Before sending' });
    await expect.poll(() => warnings.textContent(), { timeout: 15_000 }).toMatch(/^About 11 MB as sent: 127\.0\.0\.1 takes at most 10 MB\. Remove a picture or an attachment, or share a link instead\.$/);
    await box.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => box.getByRole('alert').textContent(), { timeout: 15_000 }).toMatch(/This message is 11 MB as sent; 127\.0\.0\.1 takes at most 10 MB/);

    // The picture removed: the warning goes and the words are sent.
    await body.locator('img').click();
    await body.press('Delete');
    await expect.poll(() => body.locator('img').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => warnings.count(), { timeout: 15_000 }).toBe(0);
    await box.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => composer(page).count(), { timeout: 20_000 }).toBe(0);
    const arrived = await arrivedMessage(friendClient, 'INBOX', 'Harbour panorama');
    expect(arrived.text?.trim()).toBe('The panorama:');
    expect(arrived.attachments).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

describe.each(['imap', 'pop3'] as const)('rich-text composer, every format of the toolbar, %s account', (mode) => {
  it('a heading, italic, underline, a colour and a quote are sent as HTML and read in the text part', async () => {
    const { friend, friendClient, page, pageErrors } = await myAppAndAFriend(mode);

    const { box, body } = await richMessage(page, friend.address, 'Formats');
    const tool = (name: string): Locator => box.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name, exact: true });
    await tool('Heading').click();
    await body.pressSequentially('Agenda');
    await body.press('Enter');
    await body.press('Control+i');
    await body.pressSequentially('slanted');
    await body.press('Control+i');
    await body.pressSequentially(' and ');
    await body.press('Control+u');
    await body.pressSequentially('underlined');
    await body.press('Control+u');
    await body.press('Enter');
    await box.getByLabel('Text colour').fill('#c00000');
    await body.pressSequentially('red words');
    await body.press('Enter');
    await tool('Quote').click();
    await body.pressSequentially('a quoted line');
    await expect.poll(() => body.locator('blockquote').textContent()).toBe('a quoted line');

    await box.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => composer(page).count(), { timeout: 20_000 }).toBe(0);
    const arrived = await arrivedMessage(friendClient, 'INBOX', 'Formats');
    expect(arrived.html).toMatch(/<h2[^>]*>Agenda<\/h2>/);
    expect(arrived.html).toContain('<em>slanted</em> and <u>underlined</u>');
    expect(arrived.html).toMatch(/<span style="color: ?(#c00000|rgb\(192, 0, 0\));?">red words<\/span>/);
    expect(arrived.html).toMatch(/<blockquote[^>]*>(?:(?!<\/blockquote>).)*a quoted line/s);
    expect(arrived.text).toContain('Agenda');
    expect(arrived.text).toContain('slanted and underlined');
    expect(arrived.text).toContain('red words');
    expect(arrived.text).toMatch(/^> a quoted line$/m);
    expect(pageErrors).toEqual([]);
  });
});
