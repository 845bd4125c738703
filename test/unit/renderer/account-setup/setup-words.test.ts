import { describe, expect, it } from 'vitest';
import type { DiscoveredSettings } from '../../../../common/model/discovery';
import { discoveryWarning } from '../../../../main/discovery/proposal';
import { foundWhereText } from '../../../../renderer/features/account-setup/discovery-words';
import { currentWarnings, describeSettings, describeStep, domainOf, offeredModes, passwordNoteOf, sameEndpoint } from '../../../../renderer/features/account-setup/setup-words';

const found: DiscoveredSettings = {
  source: 'autoconfig',
  foundWhere: 'in example.com’s published settings (autoconfig)',
  foundWhereWords: { kind: 'autoconfig', domain: 'example.com' },
  providerName: null,
  imap: { host: 'imap.example.com', port: 993, security: 'tls', user: 'ann@example.com' },
  pop3: null,
  smtp: { host: 'smtp.example.com', port: 465, security: 'tls', user: 'ann@example.com' },
  oauthProvider: null,
  warnings: [],
};

describe('the account setup in words', () => {
  it('says what was found in one sentence, as the issue words it', () => {
    expect(describeSettings('imap', found.imap, found.smtp, foundWhereText(found.foundWhereWords))).toBe(
      'IMAP at imap.example.com, port 993, TLS; sending at smtp.example.com, port 465, TLS — found in example.com’s published settings (autoconfig)',
    );
  });

  it('says when the user changed the proposal, and names a missing or unencrypted server', () => {
    const plain = { host: 'mail.example.com', port: 110, security: 'none' as const, user: 'ann' };
    expect(describeSettings('pop3', plain, null, null)).toBe('POP at mail.example.com, port 110, unencrypted; no sending server yet — as you changed them');
  });

  it('offers IMAP before POP, and only what was found', () => {
    expect(offeredModes(found)).toEqual(['imap']);
    expect(offeredModes({ ...found, pop3: { host: 'pop.example.com', port: 995, security: 'tls', user: 'ann' } })).toEqual(['imap', 'pop3']);
  });

  it('sees an edited field as a change, and the same values as none', () => {
    expect(sameEndpoint(found.imap, { ...found.imap! })).toBe(true);
    expect(sameEndpoint(found.imap, { ...found.imap!, port: 143 })).toBe(false);
    expect(sameEndpoint(found.imap, null)).toBe(false);
  });

  it('takes the domain after the last @, lower case', () => {
    expect(domainOf('"a@b"@Example.COM ')).toBe('example.com');
    expect(domainOf('ann')).toBe('');
  });

  it('tells each step of the chain in words, with its time', () => {
    expect(describeStep({ source: 'srv', outcome: 'timeout', detail: 'Stopped waiting after 1.5 s.', notes: [{ kind: 'stoppedWaiting', ms: 1500 }], ms: 1500.4 })).toEqual({
      source: 'DNS service records (RFC 6186)',
      outcome: 'no answer in time',
      detail: 'Stopped waiting after 1.5 s. (1500 ms)',
    });
  });

  it('warns of an unencrypted server whatever proposed it, in discovery’s words when it has some', () => {
    const plainImap = { ...found.imap!, security: 'none' as const, port: 143 };
    expect(currentWarnings(null, plainImap, found.smtp!)).toEqual([{ kind: 'plaintext', text: 'imap.example.com would get your password and mail without encryption: anyone on the network could read them.' }]);
    const worded = { ...found, imap: plainImap, warnings: [discoveryWarning('plaintext', { kind: 'plaintext', service: 'imap', host: 'imap.example.com', port: 143 })] };
    expect(currentWarnings(worded, plainImap, found.smtp!)).toEqual([
      { kind: 'plaintext', text: 'The IMAP server at imap.example.com, port 143 has no encryption: your password and mail would cross the network readable by anyone on the way.' },
    ]);
    expect(currentWarnings(null, found.imap!, found.smtp!)).toEqual([]);
  });

  it('warns of another domain’s servers only while one of them is still used', () => {
    const other = { ...found, warnings: [discoveryWarning('other-domain', { kind: 'outsideDomain', namedIn: 'autoconfig', domain: 'example.com', hosts: ['imap.example.com'] })] };
    expect(currentWarnings(other, found.imap!, found.smtp!).map((w) => w.kind)).toEqual(['other-domain']);
    expect(currentWarnings(other, { ...found.imap!, host: 'imap.mine.test' }, found.smtp!).map((w) => w.kind)).toEqual(['other-domain']);
    expect(currentWarnings(other, { ...found.imap!, host: 'imap.mine.test' }, { ...found.smtp!, host: 'smtp.mine.test' })).toEqual([]);
    // Discovery's other kinds are notes, not ticks.
    expect(currentWarnings({ ...found, warnings: [discoveryWarning('oauth-unknown', { kind: 'oauthUnknown', host: 'imap.example.com' })] }, found.imap!, found.smtp!)).toEqual([]);
  });

  it('says a password note from its values, else discovery’s words when they are words', () => {
    expect(passwordNoteOf({ ...found, passwordNote: 'English.', passwordNoteWords: { kind: 'telekom' } })).toBe(
      'Use the e-mail password set in the Telekom customer centre (not the Telekom login password).',
    );
    expect(passwordNoteOf({ ...found, passwordNote: 'An app password from your Yahoo account.' })).toBe('An app password from your Yahoo account.');
    expect(passwordNoteOf({ ...found, passwordNote: '  ' })).toBeNull();
    expect(passwordNoteOf(null)).toBeNull();
  });
});
