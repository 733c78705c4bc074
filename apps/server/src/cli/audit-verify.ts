/**
 * Checks every organisation's audit hash chain and reports the first break: `npm run audit:verify`.
 * Uses DATABASE_URL or the embedded data directory, like the server. Exits 1 when a chain is broken.
 */
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/index.ts';
import { organisation } from '../db/schema.ts';
import { verifyAuditChain } from '../audit/audit.ts';

const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
let broken = 0;
try {
  const orgs = await database.db.select({ id: organisation.id, name: organisation.name }).from(organisation);
  for (const org of orgs) {
    const result = await verifyAuditChain(database.db, org.id);
    if (result.firstBreak) {
      broken += 1;
      console.log(`${org.name}: BROKEN at event ${result.firstBreak.seq}: ${result.firstBreak.reason} (${result.checked} events verified before it)`);
    } else {
      console.log(`${org.name}: intact, ${result.checked} events`);
    }
  }
  if (orgs.length === 0) console.log('No organisations yet.');
} finally {
  await database.close();
}
process.exit(broken ? 1 : 0);
