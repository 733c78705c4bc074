/**
 * The supervisor view's plan reviews through the API, on PGlite and PostgreSQL: reviews due within 7 days and overdue
 * of the reader's and their supervisees' episodes, overdue first; not others' episodes; denials; the read is audited.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appUser, auditEvent } from '../../db/schema.ts';
import { startTestApp, type TestApp, type TestOrg, type TestStaff } from '../../testing/harness.ts';
import { assignToProgram, buildProgram, buildSite, buildTrack, type TrackFixture } from '../ledger/fixtures.ts';
import { planContent, signedPlan } from './fixtures.ts';

// Wednesday 18 November 2026, 10:00 in New York.
const NOW = '2026-11-18T15:00:00Z';
const URL = '/api/v1/treatment-plans/reviews-due';
const OBJ = '5a0e0a52-3c0e-4d7e-9a51-1f1f7f0c0a01';

describe('plan reviews due (supervisor view)', () => {
  let t: TestApp;
  let org: TestOrg;
  let track: TrackFixture;
  const ep: Record<string, string> = {};

  async function admitWithPlan(name: string, clinician: TestStaff, effectiveOn: string | null) {
    const p = await t.as(org.staff.director, { method: 'POST', url: '/api/v1/participants', payload: { givenName: name, familyName: 'Synthetic', dateOfBirth: '1990-01-01' } });
    const participantId = p.json<{ id: string }>().id;
    const e = await t.as(org.staff.director, {
      method: 'POST',
      url: `/api/v1/participants/${participantId}/episodes`,
      payload: { programId: track.programId, trackId: track.id, admittedOn: '2026-09-28', primaryClinicianId: clinician.id },
    });
    expect(e.statusCode, e.body).toBe(201);
    const id = e.json<{ id: string }>().id;
    if (effectiveOn) await signedPlan(t, clinician, id, planContent(clinician.id, [{ id: OBJ, description: 'Walk daily' }], effectiveOn));
    ep[name] = id;
  }

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    org = await t.createOrg('Reviews Org');
    const db = t.database.db;
    const site = await buildSite(db, org.orgId);
    const mh = await buildProgram(db, site, { focus: 'mental_health' });
    track = await buildTrack(db, mh);
    for (const s of [org.staff.clinician, org.staff.prescriber]) await assignToProgram(db, org.orgId, s.id, mh.id);
    // The director supervises the clinician, not the prescriber.
    await db.update(appUser).set({ supervisorId: org.staff.director.id }).where(eq(appUser.id, org.staff.clinician.id));
    await admitWithPlan('Due', org.staff.clinician, '2026-10-20'); // due 19 November
    await admitWithPlan('Overdue', org.staff.clinician, '2026-10-01'); // due 31 October
    await admitWithPlan('Later', org.staff.clinician, '2026-11-16'); // due 16 December
    await admitWithPlan('Unplanned', org.staff.clinician, null);
    await admitWithPlan('Others', org.staff.prescriber, '2026-10-01');
  });

  afterAll(async () => {
    await t?.close();
  });

  const read = (as: TestStaff | null) => t.as(as, { method: 'GET', url: URL });

  it('lists the reviews due in 7 days and overdue of the supervisor’s supervisees, overdue first', async () => {
    const res = await read(org.staff.director);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      today: '2026-11-18',
      rows: [
        expect.objectContaining({ episodeId: ep.Overdue, displayName: 'Overdue Synthetic', dueOn: '2026-10-31', state: 'overdue', reason: 'cycle', planVersion: 1, primaryClinician: { id: org.staff.clinician.id, name: expect.any(String) } }),
        expect.objectContaining({ episodeId: ep.Due, dueOn: '2026-11-19', state: 'due' }),
      ],
    });
    const audit = await t.database.db
      .select({ participantIds: auditEvent.participantIds })
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'plan-review.list'), eq(auditEvent.actorId, org.staff.director.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.participantIds).toHaveLength(2);
  });

  it('shows a clinician their own and nobody else’s', async () => {
    const others = await read(org.staff.prescriber);
    expect(others.json().rows.map((x: { episodeId: string }) => x.episodeId)).toEqual([ep.Others]);
    const own = await read(org.staff.clinician);
    expect(own.json().rows.map((x: { episodeId: string }) => x.episodeId)).toEqual([ep.Overdue, ep.Due]);
  });

  it('refuses anyone not signed in, and roles without clinical notes', async () => {
    expect((await read(null)).statusCode).toBe(401);
    expect((await read(org.staff.biller)).statusCode).toBe(403);
    expect((await read(org.staff.intake)).statusCode).toBe(403);
    expect((await read(org.staff.admin)).statusCode).toBe(403);
  });
});
