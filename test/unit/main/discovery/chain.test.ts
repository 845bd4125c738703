import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DiscoveredSettings, DiscoverySource } from '../../../../common/model/discovery';
import { runChain, type ChainStep, type StepResult } from '../../../../main/discovery/chain';

function settings(source: DiscoverySource, overrides: Partial<DiscoveredSettings> = {}): DiscoveredSettings {
  return {
    source,
    foundWhere: source,
    foundWhereWords: { kind: 'guess' },
    providerName: null,
    imap: { host: `imap.${source}.test`, port: 993, security: 'tls', user: 'u' },
    pop3: null,
    smtp: { host: `smtp.${source}.test`, port: 465, security: 'tls', user: 'u' },
    oauthProvider: null,
    warnings: [],
    ...overrides,
  };
}

const found = (source: DiscoverySource, overrides: Partial<DiscoveredSettings> = {}): StepResult => {
  const proposal = settings(source, overrides);
  return { outcome: 'found', settings: proposal, notes: [{ kind: 'servers', servers: { imap: proposal.imap, pop3: proposal.pop3, smtp: proposal.smtp } }] };
};
const nothing = (source: DiscoverySource): StepResult => ({ outcome: 'nothing', notes: [{ kind: 'srvNothing', domain: `${source}.test` }] });

/** A step the test concludes by hand, recording whether it started and whether it was aborted. */
function manualStep(source: DiscoverySource, extra: Partial<ChainStep> = {}) {
  let conclude: (result: StepResult) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const state = { started: false, signal: null as AbortSignal | null };
  const step: ChainStep = {
    source,
    timeoutMs: 60_000,
    ...extra,
    run: (signal) => {
      state.started = true;
      state.signal = signal;
      return new Promise<StepResult>((resolve, reject) => {
        conclude = resolve;
        fail = reject;
      });
    },
  };
  return { step, state, conclude: (result: StepResult) => conclude(result), fail: (error: Error) => fail(error) };
}

async function settled<T>(promise: Promise<T>): Promise<{ done: boolean; value?: T }> {
  let outcome: { done: boolean; value?: T } = { done: false };
  void promise.then((value) => (outcome = { done: true, value }));
  await vi.advanceTimersByTimeAsync(0);
  return outcome;
}

