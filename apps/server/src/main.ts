/**
 * Starts Trellis: configuration, database (embedded PGlite unless DATABASE_URL), migrations, the demo organisation on
 * first start, then the API and the web app from one process.
 */
import { isIP } from 'node:net';
import { loadConfig } from './config.ts';
import { appLoginCanBecomeOwner, DataDirLockedError, openDatabase, underStartupLock, type Db } from './db/index.ts';
import { buildApp } from './app.ts';
import { clockFrom, systemClock } from './clock.ts';
import { seedDemoIfEmpty, DEMO_PARTICIPANT_EMAIL, DEMO_PASSWORD, DEMO_SIGN_INS } from './seed/demo.ts';
import { generateUpcomingSessions } from './features/sessions/generate.ts';
import { AuditKeyMismatchError, startAuditSealing } from './audit/start.ts';
import { startOutboxDelivery } from './mail/outbox-delivery.ts';

const config = loadConfig();
const clock = config.clockStart ? clockFrom(config.clockStart) : systemClock;
if (config.clockStart) console.log(`Trellis: the clock was set to start at ${config.clockStart} (TRELLIS_CLOCK; for tests only)`);
const started = Date.now();
const database = await openDatabase({ url: config.databaseUrl, migrationUrl: config.migrationDatabaseUrl, dataDir: config.dataDir }).catch((error: unknown) => {
  if (!(error instanceof DataDirLockedError)) throw error;
  console.error(`Trellis: ${error.message}`);
  process.exit(1);
});
const where = database.kind === 'postgres' ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`;
console.log(`Trellis: database ready (${where}) in ${Date.now() - started} ms`);
if (database.kind === 'pglite') {
  console.log('Trellis: embedded mode keeps data on this machine only; production data belongs on a PostgreSQL server.');
} else if (await appLoginCanBecomeOwner(database.db)) {
  console.log(
    'Trellis: the database login owns the tables, so it could leave the trellis_app role and rewrite the audit trail. ' +
      'In production connect DATABASE_URL as a login that is only a member of trellis_app, and give migrations the owner in TRELLIS_MIGRATION_DATABASE_URL.',
  );
}

if (config.seedDemo) {
  // Under the start-up lock: processes starting together on a new database seed it once.
  const seeded = await underStartupLock(database.db, (tx) => seedDemoIfEmpty(tx as unknown as Db, clock));
  if (seeded) console.log(`Trellis: seeded the demo organisation (${seeded.participants} participants)`);
}

// Keep every track's calendar SESSION_HORIZON_WEEKS ahead: now, and every six hours while running.
const rollCalendar = async () => {
  const created = await generateUpcomingSessions(database.db, clock.now());
  if (created) console.log(`Trellis: generated ${created} upcoming sessions`);
};
await rollCalendar();
setInterval(() => void rollCalendar().catch((e: unknown) => console.error('calendar roll failed', (e as Error).name)), 6 * 3_600_000).unref();

const { app } = await buildApp({ db: database.db, dbKind: database.kind, clock, config });
const sealer = await startAuditSealing(database.db, config.dataDir, clock).catch((error: unknown) => {
  if (!(error instanceof AuditKeyMismatchError)) throw error;
  console.error(`Trellis: ${error.message}`);
  process.exit(1);
});
const outboxDelivery = startOutboxDelivery({ db: database.db, clock }, config);
if (outboxDelivery) console.log(`Trellis: sending the outbox through ${config.smtp.host}:${config.smtp.port}`);
await app.listen({ port: config.port, host: config.host });

const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : isIP(config.host) === 6 ? `[${config.host}]` : config.host;
const url = `http://${shown}:${config.port}`;
console.log(`\nTrellis is running at ${url}  (API docs: ${url}/api/docs)`);
if (config.seedDemo) {
  console.log(`Demo sign-ins (password "${DEMO_PASSWORD}"):`);
  for (const s of DEMO_SIGN_INS) console.log(`  ${s.email.padEnd(24)} ${s.role}`);
  console.log(`  ${DEMO_PARTICIPANT_EMAIL.padEnd(24)} participant (the portal, /portal)`);
  if (!isLoopbackHost(config.host) && !config.allowDemoRemote) {
    console.log('The demo organisation answers only on this machine (TRELLIS_ALLOW_DEMO_REMOTE=true to serve it to others).');
  }
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

const shutdown = async () => {
  outboxDelivery?.stop();
  await app.close();
  await sealer.stop();
  await database.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
