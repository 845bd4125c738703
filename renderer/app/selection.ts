/**
 * Which messages of a list are selected, for the three panes and every device column alike.
 *
 * Policy and invariants:
 * - `focus` is the one message a reader shows and keys move from; `anchor` is where a Shift range
 *   starts (the last message clicked or toggled). Both are ids of the list, or null.
 * - The selection is either `some` (the ids in `ids`) or `allExcept` (every id of the list shown
 *   but those in `ids`): selecting all of 100,000 costs nothing, and rows never rendered count.
 * - The focused message is always selected, except after a Ctrl/Cmd+click took it out.
 * - Every function is pure: a new state, never a change to the one given.
 */
export interface SelectionState {
  anchor: string | null;
  focus: string | null;
  mode: 'some' | 'allExcept';
  ids: ReadonlySet<string>;
}

export const EMPTY_SELECTION: SelectionState = { anchor: null, focus: null, mode: 'some', ids: new Set() };

/** One message selected and focused (a plain click, j/k, Escape); null selects nothing. */
export function selectOne(id: string | null): SelectionState {
  return id === null ? EMPTY_SELECTION : { anchor: id, focus: id, mode: 'some', ids: new Set([id]) };
}

export function isSelected(state: SelectionState, id: string): boolean {
  return state.mode === 'some' ? state.ids.has(id) : !state.ids.has(id);
}

/** Ctrl/Cmd+click: the message in or out of the selection; it becomes the anchor and the focus. */
export function toggle(state: SelectionState, id: string): SelectionState {
  const ids = new Set(state.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { anchor: id, focus: id, mode: state.mode, ids };
}

/** The ids from `from` to `to` in list order, both included; empty if either is not in the list. */
function between(list: readonly string[], from: string, to: string): string[] {
  const a = list.indexOf(from);
  const b = list.indexOf(to);
  if (a === -1 || b === -1) return [];
  return list.slice(Math.min(a, b), Math.max(a, b) + 1);
}

/** Shift+click: the range from the anchor to `id` replaces the selection (as in Finder and Thunderbird). */
export function selectRange(state: SelectionState, list: readonly string[], id: string): SelectionState {
  const anchor = state.anchor !== null && list.includes(state.anchor) ? state.anchor : id;
  return { anchor, focus: id, mode: 'some', ids: new Set(between(list, anchor, id)) };
}

/** Ctrl/Cmd+A: every message of the list shown (the folder, or what a search found), the focus kept. */
export function selectAll(state: SelectionState, list: readonly string[]): SelectionState {
  const focus = state.focus ?? list[0] ?? null;
  return { anchor: state.anchor ?? focus, focus, mode: 'allExcept', ids: new Set() };
}

/** Shift+J/K, Shift+ArrowDown/Up: the focus moves by one and the range from the anchor follows it. */
export function extend(state: SelectionState, list: readonly string[], delta: 1 | -1): SelectionState {
  if (list.length === 0) return state;
  const index = state.focus === null ? -1 : list.indexOf(state.focus);
  const next = index === -1 ? list[0]! : list[Math.min(list.length - 1, Math.max(0, index + delta))]!;
  return selectRange(state.focus === null ? selectOne(next) : state, list, next);
}

/** Escape: back to the focused message alone. */
export function collapse(state: SelectionState): SelectionState {
  return selectOne(state.focus);
}

/** How many messages are selected in `list`. */
export function selectedCount(state: SelectionState, list: readonly string[]): number {
  if (state.mode === 'some') return state.ids.size;
  // `follow` keeps the excepted ids within the list, so this is exact after every list change.
  return Math.max(0, list.length - state.ids.size);
}

/** The selected ids in list order (for `allExcept`, the list without the excepted ones). */
export function selectedIds(state: SelectionState, list: readonly string[]): string[] {
  if (state.mode === 'allExcept') return state.ids.size === 0 ? [...list] : list.filter((id) => !state.ids.has(id));
  if (state.ids.size === 1) return [...state.ids];
  return list.filter((id) => state.ids.has(id));
}

/**
 * The selection after the list changed (mail arrived, left, a search ran): ids gone from the list
 * leave the selection; a focus that left becomes the next message of the old list still in the new
 * one (the one before it at the end), or nothing when `afterLeaving` says so; a selection of one
 * follows its focus.
 */
export function follow(state: SelectionState, before: readonly string[], after: readonly string[], afterLeaving: 'next' | 'nothing'): SelectionState {
  if (state.focus === null && state.ids.size === 0) return state;
  const present = new Set(after);
  const ids = new Set([...state.ids].filter((id) => present.has(id)));
  const anchor = state.anchor !== null && present.has(state.anchor) ? state.anchor : null;
  if (state.focus === null || present.has(state.focus)) {
    if (ids.size === state.ids.size && anchor === state.anchor) return state;
    return { ...state, anchor: anchor ?? state.focus, ids };
  }
  const wasOne = state.mode === 'some' && state.ids.size <= 1;
  const focus = afterLeaving === 'next' ? nextPresent(before, state.focus, present) : null;
  if (wasOne || (state.mode === 'some' && ids.size === 0)) return selectOne(focus);
  return { anchor: anchor ?? focus, focus, mode: state.mode, ids };
}

/** The first id after `gone` in `before` that is still present, else the nearest one before it. */
function nextPresent(before: readonly string[], gone: string, present: ReadonlySet<string>): string | null {
  const index = before.indexOf(gone);
  if (index === -1) return null;
  for (let i = index + 1; i < before.length; i++) if (present.has(before[i]!)) return before[i]!;
  for (let i = index - 1; i >= 0; i--) if (present.has(before[i]!)) return before[i]!;
  return null;
}

/** The id one step from `focus` in `list` (the first or last when there is none): where j/k and the arrows go. */
export function stepFrom(list: readonly string[], focus: string | null, delta: 1 | -1): string | null {
  if (list.length === 0) return null;
  const index = focus === null ? -1 : list.indexOf(focus);
  return list[Math.min(list.length - 1, Math.max(0, index + delta))] ?? null;
}

/** What a list's own key does: move the focus by one, or a new selection. */
export type ListKeyMove = { kind: 'step'; delta: 1 | -1 } | { kind: 'select'; state: SelectionState };

/**
 * The keys of a list, the same in every view (a folder, a device column, a view over every
 * account): arrows move, Shift+arrows extend, Ctrl/Cmd+A selects all, Escape goes back to the
 * focused message (only when more is selected). `binding` as keyboard-shortcuts.ts names it; null
 * when the key is not the list's or does nothing now.
 */
export function listKeyMove(binding: string | null, state: SelectionState, list: readonly string[]): ListKeyMove | null {
  switch (binding) {
    case 'ArrowDown':
      return { kind: 'step', delta: 1 };
    case 'ArrowUp':
      return { kind: 'step', delta: -1 };
    case 'Shift+ArrowDown':
      return { kind: 'select', state: extend(state, list, 1) };
    case 'Shift+ArrowUp':
      return { kind: 'select', state: extend(state, list, -1) };
    case 'Mod+a':
      return { kind: 'select', state: selectAll(state, list) };
    case 'Escape':
      return selectedCount(state, list) <= 1 ? null : { kind: 'select', state: collapse(state) };
    default:
      return null;
  }
}
