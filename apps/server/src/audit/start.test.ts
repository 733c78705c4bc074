/** Processes sealing one database must share the audit key: one holding another key refuses to start. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestOrg } from '../testing/harness.ts';
import { recordAudit } from './audit.ts';
import { sealAuditBatches } from './sealer.ts';
import { auditFilesFor, loadOrCreateSigner } from './signing-key.ts';
import { AuditKeyMismatchError, startAuditSealing } from './start.ts';

describe('one audit key per database', () => {
  let t: TestApp;
  let org: TestOrg;
  const first = mkdtempSync(join(tmpdir(), 'trellis-key-a-'));
  const second = mkdtempSync(join(tmpdir(), 'trellis-key-b-'));
  beforeAll(async () => {
    t = await startTestApp();
    org = await t.createOrg('Key Clinic');
  });
  afterAll(async () => t.close());

  it('starts on a database with no batches yet, then refuses a process holding a different key', async () => {
    const files = auditFilesFor(first, {})!;
    const sealer = await startAuditSealing(t.deps.db, first, t.clock);
    await sealer.stop();
    await recordAudit(t.deps.db, null, org.orgId, { action: 'setup.create', entityType: 'site', details: {} }, t.clock.now());
    const sealed = await sealAuditBatches(t.deps.db, { signer: loadOrCreateSigner(files.keyPath), logPath: files.logPath, now: t.clock.now() });
    expect(sealed.batches.length).toBeGreaterThan(0);

    // The same key starts again; another key is refused, naming both.
    const again = await startAuditSealing(t.deps.db, first, t.clock);
    await again.stop();
    const refused = startAuditSealing(t.deps.db, second, t.clock);
    await expect(refused).rejects.toBeInstanceOf(AuditKeyMismatchError);
    await expect(refused).rejects.toThrow(/TRELLIS_AUDIT_KEY/);
  });
});
