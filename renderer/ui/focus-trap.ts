/** What Tab can reach inside a dialog, in document order. */
const TABBABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  'summary',
  'iframe',
  '[contenteditable="true"]',
  '[tabindex]:not([tabindex="-1"])',
].join(', ');

export function tabbablesIn(box: HTMLElement): HTMLElement[] {
  // Laid out only: a control in a closed <details> or under display: none takes no Tab.
  return [...box.querySelectorAll<HTMLElement>(TABBABLE)].filter((element) => element.tabIndex >= 0 && element.getClientRects().length > 0);
}

/**
 * Where Tab (or Shift+Tab) goes instead of the browser's choice, so that focus stays inside a
 * modal dialog: from the last control to the first and back, and from the dialog box itself (or
 * anything outside the list) to the first or the last. Null: the browser's own step stays inside.
 */
export function wrapTabTarget<T>(tabbables: readonly T[], active: T | null, backwards: boolean): T | null {
  const first = tabbables[0];
  const last = tabbables[tabbables.length - 1];
  if (first === undefined || last === undefined) return null;
  const index = active === null ? -1 : tabbables.indexOf(active);
  if (index < 0) return backwards ? last : first;
  if (backwards && index === 0) return last;
  if (!backwards && index === tabbables.length - 1) return first;
  return null;
}
