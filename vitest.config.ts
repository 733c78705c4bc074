import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Both cores: Vitest's default on a two-core machine is one worker, which left a core idle for the API suites
    // (PGlite runs inside the worker, so a second worker is a second core's worth of work).
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'core',
          include: ['packages/core/src/**/*.test.ts'],
        },
      },
      {
        esbuild: { jsx: 'automatic' },
        test: {
          name: 'web',
          include: ['apps/web/src/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['apps/web/src/test/setup.ts'],
          // Typing into Mantine inputs takes a few seconds on a busy two-core machine.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'server',
          include: ['apps/server/src/**/*.test.ts'],
          // One migrated template per run; each suite's database is a copy of it.
          globalSetup: ['apps/server/src/testing/global-setup.ts'],
          // Each suite opens its own database; a few tests seed the whole demo organisation, which takes tens of
          // seconds when the two cores are shared with other work.
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          // Suites share a worker's loaded modules (the server, PGlite's compiled WebAssembly) instead of importing them
          // afresh per file: about 40% less CPU for the API run. Each suite still opens its own database and app, and
          // no server test mocks modules.
          isolate: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          // Migrates once and seeds the usual moment once per run; each server starts from a copy (e2e/support.ts).
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          pool: 'forks',
          // A page loads after navigation: expect.poll waits up to 10 s (its default of 1 s fails on a busy machine).
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
