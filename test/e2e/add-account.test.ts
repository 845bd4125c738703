import type { Page } from 'playwright';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createUser, makeMessage, seedMessages, type MailUser } from '../servers';
import { autoconfigXml, startDiscoveryServers, type DiscoveryServers } from '../servers/discovery';
import { sharedBrowser } from '../support/e2e-browser';
import { addAccountThroughForm } from './device-ui';
import { startHarnessProcess } from '../support/harness-process';

const servers = inject('servers');
const e2e = sharedBrowser('add-account');
const { cleanups } = e2e;

/** The harness in Chromium; `env` is what the harness process reads its test settings from (PORTHOLE_TEST_DNS …). */
async function openApp(env: Record<string, string> = {}): Promise<{ page: Page; pageErrors: string[] }> {
  const harness = await startHarnessProcess(undefined, [], env);
  cleanups.push(() => harness.stop());
  return e2e.openPage(harness.url);
}

/** The self-signed test certificate is shown; the person checks it and trusts it. */
async function trustTestCertificate(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('certificate-fingerprint').textContent(), { timeout: 20_000 }).toBe(servers.certificate.fingerprint256);
  await page.getByRole('button', { name: 'Trust this certificate for this account' }).click();
}

async function expectInboxListed(page: Page, user: MailUser, subject: string): Promise<void> {
  await expect.poll(() => page.getByRole('region', { name: `Account ${user.address}` }).count(), { timeout: 20_000 }).toBe(1);
  const list = page.getByRole('listbox', { name: 'Messages in Inbox' });
  await expect.poll(() => list.getByRole('option').first().getAttribute('aria-label'), { timeout: 20_000 }).toContain(subject);
}

