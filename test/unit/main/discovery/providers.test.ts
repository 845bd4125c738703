import { isIP } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isWithin, oauthProviderForHost, providerForDomain, providerForMx, PROVIDERS } from '../../../../main/discovery/providers';
import { isUsableHost } from '../../../../main/discovery/proposal';

const HOST = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

describe('the provider table', () => {
  it.each(PROVIDERS.map((provider) => [provider.name, provider] as const))('%s has a complete, well-formed entry', (_name, provider) => {
    expect(provider.name.trim()).not.toBe('');
    expect(provider.domains.length).toBeGreaterThan(0);
    expect(provider.mxSuffixes.length).toBeGreaterThan(0);
    for (const domain of [...provider.domains, ...provider.mxSuffixes]) expect(domain).toMatch(HOST);
    expect(provider.imap ?? provider.pop3).not.toBeNull();
    for (const server of [provider.imap, provider.pop3, provider.smtp]) {
      if (!server) continue;
      expect(server.host === '127.0.0.1' || HOST.test(server.host), server.host).toBe(true);
      expect(isUsableHost(server.host)).toBe(true);
      expect(Number.isInteger(server.port) && server.port > 0 && server.port < 65_536).toBe(true);
      // Only Proton's Bridge, on this computer, is reached without TLS from the first byte or STARTTLS.
      expect(['tls', 'starttls']).toContain(server.security);
      expect(['address', 'local-part']).toContain(server.login);
      if (server.security === 'tls') expect([993, 995, 465]).toContain(server.port);
    }
    expect([null, 'google', 'microsoft']).toContain(provider.oauthProvider);
    if (provider.oauthProvider !== null) expect(provider.passwordNote).toBeUndefined();
  });

  it('names no domain and no MX suffix twice', () => {
    const domains = PROVIDERS.flatMap((provider) => provider.domains);
    expect(new Set(domains).size).toBe(domains.length);
    const suffixes = PROVIDERS.flatMap((provider) => provider.mxSuffixes);
    expect(new Set(suffixes).size).toBe(suffixes.length);
    expect(new Set(PROVIDERS.map((provider) => provider.name)).size).toBe(PROVIDERS.length);
  });

  it('has the providers issue 14 names', () => {
    const expected = {
      'gmail.com': 'Gmail', 'outlook.com': 'Outlook.com', 'hotmail.com': 'Outlook.com', 'contoso.onmicrosoft.com': 'Microsoft 365',
      'yahoo.com': 'Yahoo', 'icloud.com': 'iCloud', 'aol.com': 'AOL', 'gmx.de': 'GMX', 'web.de': 'WEB.DE', 'fastmail.com': 'Fastmail',
      'zoho.com': 'Zoho Mail', 'mailbox.org': 'mailbox.org', 'posteo.de': 'Posteo', 'yandex.ru': 'Yandex Mail', 'mail.ru': 'Mail.ru',
      'proton.me': 'Proton Mail (through Proton Mail Bridge)', 't-online.de': 'Telekom (T-Online)', 'orange.fr': 'Orange', 'libero.it': 'Libero Mail',
    };
    for (const [domain, name] of Object.entries(expected)) expect(providerForDomain(domain)?.name, domain).toBe(name);
  });

  it('wants OAuth2 for Google and Microsoft, and says what password the others want where it is not the usual one', () => {
    expect(providerForDomain('googlemail.com')?.oauthProvider).toBe('google');
    expect(providerForDomain('live.com')?.oauthProvider).toBe('microsoft');
    expect(providerForDomain('msn.com')?.oauthProvider).toBe('microsoft');
    expect(providerForDomain('yahoo.co.uk')?.oauthProvider).toBeNull();
    expect(providerForDomain('yahoo.co.uk')?.passwordNote).toEqual({ kind: 'appPassword', place: 'yahoo' });
    expect(providerForDomain('me.com')?.imap?.login).toBe('local-part');
    expect(providerForDomain('me.com')?.smtp.login).toBe('address');
  });

  it('runs Proton through its Bridge on this computer, on the Bridge ports, with STARTTLS', () => {
    const proton = providerForDomain('pm.me');
    expect(proton?.imap).toMatchObject({ host: '127.0.0.1', port: 1143, security: 'starttls' });
    expect(proton?.smtp).toMatchObject({ host: '127.0.0.1', port: 1025, security: 'starttls' });
    expect(isIP(proton!.imap!.host)).toBe(4);
  });

  it('matches whole labels only', () => {
    expect(providerForDomain('notgmail.com')).toBeNull();
    expect(providerForDomain('gmail.com.evil.test')).toBeNull();
    expect(isWithin('IMAP.Example.COM.', 'example.com')).toBe(true);
    expect(isWithin('badexample.com', 'example.com')).toBe(false);
  });

  it('recognises a company domain by its MX hosts, the most preferred first', () => {
    expect(providerForMx(['aspmx.l.google.com', 'alt1.aspmx.l.google.com'])).toMatchObject({ provider: { name: 'Gmail', hostedName: 'Google Workspace' }, mxHost: 'aspmx.l.google.com' });
    expect(providerForMx(['company-test.mail.protection.outlook.com'])?.provider.name).toBe('Microsoft 365');
    expect(providerForMx(['outlook-com.olc.protection.outlook.com'])?.provider.name).toBe('Outlook.com');
    expect(providerForMx(['mx.own-server.test', 'in1-smtp.messagingengine.com'])).toMatchObject({ provider: { name: 'Fastmail' }, mxHost: 'in1-smtp.messagingengine.com' });
    expect(providerForMx(['mx.google.com.evil.test'])).toBeNull();
    expect(providerForMx([])).toBeNull();
  });

  it('knows whose OAuth2 an autoconfig server host is', () => {
    expect(oauthProviderForHost('imap.gmail.com')).toBe('google');
    expect(oauthProviderForHost('SMTP.office365.com')).toBe('microsoft');
    expect(oauthProviderForHost('imap.example.test')).toBeNull();
    expect(oauthProviderForHost('imap.mail.yahoo.com')).toBeNull();
  });
});
