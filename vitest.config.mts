import { defineConfig } from 'vitest/config';

// One runner for unit, integration (real Dovecot + SMTP, started once per run) and e2e (Chromium).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/servers/global-setup.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
