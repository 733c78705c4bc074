/** Starts the audit sealer for a server process: its key and external log beside the data, and its housekeeping. */
import type { Db } from '../db/index.ts';
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
