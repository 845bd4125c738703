import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../../../main/protocols/protocol-error';
import { RefreshingTokenSource, type TokenHolder } from '../../../../main/oauth/refreshing-token-source';
import type { StoredTokens } from '../../../../main/oauth/stored-tokens';

// The refresh policy on its own (the real provider's side is in test/integration/oauth-flow.test.ts):
// the "provider" here is a counter whose refreshes the test releases one by one.
const NOW = 1_000_000;

function setup(initial: StoredTokens, lifetimeMs: number) {
  let stored: StoredTokens | null = initial;
  const holder: TokenHolder = {
    load: () => Promise.resolve(stored),
    store: (tokens) => {
      stored = tokens;
      return Promise.resolve();
    },
  };
  const pending: Array<{ from: StoredTokens; answer: (tokens: StoredTokens | Error) => void }> = [];
  let issued = 0;
  const refresh = (from: StoredTokens) =>
    new Promise<StoredTokens>((resolve, reject) => {
      pending.push({ from, answer: (result) => (result instanceof Error ? reject(result) : resolve(result)) });
    });
  const source = new RefreshingTokenSource(holder, refresh, () => NOW, () => new ProtocolError({ code: 'OAUTH_SIGN_IN_AGAIN', message: 'none' }));
  const next = (): StoredTokens => ({ provider: 'p', accessToken: `refreshed-${++issued}`, refreshToken: `r-${issued}`, expiresAt: NOW + lifetimeMs });
  /** Waits for the source to ask for a refresh, then answers it. */
  const answer = async (result: StoredTokens | Error = next()) => {
    while (pending.length === 0) await new Promise((resolve) => setImmediate(resolve));
    pending.shift()!.answer(result);
  };
  return { source, answer, pending, stored: () => stored, next };
}

const token = (accessToken: string, expiresAt: number | null): StoredTokens => ({ provider: 'p', accessToken, refreshToken: 'r-0', expiresAt });

describe('RefreshingTokenSource', () => {
  it('uses a token far from its end as it is, and refreshes one within the minute', async () => {
    const far = setup(token('old', NOW + 3_600_000), 3_600_000);
    expect(await far.source.accessToken()).toBe('old');
    const near = setup(token('old', NOW + 59_000), 3_600_000);
    const got = near.source.accessToken();
    await near.answer();
    expect(await got).toBe('refreshed-1');
    expect(near.stored()?.refreshToken).toBe('r-1');
  });

  it('callers that come while a refresh is under way share it, even when the new token lives less than the margin', async () => {
    const s = setup(token('old', NOW - 1), 2_000);
    const first = s.source.accessToken();
    await new Promise((resolve) => setImmediate(resolve));
    const second = s.source.accessToken();
    const rejected = s.source.afterRejection('old');
    await s.answer();
    expect(await Promise.all([first, second, rejected])).toEqual(['refreshed-1', 'refreshed-1', 'refreshed-1']);
    expect(s.pending).toHaveLength(0);
  });

  it('after a rejection: the newer token another login got, unless that one ends soon too', async () => {
    const s = setup(token('newer', NOW + 3_600_000), 3_600_000);
    expect(await s.source.afterRejection('older')).toBe('newer');
    const short = setup(token('newer', NOW + 1_000), 3_600_000);
    const got = short.source.afterRejection('older');
    await short.answer();
    expect(await got).toBe('refreshed-1');
  });

  it('a refused refresh is remembered until reset, and the stored tokens are kept', async () => {
    const s = setup(token('old', NOW - 1), 3_600_000);
    const refused = new ProtocolError({ code: 'OAUTH_SIGN_IN_AGAIN', message: 'revoked' });
    const first = s.source.accessToken();
    await s.answer(refused);
    await expect(first).rejects.toBe(refused);
    await expect(s.source.accessToken()).rejects.toBe(refused);
    expect(s.pending).toHaveLength(0);
    expect(s.stored()?.accessToken).toBe('old');
    s.source.reset();
    const again = s.source.accessToken();
    await s.answer();
    expect(await again).toBe('refreshed-1');
  });

  it('a refresh begun before a new sign-in does not store over its tokens', async () => {
    const s = setup(token('old', NOW - 1), 3_600_000);
    const stale = s.source.accessToken();
    await new Promise((resolve) => setImmediate(resolve));
    s.source.reset();
    await s.answer();
    await stale;
    expect(s.stored()?.accessToken).toBe('old');
  });

  it('a failure that is not a refusal (no answer, network) is tried again at the next login', async () => {
    const s = setup(token('old', NOW - 1), 3_600_000);
    const failed = s.source.accessToken();
    await s.answer(new ProtocolError({ code: 'OAUTH_FAILED', message: 'no answer' }));
    await expect(failed).rejects.toMatchObject({ wire: { code: 'OAUTH_FAILED' } });
    const again = s.source.accessToken();
    await s.answer();
    expect(await again).toBe('refreshed-1');
  });
});
