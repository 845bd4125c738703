import type { TestProject } from 'vitest/node';
import { startTestServers, type TestServerInfo } from './index';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test servers of this run; `inject('servers')` in a test. */
    servers: TestServerInfo;
  }
}

/** vitest globalSetup: one instance for the whole run, handed to the test workers as plain data. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const servers = await startTestServers();
  project.provide('servers', servers.info);
  return () => servers.stop();
}
