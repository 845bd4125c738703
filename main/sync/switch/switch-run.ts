import type { SwitchProgress, SwitchStep } from '../../../common/model/switch';

/** Thrown at a checkpoint once the user cancelled; the caller undoes what the cache holds and keeps the old mode. */
export class SwitchCancelled extends Error {
  constructor() {
    super('The switch was cancelled.');
  }
}

/** Progress reports at most this often per step (a switch counts thousands of messages a second). */
const REPORT_EVERY_MS = 100;

/**
 * One running preview or switch of one device: reports its progress and honours a Cancel at its
 * checkpoints — until the server starts being changed, after which it runs to the end (a half
 * pushed set of flags or half moved folder could not be taken back).
 */
export class SwitchRun {
  private cancelRequested = false;
  private cancellable = true;
  private lastReport = { step: '', at: 0 };

  constructor(
    readonly stage: SwitchProgress['stage'],
    private readonly report: (progress: SwitchProgress) => void = () => undefined,
  ) {}

  /** Asks the run to stop; false when it can no longer stop (it is changing the server). */
  cancel(): boolean {
    if (!this.cancellable) return false;
    this.cancelRequested = true;
    return true;
  }

  checkpoint(): void {
    if (this.cancelRequested) throw new SwitchCancelled();
  }

  /** A checkpoint that also tells the dialog how far this step is (throttled, but a step's start and end always). */
  progress(step: SwitchStep, done: number, total: number): void {
    this.checkpoint();
    const now = Date.now();
    if (step === this.lastReport.step && done !== 0 && done < total && now - this.lastReport.at < REPORT_EVERY_MS) return;
    this.lastReport = { step, at: now };
    this.report({ stage: this.stage, step, done, total, canCancel: this.cancellable });
  }

  /** The last checkpoint: from here on the server (or the visible cache) is changed, and Cancel is refused. */
  pointOfNoReturn(): void {
    this.checkpoint();
    this.cancellable = false;
  }
}
