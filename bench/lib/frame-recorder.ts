import type { Page } from 'playwright';

/**
 * Records every animation frame's duration in the page from `start` to `stop`: what a user feels
 * while work (the cache host's, in the harness on the UI's thread) goes on behind the view. It
 * also keeps Chromium's long-animation-frame entries (over 50 ms), which say what filled a long
 * frame: which scripts, and how long style, layout and paint took.
 */
export async function startFrameRecorder(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __benchFrames?: number[]; __benchFramesStop?: boolean; __benchLongFrames?: string[]; __benchLongObserver?: PerformanceObserver };
    w.__benchFrames = [];
    w.__benchFramesStop = false;
    w.__benchLongFrames = [];
    const started = performance.now();
    interface ScriptTiming { duration: number; invoker: string; invokerType: string; sourceURL: string; sourceFunctionName: string; forcedStyleAndLayoutDuration: number }
    interface LongFrame { startTime: number; duration: number; blockingDuration: number; renderStart: number; styleAndLayoutStart: number; scripts: ScriptTiming[] }
    if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
      w.__benchLongObserver = new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as LongFrame[]) {
          const render = entry.renderStart > 0 ? entry.startTime + entry.duration - entry.renderStart : 0;
          const layout = entry.styleAndLayoutStart > 0 ? entry.startTime + entry.duration - entry.styleAndLayoutStart : 0;
          const scripts = entry.scripts
            .map((s) => `${s.invokerType} ${s.invoker || ''} ${s.sourceFunctionName || '?'}@${s.sourceURL.split('/').pop() ?? ''} ${s.duration.toFixed(0)} ms${s.forcedStyleAndLayoutDuration > 1 ? ` (forced layout ${s.forcedStyleAndLayoutDuration.toFixed(0)})` : ''}`)
            .join('; ');
          w.__benchLongFrames!.push(
            `${entry.duration.toFixed(0)} ms at ${((entry.startTime - started) / 1000).toFixed(1)} s: blocking ${entry.blockingDuration.toFixed(0)}, render ${render.toFixed(0)}, style+layout ${layout.toFixed(0)}; scripts: ${scripts || 'none'}`,
          );
        }
      });
      w.__benchLongObserver.observe({ type: 'long-animation-frame' });
    }
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

/** Stops the recorder and returns the frames' durations, in ms, and what Chromium saw in each long one. */
export async function stopFrameRecorder(page: Page): Promise<{ frames: number[]; longFrames: string[] }> {
  return page.evaluate(() => {
    const w = window as unknown as { __benchFrames?: number[]; __benchFramesStop?: boolean; __benchLongFrames?: string[]; __benchLongObserver?: PerformanceObserver };
    w.__benchFramesStop = true;
    w.__benchLongObserver?.disconnect();
    return { frames: w.__benchFrames ?? [], longFrames: w.__benchLongFrames ?? [] };
  });
}
