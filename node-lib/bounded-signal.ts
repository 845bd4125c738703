/**
 * A request's signal: aborted after `ms` with a TimeoutError (as `AbortSignal.timeout` would), or
 * when `cancel` is. Not `AbortSignal.any` over `AbortSignal.timeout`: Node 20 holds the sources of
 * `any` weakly, so a timeout signal nothing else held could be collected before it fired (Node's
 * issue 57736), and a stalled token endpoint then held the sign-in for good (an integration test of
 * one hung 60 s in a full run). The timer here holds the controller.
 */
export function boundedSignal(ms: number, cancel?: AbortSignal): AbortSignal {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ms);
  timer.unref();
  if (cancel?.aborted) controller.abort(cancel.reason);
  cancel?.addEventListener(
    'abort',
    () => {
      clearTimeout(timer);
      controller.abort(cancel.reason);
    },
    { once: true },
  );
  return controller.signal;
}
