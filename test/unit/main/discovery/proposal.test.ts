import { describe, expect, it } from 'vitest';
import type { DiscoveredSettings } from '../../../../common/model/discovery';
import { foundServersEnglish } from '../../../../common/model/discovery-notes';
import { addressDomain, foundServers, isComplete, isUsableHost, otherDomainWarning, plaintextWarnings } from '../../../../main/discovery/proposal';

const endpoint = (host: string, security: 'tls' | 'starttls' | 'none' = 'tls', port = 993) => ({ host, port, security, user: 'u' });

describe('addressDomain', () => {
  it.each([
    ['jo@Example.COM', 'example.com'],
    ['jo@example.com.', 'example.com'],
    ['"a@b"@example.org', 'example.org'],
    ['jo@bücher.example', 'xn--bcher-kva.example'],
    ['jo@localhost', 'localhost'],
  ])('%s → %s', (address, domain) => expect(addressDomain(address)).toBe(domain));

  it.each(['jo@[192.0.2.1]', 'jo@192.0.2.1', 'jo@', 'jo@exa mple.com', 'jo@example.com/evil', 'jo@-bad-.com', 'jo@a..b', `jo@${'a'.repeat(64)}.com`, 'jo@host.com:993'])('refuses %s', (address) => {
    expect(addressDomain(address)).toBeNull();
  });
});

describe('what a proposal says about itself', () => {
  const settings = (overrides: Partial<DiscoveredSettings>): DiscoveredSettings => ({
    source: 'srv', foundWhere: '', foundWhereWords: { kind: 'srv', domain: 'example.com' }, providerName: null, imap: endpoint('imap.example.com'), pop3: null, smtp: endpoint('smtp.example.com', 'tls', 465), oauthProvider: null, warnings: [], ...overrides,
  });

  it('is complete with an incoming and a sending server, all with TLS', () => {
    expect(isComplete(settings({}))).toBe(true);
    expect(isComplete(settings({ smtp: null }))).toBe(false);
    expect(isComplete(settings({ imap: null }))).toBe(false);
    expect(isComplete(settings({ imap: null, pop3: endpoint('pop.example.com', 'starttls', 110) }))).toBe(true);
    expect(isComplete(settings({ smtp: endpoint('smtp.example.com', 'none', 25) }))).toBe(false);
  });

  it('warns per plain-text server and once for servers outside the domain', () => {
    const plain = settings({ imap: endpoint('imap.example.com', 'none', 143), smtp: endpoint('mail.hoster.net', 'tls', 465) });
    expect(plaintextWarnings(plain).map((warning) => warning.text)).toEqual(['The IMAP server at imap.example.com, port 143 has no encryption: your password and mail would cross the network readable by anyone on the way.']);
    expect(otherDomainWarning(plain, 'example.com', 'srv')).toEqual([
      {
        kind: 'other-domain',
        text: expect.stringMatching(/^Servers named in example\.com’s DNS service records are outside example\.com: mail\.hoster\.net\./) as unknown,
        words: { kind: 'outsideDomain', namedIn: 'srv', domain: 'example.com', hosts: ['mail.hoster.net'] },
      },
    ]);
    expect(otherDomainWarning(settings({}), 'example.com', 'srv')).toEqual([]);
    expect(otherDomainWarning(settings({ imap: endpoint('imap.notexample.com') }), 'example.com', 'autoconfig')).toHaveLength(1);
  });

  it('describes the servers as the issue words it', () => {
    expect(foundServersEnglish(foundServers(settings({})))).toBe('IMAP at imap.example.com, port 993, TLS; sending at smtp.example.com, port 465, TLS');
  });

  it('accepts host names and addresses, and nothing else', () => {
    for (const host of ['imap.example.com', '127.0.0.1', 'localhost', '::1']) expect(isUsableHost(host)).toBe(true);
    for (const host of ['imap.%EMAILDOMAIN%', 'a b.com', 'x/y', '', 'évil.com']) expect(isUsableHost(host)).toBe(false);
  });
});
