import { setMaxListeners } from 'node:events';
import type { DiscoveredSettings, DiscoverySource, DiscoveryStep } from '../../common/model/discovery';
import { stepNotesEnglish, type StepNote } from '../../common/model/discovery-notes';
import { isComplete } from './proposal';

/** What one step concluded (a timeout and "not needed" are the chain's to say). */
export type StepResult = { outcome: 'found'; settings: DiscoveredSettings; notes: StepNote[] } | { outcome: 'nothing' | 'failed'; notes: StepNote[] };

export interface ChainStep {
  source: DiscoverySource;
  /** From the step's start; past it the step is `timeout` and its work is aborted. */
  timeoutMs: number;
  /**
   * Start only once every earlier step has concluded without a complete answer, or after this long
   * anyway (so the whole chain stays inside its deadline); absent: at once, in parallel.
   */
  holdMs?: number;
  run(signal: AbortSignal): Promise<StepResult>;
}

export interface ChainOutcome {
  found: DiscoveredSettings | null;
  steps: DiscoveryStep[];
}

/**
 * Runs the steps in parallel (each under its own timeout, all under `deadlineMs`) and picks the
 * first good answer in the steps' order: a complete answer (incoming and sending, all with TLS) wins
 * as soon as every earlier step has concluded without one; when none is complete, the first partial
 * or plain-text answer, once all have concluded, so a plain-text result is never chosen over a TLS
 * one. Steps still running when the answer is known are aborted and reported `not-needed`. Never
 * rejects: a step that throws is `failed` with its message.
 */
export function runChain(steps: readonly ChainStep[], options: { deadlineMs: number; now?: () => number }): Promise<ChainOutcome> {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const results: Array<(Omit<DiscoveryStep, 'detail'> & { settings?: DiscoveredSettings }) | undefined> = steps.map(() => undefined);
  const controllers = steps.map(() => {
    const controller = new AbortController();
    // Guessing probes twenty servers at once, each listening for the step's abort.
    setMaxListeners(64, controller.signal);
    return controller;
  });
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const started = steps.map(() => false);
  let finished = false;

  return new Promise<ChainOutcome>((resolve) => {
    const later = (ms: number, action: () => void): void => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        action();
      }, ms);
      timers.add(timer);
    };

    const finish = (winner: number | null): void => {
      finished = true;
      for (const timer of timers) clearTimeout(timer);
      const report = steps.map((step, index): DiscoveryStep => {
        const result = results[index];
        if (result) return { source: result.source, outcome: result.outcome, detail: stepNotesEnglish(result.notes), notes: result.notes, ms: result.ms };
        controllers[index]!.abort();
        // A step still running is stopped only once a winner is known.
        const notes: StepNote[] = winner === null ? [] : [{ kind: 'answeredFirst', winner: steps[winner]!.source }];
        return { source: step.source, outcome: 'not-needed', detail: stepNotesEnglish(notes), notes, ms: now() - startedAt };
      });
      resolve({ found: winner === null ? null : results[winner]!.settings!, steps: report });
    };

    const decide = (): void => {
      if (finished) return;
      for (let index = 0; index < steps.length; index += 1) {
        const result = results[index];
        if (!result) break;
        if (result.settings && isComplete(result.settings)) return finish(index);
      }
      if (results.every((result) => result !== undefined)) {
        const firstFound = results.findIndex((result) => result?.settings !== undefined);
        return finish(firstFound >= 0 ? firstFound : null);
      }
      startHeldSteps();
    };

    const conclude = (index: number, result: StepResult | { outcome: 'timeout'; notes: StepNote[] }): void => {
      if (finished || results[index]) return;
      controllers[index]!.abort();
      results[index] = {
        source: steps[index]!.source,
        outcome: result.outcome,
        notes: result.notes,
        ms: now() - startedAt,
        ...(result.outcome === 'found' ? { settings: result.settings } : {}),
      };
      decide();
    };

    const start = (index: number): void => {
      if (started[index] || finished) return;
      started[index] = true;
      const step = steps[index]!;
      later(step.timeoutMs, () => conclude(index, { outcome: 'timeout', notes: [{ kind: 'stoppedWaiting', ms: step.timeoutMs }] }));
      let running: Promise<StepResult>;
      try {
        running = step.run(controllers[index]!.signal);
      } catch (error) {
        running = Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      running.then(
        (result) => conclude(index, result),
        (error: unknown) => conclude(index, { outcome: 'failed', notes: [{ kind: 'unexpected', detail: error instanceof Error ? error.message : String(error) }] }),
      );
    };

    /** A held step starts once everything before it has concluded without a complete answer. */
    const startHeldSteps = (): void => {
      steps.forEach((step, index) => {
        if (started[index] || step.holdMs === undefined) return;
        if (results.slice(0, index).every((result) => result !== undefined)) start(index);
      });
    };

    later(options.deadlineMs, () => {
      steps.forEach((step, index) => {
        if (!results[index]) {
          controllers[index]!.abort();
          results[index] = { source: step.source, outcome: 'timeout', notes: [{ kind: 'deadline', ms: options.deadlineMs }], ms: now() - startedAt };
        }
      });
      decide();
    });
    steps.forEach((step, index) => {
      if (step.holdMs === undefined) start(index);
      else later(step.holdMs, () => start(index));
    });
    decide();
  });
}
