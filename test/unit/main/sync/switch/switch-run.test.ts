import { describe, expect, it } from 'vitest';
import type { SwitchProgress } from '../../../../../common/model/switch';
import { SwitchCancelled, SwitchRun } from '../../../../../main/sync/switch/switch-run';

describe('SwitchRun (issue 12 item 3)', () => {
  it('reports each step’s start and end, and at most every 100 ms in between', () => {
    const seen: SwitchProgress[] = [];
    const run = new SwitchRun('switch', (p) => seen.push(p));
    for (let done = 0; done <= 6_046; done += 1) run.progress('matching', done, 6_046);
    expect(seen[0]).toEqual({ stage: 'switch', step: 'matching', done: 0, total: 6_046, canCancel: true });
    expect(seen.at(-1)).toMatchObject({ done: 6_046, total: 6_046 });
    expect(seen.length).toBeLessThan(100);
  });

  it('stops at the next checkpoint once cancelled', () => {
    const run = new SwitchRun('preview');
    expect(run.cancel()).toBe(true);
    expect(() => run.progress('reading-server', 10, 100)).toThrow(SwitchCancelled);
  });

  it('refuses Cancel once the server is being changed, and says so in its progress', () => {
    const seen: SwitchProgress[] = [];
    const run = new SwitchRun('switch', (p) => seen.push(p));
    run.pointOfNoReturn();
    expect(run.cancel()).toBe(false);
    run.progress('states', 0, 3);
    expect(seen).toEqual([{ stage: 'switch', step: 'states', done: 0, total: 3, canCancel: false }]);
  });
});
