import { describe, expect, it } from 'vitest';
import { numberProblem } from '../../../../renderer/features/settings/ImapSyncFields';

describe('numberProblem', () => {
  it('accepts a whole number within bounds', () => {
    expect(numberProblem('1', 1, 1440, 'minutes')).toBeNull();
    expect(numberProblem('1440', 1, 1440, 'minutes')).toBeNull();
    expect(numberProblem(' 15 ', 1, 1440, 'minutes')).toBeNull();
  });

  it('refuses what would otherwise be changed silently: out of range, empty, a fraction, not a number', () => {
    for (const typed of ['0', '-5', '1441', '', '  ', '2.5', 'abc', '1e9']) {
      expect(numberProblem(typed, 1, 1440, 'minutes'), typed).toBe('Type a whole number of minutes from 1 to 1440.');
    }
  });
});
