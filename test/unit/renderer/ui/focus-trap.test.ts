import { describe, expect, it } from 'vitest';
import { wrapTabTarget } from '../../../../renderer/ui/focus-trap';

// Issue 13 item 5: Tab and Shift+Tab stay inside the open dialog.
describe('Tab inside a modal dialog', () => {
  const controls = ['to', 'subject', 'send'];

  it('wraps from the last control to the first, and Shift+Tab from the first to the last', () => {
    expect(wrapTabTarget(controls, 'send', false)).toBe('to');
    expect(wrapTabTarget(controls, 'to', true)).toBe('send');
  });

  it('leaves the steps between controls to the browser', () => {
    expect(wrapTabTarget(controls, 'to', false)).toBeNull();
    expect(wrapTabTarget(controls, 'subject', true)).toBeNull();
  });

  it('from the dialog box itself (or anything not in the list) goes to the first, or with Shift to the last', () => {
    expect(wrapTabTarget(controls, null, false)).toBe('to');
    expect(wrapTabTarget(controls, 'box', true)).toBe('send');
  });

  it('has nowhere to go in a dialog without controls', () => {
    expect(wrapTabTarget([], 'box', false)).toBeNull();
  });
});
