/**
 * Once per browser-test run: a data directory migrated to the current schema, and one migrated and seeded with the
 * demo organisation at DEFAULT_MOMENT. Each test's server starts from a copy of one of them (e2e/support.ts), so the
 * run migrates once and seeds the usual moment once instead of once per server; a server at another moment still
 * seeds its own demo from its clock. `e2e/second-start.e2e.ts` still starts from nothing, as `npm start` does.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { DEFAULT_MOMENT, spawnServer } from './server.ts';

export interface E2eDataTemplates {
  /** Migrated, no organisation. */
  migrated: string;
  /** Migrated, with the demo organisation seeded at DEFAULT_MOMENT. */
  seeded: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2eTemplates: E2eDataTemplates;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const started = Date.now();
  const migratedServer = await spawnServer({ env: { TRELLIS_SEED_DEMO: 'false' } });
  await migratedServer.shutDown();
  const seededServer = await spawnServer({ moment: DEFAULT_MOMENT, from: migratedServer.dataDir });
  await seededServer.shutDown();
  project.provide('e2eTemplates', { migrated: migratedServer.dataDir, seeded: seededServer.dataDir });
  console.log(`e2e: migrated and seeded data directories ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return () => {
    for (const dir of [migratedServer.dataDir, seededServer.dataDir]) rmSync(join(dir, '..'), { recursive: true, force: true });
  };
}
