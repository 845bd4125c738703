/**
 * The harness's last line of defence: an error no code caught (a thrown exception in a callback,
 * a rejected promise nobody awaited) is logged and the core keeps running. One bad request or one
 * bug in one account costs that request, never every account's connections and the open pages.
 * Only the message and the stack are logged: errors here never carry passwords or message bodies.
 */
export function keepRunningOnUncaughtErrors(log: (line: string) => void = (line) => console.error(line)): void {
  const report = (kind: string) => (error: unknown): void => {
    const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
    log(`Porthole: ${kind} was caught; the harness keeps running. ${detail}`);
  };
  process.on('uncaughtException', report('an unexpected error'));
  process.on('unhandledRejection', report('an unhandled rejected promise'));
}