describe('adding an account in one step, in Chromium through the web harness', () => {
  it('configured by hand: the address first, then "Configure manually" opens the empty fields; Enter adds the account and its mail is listed', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', [{ raw: makeMessage({ subject: 'Typed by hand' }) }]);
    const { page, pageErrors } = await openApp();

    // The first step asks only who and which address; focus is in the first field.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('account-name');
    expect(await page.locator('#incoming-password').count()).toBe(0);
    await page.keyboard.type('Manu Manual');
    await page.getByLabel('Email address').fill(user.address);
    await page.getByRole('button', { name: 'Configure manually' }).click();

    // No guess: the servers are empty, the user name is the address, focus is on the first server.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('incoming-host');
    expect(await page.locator('#smtp-host').inputValue()).toBe('');
    expect(await page.locator('#incoming-user').inputValue()).toBe(user.address);
    await page.locator('#incoming-host').fill('127.0.0.1');
    await page.locator('#incoming-port').fill(String(servers.imap.tlsPort));
    await page.locator('#incoming-user').fill(user.user);
    await page.locator('#smtp-host').fill('127.0.0.1');
    await page.locator('#smtp-port').fill(String(servers.smtp.tlsPort));
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await expect.poll(() => page.locator('#password-goes-to').textContent()).toBe('Sent only to 127.0.0.1, when you add the account.');
    await page.getByLabel('Password', { exact: true }).press('Enter');
    await trustTestCertificate(page);
    await expectInboxListed(page, user, 'Typed by hand');
    expect(pageErrors).toEqual([]);
  });

  it('a server without encryption is added only after its warning is ticked', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', [{ raw: makeMessage({ subject: 'Over plain IMAP' }) }]);
    const { page, pageErrors } = await openApp();
    await page.getByLabel('Email address').fill(user.address);
    await page.getByRole('button', { name: 'Configure manually' }).click();
    await page.locator('#incoming-host').fill('127.0.0.1');
    await page.locator('#incoming-security').selectOption('none');
    await page.locator('#incoming-port').fill(String(servers.imap.starttlsPort));
    await page.locator('#incoming-user').fill(user.user);
    await page.locator('#smtp-host').fill('127.0.0.1');
    await page.locator('#smtp-port').fill(String(servers.smtp.tlsPort));
    await page.getByLabel('Password', { exact: true }).fill(user.password);

    const warning = page.locator('[data-warning="plaintext"]');
    await expect.poll(() => warning.textContent()).toContain('127.0.0.1 would get your password and mail without encryption');
    const tick = warning.getByRole('checkbox', { name: 'I understand: use these servers without encryption.' });
    // Unticked, the form does not submit: the browser points at the tick instead.
    await page.getByRole('button', { name: 'Check and add account' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-warning]')?.getAttribute('data-warning'))).toBe('plaintext');
    expect(await tick.evaluate((box: HTMLInputElement) => box.validity.valueMissing)).toBe(true);
    expect(await page.getByRole('button', { name: 'Checking the login…' }).count()).toBe(0);

    await tick.check();
    await page.getByRole('button', { name: 'Check and add account' }).click();
    // Only SMTP has a certificate to trust here.
    await trustTestCertificate(page);
    await expectInboxListed(page, user, 'Over plain IMAP');
    expect(pageErrors).toEqual([]);
  });

  it('focus follows the next thing to do; the added account’s Inbox opens; an address already set up is said on the first step', async () => {
    const first = await createUser(servers);
    const second = await createUser(servers);
    await seedMessages(servers, first, 'INBOX', [{ raw: makeMessage({ subject: 'In the first account' }) }]);
    await seedMessages(servers, second, 'INBOX', [{ raw: makeMessage({ subject: 'In the second account' }) }]);
    const { page, pageErrors } = await openApp();
    const activeId = (): Promise<string | undefined> => page.evaluate(() => document.activeElement?.id);

    // A wrong password: the certificate card comes first and takes the focus, in words, its fingerprint once.
    await page.getByLabel('Email address').fill(first.address);
    await page.getByRole('button', { name: 'Configure manually' }).click();
    await page.locator('#incoming-host').fill('127.0.0.1');
    await page.locator('#incoming-port').fill(String(servers.imap.tlsPort));
    await page.locator('#incoming-user').fill(first.user);
    await page.locator('#smtp-host').fill('127.0.0.1');
    await page.locator('#smtp-port').fill(String(servers.smtp.tlsPort));
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Check and add account' }).click();
    await expect.poll(activeId, { timeout: 20_000 }).toBe('certificate-heading');
    expect(await page.getByText(servers.certificate.fingerprint256).count()).toBe(1);
    expect(await page.locator('.certificate').textContent()).not.toMatch(/_CERT|Reason/);
    await page.getByRole('button', { name: 'Trust this certificate for this account' }).click();
    // Refused: back in the password field, to type it again.
    await expect.poll(() => page.locator('[data-error-code="AUTH_FAILED"]').count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(activeId).toBe('incoming-password');
    await page.locator('#incoming-password').fill(first.password);
    await page.keyboard.press('Enter');
    await expectInboxListed(page, first, 'In the first account');
    // The new account's message list has the focus.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Messages in Inbox');

    // Adding another: no sandbox offer this time; the same address is said at once and goes no further.
    await page.getByRole('button', { name: 'Add account' }).click();
    expect(await page.getByRole('region', { name: 'New to Porthole? Try it with the sandbox' }).count()).toBe(0);
    await page.getByLabel('Email address').fill(first.address.toUpperCase());
    await expect.poll(() => page.getByTestId('already-set-up').textContent()).toContain('is already set up on this computer');
    await page.getByRole('button', { name: 'Configure manually' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.locator('#incoming-host').count()).toBe(0);
    expect(await page.getByRole('status').filter({ hasText: 'Looking up settings' }).count()).toBe(0);
    // An address whose domain has no dot is not looked up either.
    await page.getByLabel('Email address').fill('you@example');
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.getByLabel('Email address').evaluate((field: HTMLInputElement) => field.validationMessage)).toContain('needs a dot');
    expect(await page.locator('form[data-step="address"]').count()).toBe(1);
    // Cancel: back on the button that opened the form.
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Add account');

    // A second account: its own Inbox opens, not the first one's.
    await page.keyboard.press('Enter');
    await addAccountThroughForm(page, servers, second, 'imap');
    await expectInboxListed(page, second, 'In the second account');
    expect(pageErrors).toEqual([]);
  });
});

/** Fills the first step and continues: discovery runs against the test DNS and HTTPS servers. */
async function lookUp(page: Page, user: MailUser): Promise<void> {
  await page.getByLabel('Your name').fill('Disa Discovery');
  await page.getByLabel('Email address').fill(user.address);
  await page.getByLabel('Email address').press('Enter');
}

/** Ticks the other-domain warning when discovery gave one (the test servers are `localhost`, not the address's domain). */
async function acceptWarnings(page: Page): Promise<void> {
  for (const box of await page.locator('.setup-warning input[type=checkbox]').all()) await box.check();
}

