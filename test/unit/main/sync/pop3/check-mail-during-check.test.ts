import { describe, expect, it } from 'vitest';
import type { BackendContext } from '../../../../../main/sync/backend';
import { Pop3Backend } from '../../../../../main/sync/pop3/pop3-backend';

/** A POP engine whose checks are held until the test ends them, counting how many started. */
function heldChecks() {
  const backend = new Pop3Backend({ device: { pop: null }, events: {}, now: () => Date.now() } as unknown as BackendContext);
  const started: Array<() => void> = [];
  (backend as unknown as { check: () => Promise<void> }).check = () => new Promise<void>((resolve) => started.push(resolve));
  return { backend, started };
}

// Issue 12, item 12 (found under load): "Check mail" joined a check already running, which may
// have listed the maildrop before the new mail arrived, so the user's check ended without it.
describe('"Check mail" while a check runs', () => {
  it('gets a check of its own, started once the running one ends', async () => {
    const { backend, started } = heldChecks();
    const running = backend.checkNow();
    const asked = backend.syncNow();
    expect(started.length).toBe(1);
    let askedDone = false;
    void asked.then(() => (askedDone = true));
    started[0]!();
    await running;
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(started.length).toBe(2);
    expect(askedDone).toBe(false);
    started[1]!();
    await asked;
  });

  it('asked several times meanwhile, runs one more check, not one per click', async () => {
    const { backend, started } = heldChecks();
    const running = backend.checkNow();
    const clicks = [backend.syncNow(), backend.syncNow(), backend.syncNow()];
    started[0]!();
    await running;
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(started.length).toBe(2);
    started[1]!();
    await Promise.all(clicks);
    expect(started.length).toBe(2);
  });

  it('with no check running, checks at once', async () => {
    const { backend, started } = heldChecks();
    const asked = backend.syncNow();
    expect(started.length).toBe(1);
    started[0]!();
    await asked;
  });
});