describe('runChain', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits for an earlier step before taking a later one that answered first', async () => {
    const provider = manualStep('provider');
    const autoconfig = manualStep('autoconfig');
    const srv = manualStep('srv');
    const chain = runChain([provider.step, autoconfig.step, srv.step], { deadlineMs: 60_000 });
    srv.conclude(found('srv'));
    provider.conclude(nothing('provider'));
    expect((await settled(chain)).done).toBe(false);
    autoconfig.conclude(found('autoconfig'));
    const outcome = await chain;
    expect(outcome.found?.source).toBe('autoconfig');
    expect(outcome.steps.map((step) => [step.source, step.outcome])).toEqual([['provider', 'nothing'], ['autoconfig', 'found'], ['srv', 'found']]);
  });

  it('answers as soon as the first step has a complete answer, and stops the others', async () => {
    const provider = manualStep('provider');
    const autoconfig = manualStep('autoconfig');
    const chain = runChain([provider.step, autoconfig.step], { deadlineMs: 60_000 });
    provider.conclude(found('provider'));
    const outcome = await chain;
    expect(outcome.found?.source).toBe('provider');
    expect(outcome.steps[1]).toMatchObject({ source: 'autoconfig', outcome: 'not-needed', detail: 'Porthole’s list of providers answered first.', notes: [{ kind: 'answeredFirst', winner: 'provider' }] });
    expect(autoconfig.state.signal?.aborted).toBe(true);
  });

  it('never chooses a plain-text answer over a later TLS one, and takes it when it is all there is', async () => {
    const plain = { smtp: { host: 'smtp.autoconfig.test', port: 25, security: 'none' as const, user: 'u' } };
    const autoconfig = manualStep('autoconfig');
    const srv = manualStep('srv');
    const tlsChain = runChain([autoconfig.step, srv.step], { deadlineMs: 60_000 });
    autoconfig.conclude(found('autoconfig', plain));
    expect((await settled(tlsChain)).done).toBe(false);
    srv.conclude(found('srv'));
    expect((await tlsChain).found?.source).toBe('srv');

    const autoconfig2 = manualStep('autoconfig');
    const srv2 = manualStep('srv');
    const plainChain = runChain([autoconfig2.step, srv2.step], { deadlineMs: 60_000 });
    autoconfig2.conclude(found('autoconfig', plain));
    srv2.conclude(nothing('srv'));
    expect((await plainChain).found).toMatchObject({ source: 'autoconfig', smtp: { security: 'none' } });
  });

  it('prefers a complete answer to one without a sending server', async () => {
    const srv = manualStep('srv');
    const guess = manualStep('guess');
    const chain = runChain([srv.step, guess.step], { deadlineMs: 60_000 });
    srv.conclude(found('srv', { smtp: null }));
    guess.conclude(found('guess'));
    expect((await chain).found?.source).toBe('guess');
  });

  it('turns a step that throws or rejects into "failed" with its message, and goes on', async () => {
    const throwing: ChainStep = { source: 'provider', timeoutMs: 1_000, run: () => { throw new Error('table broken'); } };
    const rejecting = manualStep('autoconfig');
    const srv = manualStep('srv');
    const chain = runChain([throwing, rejecting.step, srv.step], { deadlineMs: 60_000 });
    rejecting.fail(new Error('socket exploded'));
    srv.conclude(found('srv'));
    const outcome = await chain;
    expect(outcome.steps.slice(0, 2)).toMatchObject([
      { outcome: 'failed', detail: 'Something unexpected went wrong: table broken', notes: [{ kind: 'unexpected', detail: 'table broken' }] },
      { outcome: 'failed', detail: 'Something unexpected went wrong: socket exploded', notes: [{ kind: 'unexpected', detail: 'socket exploded' }] },
    ]);
    expect(outcome.found?.source).toBe('srv');
  });

  it("ends a step at its own timeout, aborts its work, and ignores what it says afterwards", async () => {
    const provider = manualStep('provider', { timeoutMs: 5_000 });
    const autoconfig = manualStep('autoconfig');
    const chain = runChain([provider.step, autoconfig.step], { deadlineMs: 60_000 });
    autoconfig.conclude(found('autoconfig'));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(provider.state.signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    provider.conclude(found('provider'));
    const outcome = await chain;
    expect(provider.state.signal?.aborted).toBe(true);
    expect(outcome.steps[0]).toMatchObject({ outcome: 'timeout', detail: 'Stopped waiting after 5 s.', notes: [{ kind: 'stoppedWaiting', ms: 5_000 }], ms: 5_000 });
    expect(outcome.found?.source).toBe('autoconfig');
  });

  it('answers by the deadline when every step stalls', async () => {
    const steps = (['provider', 'autoconfig', 'srv'] as const).map((source) => manualStep(source));
    const chain = runChain(steps.map((s) => s.step), { deadlineMs: 9_500 });
    await vi.advanceTimersByTimeAsync(9_500);
    const outcome = await chain;
    expect(outcome.found).toBeNull();
    expect(outcome.steps.every((step) => step.outcome === 'timeout' && step.ms === 9_500)).toBe(true);
    expect(steps.every((s) => s.state.signal?.aborted)).toBe(true);
  });

  it('holds a step until the earlier ones found nothing, or until its hold is over', async () => {
    const provider = manualStep('provider');
    const guess = manualStep('guess', { holdMs: 3_000 });
    const chain = runChain([provider.step, guess.step], { deadlineMs: 60_000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(guess.state.started).toBe(false);
    provider.conclude(nothing('provider'));
    await vi.advanceTimersByTimeAsync(0);
    expect(guess.state.started).toBe(true);
    guess.conclude(found('guess'));
    expect((await chain).found?.source).toBe('guess');

    const slow = manualStep('srv');
    const guess2 = manualStep('guess', { holdMs: 3_000 });
    const chain2 = runChain([slow.step, guess2.step], { deadlineMs: 60_000 });
    await vi.advanceTimersByTimeAsync(2_999);
    expect(guess2.state.started).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(guess2.state.started).toBe(true);
    slow.conclude(nothing('srv'));
    guess2.conclude(nothing('guess'));
    expect((await chain2).found).toBeNull();
  });

  it('never starts a held step when an earlier one answered', async () => {
    const provider = manualStep('provider');
    const guess = manualStep('guess', { holdMs: 3_000 });
    const chain = runChain([provider.step, guess.step], { deadlineMs: 60_000 });
    provider.conclude(found('provider'));
    const outcome = await chain;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(guess.state.started).toBe(false);
    expect(outcome.steps[1]).toMatchObject({ source: 'guess', outcome: 'not-needed' });
  });

  it('reports found: null when nothing answered, with every step said', async () => {
    const outcome = await runChain([{ source: 'provider', timeoutMs: 10, run: () => Promise.resolve(nothing('provider')) }], { deadlineMs: 100 });
    expect(outcome).toEqual({
      found: null,
      steps: [{ source: 'provider', outcome: 'nothing', detail: 'provider.test publishes no mail servers in its DNS service records.', notes: [{ kind: 'srvNothing', domain: 'provider.test' }], ms: 0 }],
    });
    expect(await runChain([], { deadlineMs: 100 })).toEqual({ found: null, steps: [] });
  });
});
