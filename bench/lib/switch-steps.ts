import type { SwitchProgress } from '../../common/model/switch';

/**
 * Prints how long each step of a switch took, from its `switch:progress` events, so a slow figure
 * can be traced to its step. `subscribe` hands the listener to the core; the function returned
 * ends (and prints) the step under way.
 */
export function logSwitchSteps(subscribe: (listener: (progress: SwitchProgress) => void) => void): () => void {
  let step = '';
  let stepStarted = performance.now();
  const endStep = (): void => {
    if (step) console.log(`    ${step}: ${((performance.now() - stepStarted) / 1000).toFixed(1)} s`);
    step = '';
  };
  subscribe((progress) => {
    const name = `${progress.stage} ${progress.step}`;
    if (name === step) return;
    endStep();
    step = name;
    stepStarted = performance.now();
  });
  return endStep;
}
