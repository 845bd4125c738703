import type { Page } from 'playwright';

/**
 * Records every animation frame's duration in the page from `start` to `stop`: what a user feels
 * while work (the cache host's, in the harness on the UI's thread) goes on behind the view.
 */
export async function startFrameRecorder(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __benchFrames?: number[]; __benchFramesStop?: boolean };
    w.__benchFrames = [];
    w.__benchFramesStop = false;
    let last = performance.now();
    const frame = (now: number): void => {
      w.__benchFrames!.push(now - last);
      last = now;
      if (!w.__benchFramesStop) requestAnimationFrame(frame);
    };
    requestAnimationFrame((now) => {
      last = now;
      requestAnimationFrame(frame);
    });
  });
}

/** Stops the recorder and returns the frames' durations, in ms. */
export async function stopFrameRecorder(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __benchFrames?: number[]; __benchFramesStop?: boolean };
    w.__benchFramesStop = true;
    return w.__benchFrames ?? [];
  });
}
