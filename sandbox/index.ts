// The sandbox server's one entry point: the core (main/) imports the sandbox only from here, the
// lint enforces it (eslint.config.mjs), so what the sandbox offers the product is this list.
export { DEFAULT_PERSONALITY } from './personality';
export { sandboxAccountName } from './sample/sample-texts';
export { startSandboxServer, type SandboxServer, type SandboxServerInfo, type SandboxServerOptions } from './sandbox-server';
