import { describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../../../common/model/account';
import { planUpdate, type StoredPasswords, type UpdateParams } from '../../../../main/core/update-plan';

const ACCOUNT: AccountSummary = {
  id: 'a1',
  displayName: 'Ann',
  address: 'ann@example.com',
  imap: { host: 'imap.example.com', port: 993, security: 'tls', user: 'ann' },
  pop3: null,
  smtp: { host: 'smtp.example.com', port: 465, security: 'tls', user: 'ann' },
  devices: [{ id: 'd1', name: 'This computer', mode: 'imap', dbName: 'porthole-a1-d1', pop: null }],
  trustedCertificates: [],
};
const STORED: StoredPasswords = { incoming: { imap: 'saved', pop3: 'saved' }, base: 'saved', smtpOwn: null };

function plan(update: Omit<UpdateParams, 'accountId'>, account: AccountSummary = ACCOUNT, stored: StoredPasswords = STORED, others: AccountSummary[] = []) {
  return planUpdate(account, [account, ...others], { accountId: account.id, ...update }, stored);
}

function refusal(run: () => unknown): { code: string; message: string } | null {
  try {
    run();
    return null;
  } catch (error) {
    return (error as { wire: { code: string; message: string } }).wire;
  }
}

describe('planUpdate', () => {
  it('a name alone: nothing to check, no reconnect; an empty name becomes the address', () => {
    expect(plan({ displayName: '  Work  ' })).toMatchObject({ next: { displayName: 'Work' }, checks: [], reconnect: false });
    expect(plan({ displayName: '' }).next.displayName).toBe('ann@example.com');
    expect(plan({ address: 'ann@new.example', displayName: '' }).next).toMatchObject({ address: 'ann@new.example', displayName: 'ann@new.example' });
  });

  it('a port and security change on the same host: checked with the saved password, then reconnect', () => {
    const result = plan({ imap: { ...ACCOUNT.imap!, port: 143, security: 'starttls' } });
    expect(result.checks).toEqual([{ service: 'imap', endpoint: { ...ACCOUNT.imap!, port: 143, security: 'starttls' }, credential: { password: 'saved' } }]);
    expect(result.reconnect).toBe(true);
    expect(result.secrets).toEqual({ incoming: null, smtpOwn: undefined });
  });

  it('the saved password never goes to a changed host unless the user confirmed that host or typed it again', () => {
    const moved = { ...ACCOUNT.imap!, host: 'imap.other.example' };
    expect(refusal(() => plan({ imap: moved }))).toMatchObject({ code: 'HOST_NOT_CONFIRMED', message: expect.stringContaining('imap.other.example') as unknown });
    expect(refusal(() => plan({ imap: moved, sendSavedPasswordTo: ['smtp.example.com'] }))).toMatchObject({ code: 'HOST_NOT_CONFIRMED' });
    expect(plan({ imap: moved, sendSavedPasswordTo: ['IMAP.other.example'] }).checks).toMatchObject([{ credential: { password: 'saved' } }]);
    expect(plan({ imap: moved, incomingPassword: 'typed' }).checks).toMatchObject([{ service: 'imap', credential: { password: 'typed' } }, { service: 'smtp', credential: { password: 'typed' } }]);
    expect(refusal(() => plan({ smtp: { ...ACCOUNT.smtp, host: 'mail.other.example' } }))).toMatchObject({ code: 'HOST_NOT_CONFIRMED' });
  });

  it('SMTP with its own saved password: the incoming one goes there only once confirmed', () => {
    const own: StoredPasswords = { ...STORED, smtpOwn: 'smtp-saved' };
    expect(plan({ smtp: { ...ACCOUNT.smtp, port: 587, security: 'starttls' } }, ACCOUNT, own).checks).toMatchObject([{ service: 'smtp', credential: { password: 'smtp-saved' } }]);
    // "Same as incoming" from now on: the incoming password has never been to smtp.example.com.
    expect(refusal(() => plan({ smtpPassword: '' }, ACCOUNT, own))).toMatchObject({ code: 'HOST_NOT_CONFIRMED' });
    const shared = { ...ACCOUNT, smtp: { ...ACCOUNT.smtp, host: 'imap.example.com' } };
    expect(plan({ smtpPassword: '' }, shared, own)).toMatchObject({ checks: [{ service: 'smtp', credential: { password: 'saved' } }], secrets: { smtpOwn: null } });
    expect(plan({ smtpPassword: 'new-smtp' }, ACCOUNT, own)).toMatchObject({ checks: [{ service: 'smtp', credential: { password: 'new-smtp' } }], secrets: { smtpOwn: 'new-smtp' }, reconnect: false });
  });

  it('a new incoming password is checked on every incoming server and on SMTP when it shares it', () => {
    const both = { ...ACCOUNT, pop3: { host: 'pop.example.com', port: 995, security: 'tls' as const, user: 'ann' } };
    expect(plan({ incomingPassword: 'new' }, both).checks.map((c) => [c.service, 'password' in c.credential ? c.credential.password : null])).toEqual([
      ['imap', 'new'],
      ['pop3', 'new'],
      ['smtp', 'new'],
    ]);
    expect(plan({ incomingPassword: 'new' }, both, { ...STORED, smtpOwn: 'own' }).checks.map((c) => c.service)).toEqual(['imap', 'pop3']);
  });

  it('unencrypted servers need their own yes', () => {
    const plain = { ...ACCOUNT.imap!, port: 143, security: 'none' as const };
    expect(refusal(() => plan({ imap: plain }))).toMatchObject({ code: 'HOST_NOT_CONFIRMED', message: expect.stringContaining('unencrypted') as unknown });
    expect(plan({ imap: plain, allowPlaintext: true }).checks).toHaveLength(1);
  });

  it('refuses the sandbox’s servers, OAuth2 passwords, a mode the account lacks, a running switch, a duplicate', () => {
    expect(refusal(() => plan({ imap: { ...ACCOUNT.imap!, port: 1993 } }, { ...ACCOUNT, sandbox: true }))).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('sandbox') as unknown });
    expect(plan({ displayName: 'Play' }, { ...ACCOUNT, sandbox: true }).next.displayName).toBe('Play');
    const oauth = { ...ACCOUNT, auth: { kind: 'oauth2' as const, provider: 'google' } };
    expect(refusal(() => plan({ incomingPassword: 'x' }, oauth))).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('Sign in again') as unknown });
    expect(plan({ displayName: 'Work' }, oauth).checks).toEqual([]);
    // Its servers change with a check by its tokens, which go only to hosts the account has or the user confirmed.
    expect(plan({ imap: { ...ACCOUNT.imap!, port: 143, security: 'starttls' } }, oauth)).toMatchObject({ checks: [{ service: 'imap', credential: { oauth2: true } }], reconnect: true });
    expect(plan({ smtp: { ...ACCOUNT.smtp, host: 'imap.example.com' } }, oauth).checks).toMatchObject([{ service: 'smtp', credential: { oauth2: true } }]);
    expect(refusal(() => plan({ imap: { ...ACCOUNT.imap!, host: 'imap.elsewhere.example' } }, oauth))).toMatchObject({ code: 'HOST_NOT_CONFIRMED', message: expect.stringContaining('sign-in') as unknown });
    expect(refusal(() => plan({ pop3: { host: 'pop.example.com', port: 995, security: 'tls', user: 'ann' } }))).toMatchObject({ code: 'INVALID_ARGUMENT' });
    const switching = { ...ACCOUNT, devices: [{ ...ACCOUNT.devices[0]!, switching: { to: 'pop3' as const, options: { upload: false, pushStates: false, copyFolders: [] }, startedAt: 0 } }] };
    expect(refusal(() => plan({ imap: { ...ACCOUNT.imap!, port: 143, security: 'starttls' } }, switching))).toMatchObject({ code: 'INVALID_ARGUMENT' });
    const other = { ...ACCOUNT, id: 'a2', address: 'bob@example.com', imap: { ...ACCOUNT.imap!, user: 'bob' } };
    expect(refusal(() => plan({ address: 'BOB@example.com', imap: { ...ACCOUNT.imap!, user: 'bob' }, incomingPassword: 'x' }, ACCOUNT, STORED, [other]))).toMatchObject({ code: 'ACCOUNT_EXISTS' });
    expect(plan({ address: 'bob@example.com' }, ACCOUNT, STORED, [other]).next.address).toBe('bob@example.com');
  });
});
