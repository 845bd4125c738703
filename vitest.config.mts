import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

// The real Dovecot + SMTP servers; vitest runs a project's global setup only when one of its files
// is queued, and global-setup.ts starts one instance for every project of the run that lists it.
const WITH_SERVERS = ['test/servers/global-setup.ts'];

// Unit tests that are slow by design, left out of `npm run test:unit` (the `slow` project; `npm test`
// runs them, in processes of their own as before). Figures on this machine's 2 cores, alone.
const SLOW_UNIT = [
  // Tens to hundreds of MB through the code, to prove memory stays bounded and the event loop turns:
  // 21, 11, 5 and 3 s alone, minutes when the machine is busy (they measure their process's memory).
  'test/unit/main/sync/pop3/extract-parts.test.ts',
  'test/unit/main/sync/pop3/pop-check-large.test.ts',
  'test/unit/main/mime/parse-message-responsive.test.ts',
  'test/unit/main/electron/cache-pieces-ipc.test.ts',
  // The product's real reconnect back-off (1, 2, 4 s …) against a hostile fake server: 35 s of waiting.
  'test/unit/main/sync/imap/hostile-server.test.ts',
  // One ESLint a file with the typed configuration: its first lint loads typescript-eslint and builds
  // the TypeScript program, 3 to 9 s a file (4 s on a busy machine even without type information).
  'test/unit/layering.test.ts',
  'test/unit/sandbox-layering.test.ts',
  'test/unit/renderer/cache/cache-writer-layering.test.ts',
  'test/unit/renderer/i18n/bypass.test.ts',
];

// Integration tests that replace a module (vi.mock): they run isolated, as every file did before.
const MOCKS_MODULES = ['test/integration/oauth-electron.test.ts'];

// One runner, six projects: `vitest run --project unit` (no servers, seconds) up to `vitest run`
// (everything); `vitest run <file>` picks the file's project and starts servers only if it needs them.
export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Projects run in groups, one after the other: unit first (0), then the rest (1).
    sequence: { groupOrder: 1 },
    reporters: ['default'],
    projects: [
      // Pure code, fake servers on 127.0.0.1, fake-indexeddb, fake Electron. vitest's default is one
      // worker less than the cores (a single one on 2 cores), kept by the other projects as before;
      // unit files use every core, in worker threads, which start cheaper than processes (on 2
      // cores: about 29 s instead of 45 s in one process or 35 s in two).
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...SLOW_UNIT],
          pool: 'threads',
          maxWorkers: availableParallelism(),
          sequence: { groupOrder: 0 },
        },
      },
      { extends: true, test: { name: 'slow', include: SLOW_UNIT } },
      // The projects below run their files one after another in one process that keeps its modules
      // (isolate: false): each file imported playwright, the core and the test servers' helpers
      // afresh, about a second a file. On this machine's 2 cores, 25 integration files took 66 s
      // instead of 107 s, and all 110 files of these projects 1,366 s instead of about 1,480 s. A file leaves nothing behind for the next: one that mocks a module runs apart
      // (MOCKS_MODULES), and what a file sets on the process (an environment variable) it undoes.
      // The sandbox server in the test process; Python's imaplib/poplib as other clients.
      { extends: true, test: { name: 'sandbox', include: ['test/sandbox/**/*.test.ts'], isolate: false } },
      // The core in the test process against real Dovecot and SMTP.
      {
        extends: true,
        test: { name: 'integration', include: ['test/integration/**/*.test.ts'], exclude: [...configDefaults.exclude, ...MOCKS_MODULES], globalSetup: WITH_SERVERS, isolate: false },
      },
      // The Electron glue against a stand-in `electron` module (vi.mock), in a process of its own.
      { extends: true, test: { name: 'integration-mocked', include: MOCKS_MODULES } },
      // The built harness (dist/) in Chromium, against real Dovecot and SMTP.
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: WITH_SERVERS, isolate: false } },
    ],
  },
});
