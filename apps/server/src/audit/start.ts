/** Starts the audit sealer for a server process: its key and external log beside the data, and its housekeeping. */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/index.ts';
import { deleteExpiredIdempotencyRecords } from '../features/attendance/idempotency.ts';
import { catchUpBatchLog, startAuditSealer } from './sealer.ts';
import { auditFilesFor, loadKeyCheck, loadOrCreateSigner } from './signing-key.ts';

export async function startAuditSealing(
  db: Db,
  dataDir: string,
  clock: { now(): Date },
): Promise<{ stop(): Promise<void> }> {
  const files = auditFilesFor(dataDir);
  if (!files) {
    // An in-memory database leaves nothing behind to verify later; sealing needs a place for its key and log.
    console.warn(
      'Trellis: audit sealing is off (no data directory; set TRELLIS_AUDIT_KEY and TRELLIS_AUDIT_LOG to seal).',
    );
    return { stop: async () => {} };
  }
  const signer = loadOrCreateSigner(files.keyPath);
  await assertSameSealingKey(db, signer.keyId, files.keyPath);
  const key = loadKeyCheck(files.keyPath)!;
  const caughtUp = await catchUpBatchLog(db, { logPath: files.logPath, verify: key.verify });
  if (caughtUp) console.log(`Trellis: appended ${caughtUp} sealed audit batches missing from ${files.logPath}`);
  return startAuditSealer(db, {
    signer,
    logPath: files.logPath,
    clock,
    housekeeping: (now) => deleteExpiredIdempotencyRecords(db, now),
    onError: (error) => console.error('audit sealing failed', (error as Error).message),
  });
}

/** Refused start: this process's audit key is not the one the database's batches are signed with. */
export class AuditKeyMismatchError extends Error {}

/**
 * Every process sealing one database must sign with the same key, or `audit:verify` (which checks with one key)
 * reports their batches as forged. A process holding another key refuses to start rather than seal.
 */
export async function assertSameSealingKey(db: Db, keyId: string, keyPath: string): Promise<void> {
  const [latest] = rowsOf<{ key_id: string }>(
    await db.execute(sql`select key_id from audit_batch order by sealed_at desc, batch_no desc limit 1`),
  );
  if (latest && latest.key_id !== keyId) {
    throw new AuditKeyMismatchError(
      `the audit trail in this database is sealed with key ${latest.key_id}, but ${keyPath} holds key ${keyId}. ` +
        'Give every process the same TRELLIS_AUDIT_KEY (copy the key file the other processes use).',
    );
  }
}
