/**
 * Checks the audit trail against its signed seals and the external log: `npm run audit:verify`. Uses DATABASE_URL or
 * the embedded data directory, like the server, and the signing key and log beside the data (or TRELLIS_AUDIT_KEY /
 * TRELLIS_AUDIT_LOG). Exits 1 when anything does not hold.
 */
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/index.ts';
import { auditFilesFor, loadKeyCheck } from '../audit/signing-key.ts';
import { formatVerification, verifyAuditTrail } from '../audit/verify.ts';

const config = loadConfig();
const files = auditFilesFor(config.dataDir);
// As the owner: it reads as the tables' owner and sees every connection's open transaction.
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, asOwner: true });
let intact = false;
try {
  const key = files ? loadKeyCheck(files.keyPath) : null;
  if (!key) console.log('No audit signing key found: batch signatures cannot be checked.');
  const result = await verifyAuditTrail(database.db, { key, logPath: files?.logPath ?? null, now: new Date() });
  console.log(formatVerification(result));
  intact = result.intact;
} finally {
  await database.close();
}
process.exit(intact ? 0 : 1);
