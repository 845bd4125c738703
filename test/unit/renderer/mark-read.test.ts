import { describe, expect, it } from 'vitest';
import { DEFAULT_MARK_READ, markReadPlan, parseMarkRead, shouldMarkRead, type MarkReadSetting } from '../../../renderer/app/mark-read';

// Issue 12, item 6: opening a message marked it read, even the one selected by itself after a Delete.
const onOpen: MarkReadSetting = { when: 'on-open' };
const afterTwo: MarkReadSetting = { when: 'after-delay', seconds: 2 };
const byHand: MarkReadSetting = { when: 'by-hand' };

describe('when a shown message becomes read', () => {
  it('"when opened" (the default): at once, if the user chose it', () => {
    expect(DEFAULT_MARK_READ).toEqual(onOpen);
    expect(shouldMarkRead(onOpen, 'user', 0)).toBe(true);
    expect(markReadPlan(onOpen, 'user')).toEqual({ markSeen: true, markAfterMs: null });
  });

  it('"after N seconds": only once it has been shown that long', () => {
    expect(shouldMarkRead(afterTwo, 'user', 0)).toBe(false);
    expect(shouldMarkRead(afterTwo, 'user', 1_999)).toBe(false);
    expect(shouldMarkRead(afterTwo, 'user', 2_000)).toBe(true);
    expect(markReadPlan(afterTwo, 'user')).toEqual({ markSeen: false, markAfterMs: 2_000 });
    expect(markReadPlan({ when: 'after-delay', seconds: 0 }, 'user')).toEqual({ markSeen: true, markAfterMs: null });
  });

  it('"only by hand": never', () => {
    expect(shouldMarkRead(byHand, 'user', 0)).toBe(false);
    expect(shouldMarkRead(byHand, 'user', 3_600_000)).toBe(false);
    expect(markReadPlan(byHand, 'user')).toEqual({ markSeen: false, markAfterMs: null });
  });

  it('never for a message the app selected by itself (the next one after a Delete or a Move), whatever the setting and however long it is shown', () => {
    for (const setting of [onOpen, afterTwo, byHand]) {
      expect(shouldMarkRead(setting, 'app', 0)).toBe(false);
      expect(shouldMarkRead(setting, 'app', 3_600_000)).toBe(false);
      expect(markReadPlan(setting, 'app')).toEqual({ markSeen: false, markAfterMs: null });
    }
  });

  it('reads a stored setting back, and anything unreadable as the default', () => {
    expect(parseMarkRead(JSON.stringify(afterTwo))).toEqual(afterTwo);
    expect(parseMarkRead(JSON.stringify(byHand))).toEqual(byHand);
    expect(parseMarkRead(JSON.stringify({ when: 'after-delay', seconds: 1e9 }))).toEqual({ when: 'after-delay', seconds: 60 });
    for (const junk of [null, '', '{', '"on-open"', '{"when":"sometimes"}', '{"when":"after-delay","seconds":"2"}']) expect(parseMarkRead(junk)).toEqual(DEFAULT_MARK_READ);
  });
});
