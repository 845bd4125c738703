import { describe, expect, it } from 'vitest';
import { collapse, extend, follow, isSelected, listKeyMove, selectAll, selectedCount, selectedIds, selectOne, selectRange, stepFrom, toggle } from '../../../renderer/app/selection';

const list = ['a', 'b', 'c', 'd', 'e', 'f'];

describe('selection', () => {
  it('a click selects one message and focuses it', () => {
    const s = selectOne('c');
    expect(selectedIds(s, list)).toEqual(['c']);
    expect(s.focus).toBe('c');
  });

  it('Ctrl/Cmd+click adds and removes one message, keeping the rest', () => {
    let s = toggle(selectOne('b'), 'e');
    expect(selectedIds(s, list)).toEqual(['b', 'e']);
    s = toggle(s, 'b');
    expect(selectedIds(s, list)).toEqual(['e']);
    expect(s.anchor).toBe('b');
  });

  it('Shift+click selects from the anchor, either way, and replaces the range', () => {
    let s = selectRange(selectOne('b'), list, 'd');
    expect(selectedIds(s, list)).toEqual(['b', 'c', 'd']);
    s = selectRange(s, list, 'a');
    expect(selectedIds(s, list)).toEqual(['a', 'b']);
    expect(s.anchor).toBe('b');
    expect(s.focus).toBe('a');
  });

  it('Shift+click after a toggle ranges from the toggled message', () => {
    const s = selectRange(toggle(selectOne('a'), 'd'), list, 'f');
    expect(selectedIds(s, list)).toEqual(['d', 'e', 'f']);
  });

  it('Shift+click with nothing selected selects just that message', () => {
    expect(selectedIds(selectRange(selectOne(null), list, 'c'), list)).toEqual(['c']);
  });

  it('Ctrl/Cmd+A selects every message of the list, also the ones never rendered, at no cost per message', () => {
    const big = Array.from({ length: 100_000 }, (_, i) => `m${i}`);
    const s = selectAll(selectOne('m5'), big);
    expect(s.ids.size).toBe(0);
    expect(selectedCount(s, big)).toBe(100_000);
    expect(isSelected(s, 'm99999')).toBe(true);
    expect(s.focus).toBe('m5');
    const without = toggle(s, 'm7');
    expect(selectedCount(without, big)).toBe(99_999);
    expect(isSelected(without, 'm7')).toBe(false);
    expect(selectedIds(without, big)).toHaveLength(99_999);
  });

  it('Shift+J/K extend the range from the anchor, and shrink it back', () => {
    let s = extend(selectOne('b'), list, 1);
    s = extend(s, list, 1);
    expect(selectedIds(s, list)).toEqual(['b', 'c', 'd']);
    expect(s.focus).toBe('d');
    s = extend(s, list, -1);
    expect(selectedIds(s, list)).toEqual(['b', 'c']);
    s = extend(extend(extend(s, list, -1), list, -1), list, -1);
    expect(selectedIds(s, list)).toEqual(['a', 'b']);
  });

  it('extending stops at the ends of the list, and starts at the top with nothing focused', () => {
    expect(selectedIds(extend(selectOne('f'), list, 1), list)).toEqual(['f']);
    expect(extend(selectOne(null), list, 1).focus).toBe('a');
    expect(extend(selectOne(null), [], 1).focus).toBe(null);
  });

  it('Escape goes back to the focused message alone', () => {
    const s = collapse(selectAll(selectOne('c'), list));
    expect(selectedIds(s, list)).toEqual(['c']);
  });

  describe('when the list changes', () => {
    it('messages that leave leave the selection', () => {
      const s = follow(toggle(toggle(selectOne('a'), 'c'), 'e'), list, ['a', 'b', 'd', 'e', 'f'], 'next');
      expect(selectedIds(s, ['a', 'b', 'd', 'e', 'f'])).toEqual(['a', 'e']);
      expect(s.focus).toBe('e');
    });

    it('a selected message that leaves takes its place in the count of "all but"', () => {
      const after = ['a', 'b', 'd', 'e'];
      const s = follow(toggle(selectAll(selectOne('a'), list), 'c'), list, after, 'next');
      expect(selectedCount(s, after)).toBe(4);
    });

    it('the focused message that leaves gives the focus to the next, or the one before at the end', () => {
      expect(follow(selectOne('c'), list, ['a', 'b', 'd', 'e', 'f'], 'next').focus).toBe('d');
      expect(follow(selectOne('f'), list, ['a', 'b', 'c', 'd', 'e'], 'next').focus).toBe('e');
      expect(selectedIds(follow(selectOne('c'), list, ['a', 'b', 'e', 'f'], 'next'), list)).toEqual(['e']);
    });

    it('a selection whose messages all left (a bulk delete) falls to the next message', () => {
      const s = follow(selectRange(selectOne('b'), list, 'd'), list, ['a', 'e', 'f'], 'next');
      expect(s.focus).toBe('e');
      expect(selectedIds(s, ['a', 'e', 'f'])).toEqual(['e']);
    });

    it('in a device column a focus that leaves selects nothing', () => {
      const s = follow(selectOne('c'), list, ['a', 'b', 'd'], 'nothing');
      expect(s.focus).toBe(null);
      expect(selectedCount(s, ['a', 'b', 'd'])).toBe(0);
    });

    it('new mail changes nothing selected and keeps the same state object', () => {
      const s = selectRange(selectOne('b'), list, 'c');
      expect(follow(s, list, ['new', ...list], 'next')).toBe(s);
    });

    it('an empty list empties the selection', () => {
      const s = follow(selectAll(selectOne('a'), list), list, [], 'next');
      expect(s.focus).toBe(null);
      expect(selectedCount(s, [])).toBe(0);
    });
  });
});

describe('a step from the focus (stepFrom)', () => {
  it('moves one place, stops at the ends, starts at the first or last without a focus', () => {
    expect(stepFrom(list, 'c', 1)).toBe('d');
    expect(stepFrom(list, 'c', -1)).toBe('b');
    expect(stepFrom(list, 'f', 1)).toBe('f');
    expect(stepFrom(list, 'a', -1)).toBe('a');
    expect(stepFrom(list, null, 1)).toBe('a');
    expect(stepFrom(list, 'gone', 1)).toBe('a');
    expect(stepFrom([], 'a', 1)).toBeNull();
  });
});

describe('the keys of a list (listKeyMove)', () => {
  const list = ['a', 'b', 'c', 'd'];
  it('arrows step; Shift+arrows extend from the anchor; Ctrl/Cmd+A selects all; other keys are not the list’s', () => {
    const one = selectOne('b');
    expect(listKeyMove('ArrowDown', one, list)).toEqual({ kind: 'step', delta: 1 });
    expect(listKeyMove('ArrowUp', one, list)).toEqual({ kind: 'step', delta: -1 });
    const extended = listKeyMove('Shift+ArrowDown', one, list);
    expect(extended?.kind === 'select' && selectedIds(extended.state, list)).toEqual(['b', 'c']);
    const all = listKeyMove('Mod+a', one, list);
    expect(all?.kind === 'select' && selectedCount(all.state, list)).toBe(4);
    expect(listKeyMove('j', one, list)).toBeNull();
    expect(listKeyMove(null, one, list)).toBeNull();
  });

  it('Escape goes back to the focused message when more is selected, and is not used otherwise', () => {
    expect(listKeyMove('Escape', selectOne('b'), list)).toBeNull();
    const back = listKeyMove('Escape', selectRange(selectOne('b'), list, 'd'), list);
    expect(back?.kind === 'select' && selectedIds(back.state, list)).toEqual(['d']);
  });
});
