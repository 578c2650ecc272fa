import { configDefaults, defineConfig } from 'vitest/config';
import { runOnceSuites } from './test/run-once.js';

/**
 * Two projects run the same suites: one on a SQLite file, one on the machine's PostgreSQL.
 * Browser tests (e2e/) run against a real server in Debian's Chromium. Suites that open no database
 * (test/run-once.ts) run in the SQLite project only.
 */
export default defineConfig({
  test: {
    // Test servers run in the test's process and mostly wait on PostgreSQL, Chromium or timers, so
    // more files than cores can run at once (vitest's default is one fewer than the cores: 1 here).
    maxWorkers: Number(process.env.TRIBUNE_TEST_WORKERS ?? 3),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'sqlite', include: ['test/**/*.test.{ts,tsx}', 'e2e/**/*.test.ts'], env: { TRIBUNE_TEST_DB: 'sqlite' } },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['test/**/*.test.{ts,tsx}', 'e2e/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...runOnceSuites],
          env: { TRIBUNE_TEST_DB: 'postgres' },
        },
      },
    ],
  },
});
