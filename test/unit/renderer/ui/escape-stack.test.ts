import { describe, expect, it } from 'vitest';
import { pushEscapeLayer } from '../../../../renderer/ui/escape-stack';

// Issue 12, item 8: Escape closes the innermost open layer only (a confirmation before its dialog).
type Listener = (event: KeyboardEvent) => void;
const listeners: Listener[] = [];
const target = { addEventListener: (_type: string, listener: Listener) => listeners.push(listener) } as unknown as Pick<Window, 'addEventListener'>;

function press(key: string, extra: Partial<KeyboardEvent> = {}): { prevented: boolean } {
  const state = { prevented: false };
  const event = { key, defaultPrevented: false, isComposing: false, preventDefault: () => (state.prevented = true), stopPropagation: () => undefined, ...extra } as unknown as KeyboardEvent;
  for (const listener of listeners) listener(event);
  return state;
}

describe('Escape and the open layers', () => {
  it('closes the newest layer first, then the one under it, and nothing once all are closed', () => {
    const closed: string[] = [];
    const removeDialog = pushEscapeLayer(() => closed.push('dialog'), target);
    const removeConfirm = pushEscapeLayer(() => closed.push('confirmation'), target);
    expect(listeners).toHaveLength(1);
    expect(press('Escape').prevented).toBe(true);
    expect(closed).toEqual(['confirmation']);
    removeConfirm();
    press('Escape');
    expect(closed).toEqual(['confirmation', 'dialog']);
    removeDialog();
    expect(press('Escape').prevented).toBe(false);
    expect(closed).toEqual(['confirmation', 'dialog']);
  });

  it('ignores other keys, an Escape already handled, and an Escape that ends an input method composition', () => {
    const closed: string[] = [];
    const remove = pushEscapeLayer(() => closed.push('dialog'), target);
    press('Enter');
    press('Escape', { defaultPrevented: true });
    press('Escape', { isComposing: true });
    expect(closed).toEqual([]);
    remove();
  });

  it('a layer removed out of order leaves the others in place', () => {
    const closed: string[] = [];
    const removeA = pushEscapeLayer(() => closed.push('a'), target);
    const removeB = pushEscapeLayer(() => closed.push('b'), target);
    removeA();
    press('Escape');
    expect(closed).toEqual(['b']);
    removeB();
  });
});
