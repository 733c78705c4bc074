/**
 * Starts Trellis: configuration, database (embedded PGlite unless DATABASE_URL), migrations, the demo organisation on
 * first start, then the API and the web app from one process.
 */
import { loadConfig } from './config.ts';
import { openDatabase } from './db/index.ts';
import { buildApp } from './app.ts';
import { systemClock } from './clock.ts';
import { seedDemoIfEmpty, DEMO_PASSWORD, DEMO_SIGN_INS } from './seed/demo.ts';
import { generateUpcomingSessions } from './features/sessions/generate.ts';
import { startAuditSealing } from './audit/start.ts';

const config = loadConfig();
const started = Date.now();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
const where = database.kind === 'postgres' ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`;
console.log(`Trellis: database ready (${where}) in ${Date.now() - started} ms`);
if (database.kind === 'pglite') {
  console.log('Trellis: embedded mode keeps data on this machine only; production data belongs on a PostgreSQL server.');
}

if (config.seedDemo) {
  const seeded = await seedDemoIfEmpty(database.db, systemClock);
  if (seeded) console.log(`Trellis: seeded the demo organisation (${seeded.participants} participants)`);
}

// Keep every track's calendar SESSION_HORIZON_WEEKS ahead: now, and every six hours while running.
const rollCalendar = async () => {
  const created = await generateUpcomingSessions(database.db, systemClock.now());
  if (created) console.log(`Trellis: generated ${created} upcoming sessions`);
};
await rollCalendar();
setInterval(() => void rollCalendar().catch((e: unknown) => console.error('calendar roll failed', (e as Error).name)), 6 * 3_600_000).unref();

const { app } = await buildApp({ db: database.db, dbKind: database.kind, clock: systemClock, config });
const sealer = await startAuditSealing(database.db, config.dataDir, systemClock);
await app.listen({ port: config.port, host: config.host });

const url = `http://localhost:${config.port}`;
console.log(`\nTrellis is running at ${url}  (API docs: ${url}/api/docs)`);
if (config.seedDemo) {
  console.log(`Demo sign-ins (password "${DEMO_PASSWORD}"):`);
  for (const s of DEMO_SIGN_INS) console.log(`  ${s.email.padEnd(24)} ${s.role}`);
}

const shutdown = async () => {
  await app.close();
  await sealer.stop();
  await database.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
