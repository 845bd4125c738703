import { describe, expect, it } from 'vitest';
import { withNewestPage } from '../../../renderer/cache/hooks';

describe('a folder list: the live newest page, then the rest of the last whole read', () => {
  const whole = ['m9', 'm8', 'm7', 'm6', 'm5', 'm4'];

  it('is the whole read when nothing changed', () => {
    expect(withNewestPage(['m9', 'm8', 'm7'], whole)).toEqual(whole);
  });

  it('shows a message that arrived since the whole read, and drops one deleted from the page', () => {
    expect(withNewestPage(['m10', 'm9', 'm8'], whole)).toEqual(['m10', 'm9', 'm8', 'm7', 'm6', 'm5', 'm4']);
    expect(withNewestPage(['m9', 'm7', 'm6'], whole)).toEqual(['m9', 'm7', 'm6', 'm5', 'm4']);
  });

  it('puts a page that arrived entirely since the whole read before all of it', () => {
    expect(withNewestPage(['m12', 'm11'], whole)).toEqual(['m12', 'm11', ...whole]);
    expect(withNewestPage(['m12', 'm9'], ['m9', 'm8'])).toEqual(['m12', 'm9', 'm8']);
  });
});