describe('discovery in the account form, against a real DNS server and an HTTPS autoconfig server', () => {
  let discovery: DiscoveryServers;
  beforeAll(async () => {
    discovery = await startDiscoveryServers({ mailServers: servers });
  });
  afterAll(async () => {
    await discovery?.stop();
  });
  afterEach(() => discovery.clear());

  it('in German, "Wie wurde das gefunden?" says each step in German, hosts and ports as they are', async () => {
    const user = await createUser(servers);
    discovery.dns.set('localhost', { A: ['127.0.0.1'] });
    discovery.publishAutoconfig(
      'example.test',
      autoconfigXml({
        domain: 'example.test',
        incoming: [{ type: 'imap', host: 'localhost', port: servers.imap.tlsPort, socketType: 'SSL' }],
        outgoing: [{ host: 'localhost', port: servers.smtp.tlsPort, socketType: 'SSL' }],
      }),
    );
    const { page, pageErrors } = await openApp(discovery.env);
    await page.evaluate(() => localStorage.setItem('porthole.language', 'de'));
    await page.reload();
    await page.getByLabel('Ihr Name').fill('Disa Discovery');
    await page.getByLabel('E-Mail-Adresse').fill(user.address);
    await page.getByLabel('E-Mail-Adresse').press('Enter');
    await page.getByText('Wie wurde das gefunden?').click({ timeout: 30_000 });
    const found = page.locator('.discovery-steps li[data-outcome="found"]');
    await expect.poll(() => found.textContent(), { timeout: 30_000 }).toContain(
      `hat veröffentlicht: IMAP bei localhost, Port ${servers.imap.tlsPort}, TLS; Senden über localhost, Port ${servers.smtp.tlsPort}, TLS.`,
    );
    expect(await page.locator('.discovery-steps').textContent()).toContain('example.test steht nicht in der Liste');
    expect(await page.locator('.discovery-steps').textContent()).not.toMatch(/ published| answered| is not in the list/);
    expect(pageErrors).toEqual([]);
  });

  it('autoconfig: the published settings are shown in words before the password is asked for; POP or IMAP can be chosen; servers outside the domain wait for their warning to be ticked; the account works', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', [{ raw: makeMessage({ subject: 'Found by autoconfig' }) }]);
    discovery.dns.set('localhost', { A: ['127.0.0.1'] });
    discovery.publishAutoconfig(
      'example.test',
      autoconfigXml({
        domain: 'example.test',
        incoming: [
          { type: 'imap', host: 'localhost', port: servers.imap.tlsPort, socketType: 'SSL' },
          { type: 'pop3', host: 'localhost', port: servers.pop3.tlsPort, socketType: 'SSL' },
        ],
        outgoing: [{ host: 'localhost', port: servers.smtp.tlsPort, socketType: 'SSL' }],
      }),
    );
    const { page, pageErrors } = await openApp(discovery.env);
    await lookUp(page, user);

    const sentence = page.getByTestId('found-sentence');
    await expect.poll(() => sentence.textContent(), { timeout: 30_000 }).toMatch(
      new RegExp(`^IMAP at localhost, port ${servers.imap.tlsPort}, TLS; sending at localhost, port ${servers.smtp.tlsPort}, TLS — found .*example\\.test`),
    );
    // The password is asked for only now, with the hosts it will go to named under it, and has the focus.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('incoming-password');
    expect(await page.locator('#password-goes-to').textContent()).toBe('Sent only to localhost, when you add the account.');
    // Both ways of getting mail were published: each explained, and the sentence follows the choice.
    await page.getByRole('radio', { name: /^POP — / }).check();
    await expect.poll(() => sentence.textContent()).toMatch(new RegExp(`^POP at localhost, port ${servers.pop3.tlsPort}, TLS`));
    await page.getByRole('radio', { name: /^IMAP — / }).check();
    await page.getByText('How was this found?').click();
    await expect.poll(() => page.locator('.discovery-steps li[data-outcome="found"]').first().textContent()).toContain('autoconfig');

    // The servers are outside the address's domain: a warning says so, and until it is ticked the
    // browser stops the form there and the password goes nowhere.
    const otherDomain = page.locator('[data-warning="other-domain"]');
    expect(await otherDomain.textContent()).toMatch(/outside example\.test: localhost\. Save only if you expect example\.test’s mail to be handled there: they would receive your password\./);
    expect(await otherDomain.getByRole('checkbox').isChecked()).toBe(false);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Check and add account' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-warning]')?.getAttribute('data-warning'))).toBe('other-domain');
    expect(await page.getByRole('button', { name: 'Checking the login…' }).count()).toBe(0);

    await acceptWarnings(page);
    await page.getByLabel('Password', { exact: true }).press('Enter');
    await trustTestCertificate(page);
    await expectInboxListed(page, user, 'Found by autoconfig');
    expect(pageErrors).toEqual([]);
  });

  it('DNS SRV records (RFC 6186): found and shown; Edit settings changes a field before adding, and the sentence says so', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', [{ raw: makeMessage({ subject: 'Found by SRV' }) }]);
    discovery.dns.set('localhost', { A: ['127.0.0.1'] });
    discovery.dns.set('_imaps._tcp.example.test', { SRV: [{ target: 'localhost', port: servers.imap.tlsPort }] });
    discovery.dns.set('_submissions._tcp.example.test', { SRV: [{ target: 'localhost', port: servers.smtp.tlsPort }] });
    const { page, pageErrors } = await openApp(discovery.env);
    await lookUp(page, user);

    const sentence = page.getByTestId('found-sentence');
    await expect.poll(() => sentence.textContent(), { timeout: 30_000 }).toMatch(new RegExp(`^IMAP at localhost, port ${servers.imap.tlsPort}, TLS; sending at localhost, port ${servers.smtp.tlsPort}, TLS — found `));
    // Only IMAP was offered: no choice to make.
    expect(await page.getByRole('radio', { name: /^POP — / }).count()).toBe(0);

    await page.getByRole('button', { name: 'Edit settings' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('incoming-host');
    expect(await page.locator('#incoming-host').inputValue()).toBe('localhost');
    await page.locator('#incoming-user').fill(user.user);
    await expect.poll(() => sentence.textContent()).toMatch(/— as you changed them$/);

    await acceptWarnings(page);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Check and add account' }).click();
    await trustTestCertificate(page);
    await expectInboxListed(page, user, 'Found by SRV');
    expect(pageErrors).toEqual([]);
  });

  it('published settings without encryption: said in the sentence and in a warning that must be ticked before adding', async () => {
    const user = await createUser(servers);
    discovery.dns.set('localhost', { A: ['127.0.0.1'] });
    discovery.publishAutoconfig(
      'example.test',
      autoconfigXml({
        domain: 'example.test',
        incoming: [{ type: 'imap', host: 'localhost', port: servers.imap.starttlsPort, socketType: 'plain' }],
        outgoing: [{ host: 'localhost', port: servers.smtp.starttlsPort, socketType: 'plain' }],
      }),
    );
    const { page, pageErrors } = await openApp(discovery.env);
    await lookUp(page, user);
    await expect.poll(() => page.getByTestId('found-sentence').textContent(), { timeout: 30_000 }).toMatch(new RegExp(`^IMAP at localhost, port ${servers.imap.starttlsPort}, unencrypted;`));
    const tick = page.locator('[data-warning="plaintext"]').getByRole('checkbox');
    expect(await tick.isChecked()).toBe(false);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Check and add account' }).click();
    // The browser stops the form at the unticked warning: nothing was sent.
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-warning]')?.getAttribute('data-warning'))).toBe('plaintext');
    expect(await page.getByRole('button', { name: 'Checking the login…' }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('nothing found: the manual fields, with a sentence saying so and no guessed server; another domain or Back returns to the address', async () => {
    const user = await createUser(servers);
    const { page, pageErrors } = await openApp(discovery.env);
    await lookUp(page, user);
    await expect.poll(() => page.getByTestId('manual-reason').textContent(), { timeout: 30_000 }).toBe(
      'No settings were found for example.test. Type your provider’s servers below; their help pages list them.',
    );
    expect(await page.locator('#incoming-host').inputValue()).toBe('');
    expect(await page.locator('#smtp-host').inputValue()).toBe('');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('incoming-host');
    // Another domain is another lookup: the form goes back to Continue, and the caret stays in the address.
    await page.getByLabel('Email address').fill(`${user.user}@other.test`);
    await expect.poll(() => page.getByRole('button', { name: 'Continue' }).count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('account-address');
    expect(await page.locator('#incoming-host').count()).toBe(0);
    // Back from the settings returns to the address too, with the focus on the first field.
    await page.getByLabel('Email address').press('Enter');
    await expect.poll(() => page.getByTestId('manual-reason').textContent(), { timeout: 30_000 }).toContain('No settings were found for other.test');
    await page.getByRole('button', { name: '← Back' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('account-name');
    expect(pageErrors).toEqual([]);
  });

  it('an OAuth2 provider without a client id in this build: a clear sentence, and an app password instead', async () => {
    const { page, pageErrors } = await openApp(discovery.env);
    await page.getByLabel('Email address').fill('someone@gmail.com');
    await page.getByRole('button', { name: 'Continue' }).click();
    const refusal = page.locator('[data-error-code="OAUTH_NOT_CONFIGURED"]');
    await expect.poll(() => refusal.textContent(), { timeout: 30_000 }).toContain('This copy of Porthole is not set up to sign in with that provider');
    // Said in plain words, not as an error in red: the builder's pointer is a small line of its own.
    expect(await refusal.getAttribute('class')).not.toContain('error');
    expect(await page.getByText(/has no OAuth2 client id for Google/).count()).toBe(1);
    expect(await page.getByLabel('Password', { exact: true }).count()).toBe(0);
    await expect.poll(() => page.getByTestId('found-sentence').textContent()).toContain('IMAP at imap.gmail.com, port 993, TLS');
    await page.getByRole('button', { name: 'Use an app password instead' }).click();
    await expect.poll(() => page.getByLabel('Password', { exact: true }).count()).toBe(1);
    // The password field has the focus, and says what an app password is and where it is made.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('incoming-password');
    expect(await page.locator('#app-password-note').textContent()).toContain('security settings');
    expect(await page.locator('#password-goes-to').textContent()).toContain('imap.gmail.com');
    expect(pageErrors).toEqual([]);
  });
});
