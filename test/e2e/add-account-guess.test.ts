import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createUser, makeMessage, seedMessages } from '../servers';
import { startDiscoveryServers, type DiscoveryServers } from '../servers/discovery';
import { sharedBrowser } from '../support/e2e-browser';
import { startHarnessProcess } from '../support/harness-process';

// Issue 14, discovery's last step alone in the form: nothing published, so Porthole guesses the usual
// names and keeps only servers that greet right with a certificate that verifies. The Dovecot test
// certificate names only localhost, so the address's domain is localhost (the test DNS answers it;
// the standard ports are mapped to the test servers' ports).
const servers = inject('servers');
const e2e = sharedBrowser('add-account-guess');

describe('adding an account whose servers are found by guessing, in Chromium through the web harness', () => {
  let discovery: DiscoveryServers;
  beforeAll(async () => {
    discovery = await startDiscoveryServers({ mailServers: servers });
  });
  afterAll(async () => {
    await discovery?.stop();
  });

  it('nothing published: the usual names are tried, the servers that answered with TLS are shown in words, and the account works', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', [{ raw: makeMessage({ subject: 'Found by guessing' }) }]);
    discovery.dns.set('localhost', { A: ['127.0.0.1'] });
    const harness = await startHarnessProcess(undefined, [], discovery.env);
    e2e.cleanups.push(() => harness.stop());
    const { page, pageErrors } = await e2e.openPage(harness.url);

    const address = `${user.user}@localhost`;
    await page.getByLabel('Your name').fill('Gus Guess');
    await page.getByLabel('Email address').fill(address);
    await page.getByLabel('Email address').press('Enter');

    const sentence = page.getByTestId('found-sentence');
    await expect.poll(() => sentence.textContent(), { timeout: 30_000 }).toBe(`IMAP at localhost, port ${servers.imap.tlsPort}, TLS; sending at localhost, port ${servers.smtp.tlsPort}, TLS — found by trying the usual server names`);
    // Both incoming kinds answered: the choice is offered.
    expect(await page.getByRole('radio', { name: /^POP — / }).count()).toBe(1);
    // No warning: the servers are in the address's own domain and encrypted.
    expect(await page.locator('.setup-warning input[type=checkbox]').count()).toBe(0);

    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Check and add account' }).click();
    await expect.poll(() => page.getByTestId('certificate-fingerprint').textContent(), { timeout: 20_000 }).toBe(servers.certificate.fingerprint256);
    await page.getByRole('button', { name: 'Trust this certificate for this account' }).click();
    await expect.poll(() => page.getByRole('region', { name: `Account ${address}` }).count(), { timeout: 20_000 }).toBe(1);
    const list = page.getByRole('listbox', { name: 'Messages in Inbox' });
    await expect.poll(() => list.getByRole('option').first().getAttribute('aria-label'), { timeout: 20_000 }).toContain('Found by guessing');
    expect(pageErrors).toEqual([]);
  });
});
