import { describe, expect, it } from 'vitest';
import { fromSequenceSet, toSequenceSet } from '../../../../main/sync/uid-set';
import { seededRandom } from '../../factories';

describe('toSequenceSet', () => {
  it.each([
    [[], ''],
    [[5], '5'],
    [[1, 2, 3, 7], '1:3,7'],
    [[7, 3, 1, 2], '1:3,7'],
    [[2, 2, 1, 1, 3], '1:3'],
    [[10, 1, 3, 5, 4, 11], '1,3:5,10:11'],
  ])('%j → %j', (uids, expected) => {
    expect(toSequenceSet(uids)).toBe(expected);
  });

  it('takes any iterable', () => {
    expect(toSequenceSet(new Set([4, 5, 6]))).toBe('4:6');
  });
});

describe('fromSequenceSet', () => {
  it.each([
    ['', []],
    ['5', [5]],
    ['1:3,7', [1, 2, 3, 7]],
    ['3:1', [1, 2, 3]],
    ['1,,2', [1, 2]],
    ['1:*,4', [4]],
  ])('%j → %j', (set, expected) => {
    expect(fromSequenceSet(set)).toEqual(expected);
  });
});

describe('round trip', () => {
  it('gives back the sorted distinct UIDs of any set', () => {
    const random = seededRandom(3);
    for (let run = 0; run < 200; run++) {
      const count = Math.floor(random() * 50);
      const uids = Array.from({ length: count }, () => 1 + Math.floor(random() * 100));
      const expected = [...new Set(uids)].sort((a, b) => a - b);

      expect(fromSequenceSet(toSequenceSet(uids)), `run ${run}: ${uids.join(',')}`).toEqual(expected);
    }
  });
});
