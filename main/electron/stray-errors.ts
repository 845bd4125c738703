/** What a stray error is reported to once the app runs: the log and, in words, the user. */
export interface StrayErrorReport {
  log(text: string): void;
  notify(text: string): void;
}

/**
 * The last resort once Porthole is running: an error nothing caught (a throw in an event handler,
 * a rejected promise nobody awaited) is logged and shown, and the app keeps running — one bad
 * message or response must not close every window. Start-up installs this only after it
 * succeeded; a failure before that ends in an error box and exit. Returns the uninstaller.
 */
export function keepRunningOnStrayErrors(processEvents: NodeJS.EventEmitter, report: StrayErrorReport): () => void {
  const describe = (error: unknown): string => (error instanceof Error ? (error.stack ?? error.message) : String(error));
  const onException = (error: unknown): void => {
    report.log(`Porthole: an error nothing caught (the app keeps running): ${describe(error)}`);
    report.notify('Something went wrong inside Porthole; what you were doing may not have finished. Porthole keeps running.');
  };
  const onRejection = (reason: unknown): void => {
    report.log(`Porthole: a promise failed and nothing handled it (the app keeps running): ${describe(reason)}`);
  };
  processEvents.on('uncaughtException', onException);
  processEvents.on('unhandledRejection', onRejection);
  return () => {
    processEvents.removeListener('uncaughtException', onException);
    processEvents.removeListener('unhandledRejection', onRejection);
  };
}
