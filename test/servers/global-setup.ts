import type { TestProject } from 'vitest/node';
import { startTestServers, type RunningTestServers, type TestServerInfo } from './index';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test servers of this run; `inject('servers')` in a test. */
    servers: TestServerInfo;
  }
}

/**
 * The projects of one run that list this setup (integration, e2e) share one instance, as they did
 * when there was a single project; vitest may load this module once per project, so the instance
 * is kept on the main process's global object. The last project's teardown stops it.
 */
interface SharedServers {
  running: Promise<RunningTestServers>;
  users: number;
}
const SHARED_KEY = Symbol.for('porthole.testServers');
const holder = globalThis as typeof globalThis & { [SHARED_KEY]?: SharedServers };

/** vitest globalSetup: one instance for the whole run, handed to the test workers as plain data. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const shared = (holder[SHARED_KEY] ??= { running: startTestServers(), users: 0 });
  shared.users += 1;
  let servers: RunningTestServers;
  try {
    servers = await shared.running;
  } catch (error) {
    if (--shared.users === 0) delete holder[SHARED_KEY];
    throw error;
  }
  project.provide('servers', servers.info);
  return async () => {
    if (--shared.users > 0) return;
    delete holder[SHARED_KEY];
    await servers.stop();
  };
}
