import { join } from 'node:path';
import { registerAppScheme } from './electron/app-protocol';
import { runPortholeApp } from './electron/app-lifecycle';

// Wiring only: the app's life is in ./electron/app-lifecycle; its core is the one the web harness runs.
registerAppScheme();

void runPortholeApp({
  rendererDir: join(__dirname, '..', 'renderer'),
  preloadDir: join(__dirname, '..', 'preload'),
  platform: process.platform,
  argv: process.argv,
  processEvents: process,
});
