import { describe, expect, it } from 'vitest';
import { addressProblem, isAlreadySetUp } from '../../../../renderer/features/account-setup/address-check';

describe('the address check before looking up or configuring', () => {
  it('refuses a domain without a dot, except localhost', () => {
    expect(addressProblem('you@example')).toContain('needs a dot');
    expect(addressProblem('you@example.')).toContain('needs a dot');
    expect(addressProblem('you@example.test')).toBeNull();
    expect(addressProblem('you@localhost')).toBeNull();
    expect(addressProblem('YOU@Mail.Example.COM')).toBeNull();
  });

  it('finds an address already set up, whatever its case and spaces', () => {
    expect(isAlreadySetUp(' You@Example.test ', ['you@example.test'])).toBe(true);
    expect(isAlreadySetUp('other@example.test', ['you@example.test'])).toBe(false);
    expect(isAlreadySetUp('', [''])).toBe(false);
  });
});
