import { describe, expect, it } from 'vitest';
import type { AccountDraft } from '../../../../common/model/account';
import { validateParams } from '../../../../main/core/validate-params';

const draft = (deviceName?: string): AccountDraft => ({
  displayName: 'Ann',
  address: 'ann@example.test',
  mode: 'imap',
  incoming: { host: 'imap.example.test', port: 993, security: 'tls', user: 'ann' },
  incomingPassword: 'secret',
  smtp: { host: 'smtp.example.test', port: 465, security: 'tls', user: 'ann' },
  smtpPassword: 'secret',
  trustFingerprints: [],
  pop: null,
  ...(deviceName === undefined ? {} : { deviceName }),
});

const refusedField = { ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('deviceName') as unknown } };

describe('account:add: the first device’s name, by the rules of device:add and device:rename', () => {
  it('takes a name trimmed, and none at all (main then says "This computer")', () => {
    expect(validateParams('account:add', draft('  Dieser Computer  '))).toMatchObject({ ok: true, value: { deviceName: 'Dieser Computer' } });
    const without = validateParams('account:add', draft());
    expect(without.ok).toBe(true);
    expect(without.ok && 'deviceName' in without.value).toBe(false);
  });

  it('takes 60 characters, and refuses 61, a blank name and a control character, naming the field', () => {
    expect(validateParams('account:add', draft('x'.repeat(60))).ok).toBe(true);
    expect(validateParams('account:add', draft('x'.repeat(61)))).toMatchObject(refusedField);
    expect(validateParams('account:add', draft('   '))).toMatchObject(refusedField);
    expect(validateParams('account:add', draft('Laptop\u0007'))).toMatchObject(refusedField);
  });
});
