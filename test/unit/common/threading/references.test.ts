import { describe, expect, it } from 'vitest';
import { MAX_REFERENCES } from '../../../../common/threading/jwz';
import { boundedReferences } from '../../../../common/threading/references';

describe('boundedReferences', () => {
  it('reads the ids in order, each in the canonical form', () => {
    expect(boundedReferences(' <a@x> (comment)  <b . c@x>\t<d@x>')).toEqual(['<a@x>', '<b.c@x>', '<d@x>']);
  });

  it('keeps the last ids of a 10,000-id header, the nearest ancestors', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `<id${i}@example.test>`);
    const kept = boundedReferences(ids.join(' '));
    expect(kept).toHaveLength(MAX_REFERENCES);
    expect(kept.at(-1)).toBe('<id9999@example.test>');
    expect(kept[0]).toBe(`<id${10_000 - MAX_REFERENCES}@example.test>`);
  });

  it('drops an id longer than a header line', () => {
    expect(boundedReferences(`<${'x'.repeat(2_000)}@x> <ok@x>`)).toEqual(['<ok@x>']);
  });

  it('gives nothing for an empty header', () => {
    expect(boundedReferences('  ')).toEqual([]);
  });
});
