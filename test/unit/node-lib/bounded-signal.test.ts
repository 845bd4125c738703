import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { boundedSignal } from '../../../node-lib/bounded-signal';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

describe('boundedSignal', () => {
  it('aborts with a TimeoutError after its time, collections meanwhile, and nothing but the request holding it', async () => {
    const cancel = new AbortController();
    const reason = await new Promise<unknown>((resolve) => {
      boundedSignal(100, cancel.signal).addEventListener('abort', (event) => resolve((event.target as AbortSignal).reason));
      collectGarbage();
      setTimeout(collectGarbage, 20);
    });
    expect(reason).toMatchObject({ name: 'TimeoutError' });
  });

  it('aborts with the reason of the signal it follows, at once if that is aborted already', () => {
    const cancel = new AbortController();
    const signal = boundedSignal(60_000, cancel.signal);
    cancel.abort(new Error('cancelled by the user'));
    expect(signal.reason).toMatchObject({ message: 'cancelled by the user' });
    expect(boundedSignal(60_000, cancel.signal).aborted).toBe(true);
  });
});
