import { describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../../../common/model/account';
import { changesSomething, formOf, hostsForSavedPassword, plaintextServers, updateOf } from '../../../../renderer/features/settings/account-changes';

const ACCOUNT: AccountSummary = {
  id: 'a1',
  displayName: 'Ann',
  address: 'ann@example.com',
  imap: { host: 'imap.example.com', port: 993, security: 'tls', user: 'ann' },
  pop3: null,
  smtp: { host: 'smtp.example.com', port: 465, security: 'tls', user: 'ann' },
  devices: [],
  trustedCertificates: [],
};
const NO_CONSENT = { savedPasswordTo: [], allowPlaintext: false, trustFingerprints: [] };

describe('the settings form → account:update', () => {
  it('an untouched form changes nothing; only what changed is sent', () => {
    expect(changesSomething(updateOf(ACCOUNT, formOf(ACCOUNT), NO_CONSENT))).toBe(false);
    const form = { ...formOf(ACCOUNT), displayName: ' Ann B ', imap: { ...ACCOUNT.imap!, port: 143, security: 'starttls' as const } };
    expect(updateOf(ACCOUNT, form, NO_CONSENT)).toEqual({ accountId: 'a1', displayName: 'Ann B', imap: form.imap });
    expect(updateOf(ACCOUNT, { ...formOf(ACCOUNT), smtpChoice: 'same' }, NO_CONSENT)).toEqual({ accountId: 'a1', smtpPassword: '' });
    expect(updateOf(ACCOUNT, { ...formOf(ACCOUNT), smtpChoice: 'new', smtpPassword: '' }, NO_CONSENT)).toEqual({ accountId: 'a1' });
  });

  it('asks about each changed host that would get the saved password, not when a password is typed for it', () => {
    const moved = { ...formOf(ACCOUNT), imap: { ...ACCOUNT.imap!, host: 'mail.other.example' }, smtp: { ...ACCOUNT.smtp, host: 'out.other.example' } };
    expect(hostsForSavedPassword(ACCOUNT, moved)).toEqual(['mail.other.example', 'out.other.example']);
    expect(hostsForSavedPassword(ACCOUNT, { ...moved, incomingPassword: 'typed' })).toEqual(['out.other.example']);
    expect(hostsForSavedPassword(ACCOUNT, { ...moved, incomingPassword: 'typed', smtpChoice: 'same' })).toEqual([]);
    expect(hostsForSavedPassword(ACCOUNT, { ...moved, smtpChoice: 'new', smtpPassword: 'x' })).toEqual(['mail.other.example']);
    // "Same as incoming" sends the incoming password to the SMTP host, where it may never have been.
    expect(hostsForSavedPassword(ACCOUNT, { ...formOf(ACCOUNT), smtpChoice: 'same' })).toEqual(['smtp.example.com']);
    expect(hostsForSavedPassword(ACCOUNT, { ...formOf(ACCOUNT), imap: { ...ACCOUNT.imap!, host: 'IMAP.example.com', port: 143 } })).toEqual([]);
  });

  it('an OAuth2 account: its sign-in goes to any of its own hosts, a new host is asked about', () => {
    const oauth = { ...ACCOUNT, auth: { kind: 'oauth2' as const, provider: 'google' } };
    expect(hostsForSavedPassword(oauth, { ...formOf(oauth), smtp: { ...ACCOUNT.smtp, host: 'imap.example.com' } })).toEqual([]);
    expect(hostsForSavedPassword(oauth, { ...formOf(oauth), imap: { ...ACCOUNT.imap!, host: 'imap.new.example' } })).toEqual(['imap.new.example']);
    expect(plaintextServers(oauth, { ...formOf(oauth), imap: { ...ACCOUNT.imap!, port: 143, security: 'none' } }).map((e) => e.port)).toEqual([143]);
  });

  it('names the unencrypted servers a password would go to', () => {
    const plain = { ...formOf(ACCOUNT), imap: { ...ACCOUNT.imap!, port: 143, security: 'none' as const } };
    expect(plaintextServers(ACCOUNT, plain).map((e) => e.host)).toEqual(['imap.example.com']);
    expect(plaintextServers(ACCOUNT, formOf(ACCOUNT))).toEqual([]);
    expect(updateOf(ACCOUNT, plain, { ...NO_CONSENT, allowPlaintext: true, savedPasswordTo: ['x'] })).toMatchObject({ allowPlaintext: true, sendSavedPasswordTo: ['x'] });
  });
});
