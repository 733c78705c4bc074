import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { startTestApp, TEST_PASSWORD, type TestApp, type TestOrg, type TestStaff } from '../../testing/harness.ts';
import { auditEvent, levelOfCareAssessment } from '../../db/schema.ts';
import { createStaff } from '../organisations/service.ts';
import { assignToProgram, buildProgram, buildSite, buildTrack, type ProgramFixture } from '../ledger/fixtures.ts';

// Wednesday 18 November 2026, 10:00 in New York.
const NOW = '2026-11-18T15:00:00Z';

const ratings = (values: number[], rationale = 'Reported in the intake interview.') =>
  values.map((rating, i) => ({ dimension: i + 1, rating, rationale }));

describe('clinical record: diagnoses and level of care', () => {
  let t: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let mh: ProgramFixture;
  let sud: ProgramFixture;
  let sudClinician: TestStaff;
  let mhEpisode: { id: string; participantId: string };
  let sudEpisode: { id: string; participantId: string };
  let otherEpisode: { id: string; participantId: string };

  async function admit(staff: TestStaff, prog: ProgramFixture, trackId: string, clinicianId: string, name: string) {
    const p = await t.as(staff, {
      method: 'POST',
      url: '/api/v1/participants',
      payload: { givenName: name, familyName: 'Synthetic', dateOfBirth: '1990-04-12' },
    });
    expect(p.statusCode).toBe(201);
    const participantId = p.json<{ id: string }>().id;
    const e = await t.as(staff, {
      method: 'POST',
      url: `/api/v1/participants/${participantId}/episodes`,
      payload: { programId: prog.id, trackId, admittedOn: '2026-11-02', primaryClinicianId: clinicianId },
    });
    expect(e.statusCode).toBe(201);
    return { id: e.json<{ id: string }>().id, participantId };
  }

  const diagnosesOf = (staff: TestStaff | null, episodeId: string) =>
    t.as(staff, { method: 'GET', url: `/api/v1/episodes/${episodeId}/diagnoses` });
  const addDiagnosis = (staff: TestStaff | null, episodeId: string, payload: unknown) =>
    t.as(staff, { method: 'POST', url: `/api/v1/episodes/${episodeId}/diagnoses`, payload: payload as object });
  const assess = (staff: TestStaff | null, episodeId: string, payload: unknown) =>
    t.as(staff, { method: 'POST', url: `/api/v1/episodes/${episodeId}/level-of-care`, payload: payload as object });
  const errorPaths = (res: { json: () => { errors?: { path: string }[] } }) => (res.json().errors ?? []).map((e) => e.path);

  const validAssessment = {
    assessedOn: '2026-11-02',
    edition: 'asam-3',
    ratings: ratings([1, 1, 2, 2, 2, 1]),
    flags: [],
    recommendedLevel: 'iop',
    chosenLevel: 'iop',
  };

  async function auditCount(action: string, participantId: string) {
    const rows = await t.database.db
      .select({ id: auditEvent.id })
      .from(auditEvent)
      .where(and(eq(auditEvent.action, action), eq(auditEvent.participantId, participantId)));
    return rows.length;
  }

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    org = await t.createOrg('Clinical Org');
    other = await t.createOrg('Other Org');
    const db = t.database.db;
    const s = await buildSite(db, org.orgId);
    mh = await buildProgram(db, s, { focus: 'mental_health' });
    sud = await buildProgram(db, s, { focus: 'substance_use' });
    const mhTrack = await buildTrack(db, mh);
    const sudTrack = await buildTrack(db, sud);
    await assignToProgram(db, org.orgId, org.staff.clinician.id, mh.id);
    await assignToProgram(db, org.orgId, org.staff.prescriber.id, mh.id);
    const sudClinicianId = await createStaff(db, {
      orgId: org.orgId,
      name: 'SUD clinician',
      email: 'sud-clinician@clinical.test',
      role: 'clinician',
      password: TEST_PASSWORD,
    });
    sudClinician = { id: sudClinicianId, email: 'sud-clinician@clinical.test', role: 'clinician', cookie: await t.signIn('sud-clinician@clinical.test') };
    await assignToProgram(db, org.orgId, sudClinicianId, sud.id);

    mhEpisode = await admit(org.staff.director, mh, mhTrack.id, org.staff.clinician.id, 'Avery');
    sudEpisode = await admit(sudClinician, sud, sudTrack.id, sudClinicianId, 'Blake');

    const os = await buildSite(db, other.orgId);
    const op = await buildProgram(db, os);
    const ot = await buildTrack(db, op);
    otherEpisode = await admit(other.staff.director, op, ot.id, other.staff.clinician.id, 'Casey');
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('diagnoses', () => {
    it('refuses anyone not signed in before looking at the body', async () => {
      expect((await addDiagnosis(null, mhEpisode.id, { code: 42 })).statusCode).toBe(401);
      expect((await diagnosesOf(null, mhEpisode.id)).statusCode).toBe(401);
    });

    it('records a common code typed loosely, with the list’s description, and audits the write and the read', async () => {
      const res = await addDiagnosis(org.staff.clinician, mhEpisode.id, { code: 'f331', isPrimary: true, onsetOn: '2026-06-01' });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({
        code: 'F33.1',
        description: 'Major depressive disorder, recurrent, moderate',
        isPrimary: true,
        status: 'active',
        onsetOn: '2026-06-01',
        recordedBy: { id: org.staff.clinician.id },
        version: 1,
      });
      const list = await diagnosesOf(org.staff.clinician, mhEpisode.id);
      expect(list.statusCode).toBe(200);
      expect(list.json().diagnoses.map((d: { code: string }) => d.code)).toEqual(['F33.1']);
      expect(await auditCount('diagnosis.create', mhEpisode.participantId)).toBe(1);
      expect(await auditCount('diagnosis.read', mhEpisode.participantId)).toBeGreaterThanOrEqual(1);
    });

    it('accepts a well-formed code outside the list when it has a description', async () => {
      const res = await addDiagnosis(org.staff.prescriber, mhEpisode.id, { code: 'Z63.0', description: 'Relationship distress with spouse' });
      expect(res.statusCode).toBe(201);
      expect(res.json().isPrimary).toBe(false);
    });

    it.each([
      ['a malformed code', { code: 'F1' }, 'body.code'],
      ['a code outside the list with no description', { code: 'Z63.0' }, 'body.description'],
      ['an unknown status', { code: 'F41.1', status: 'cured' }, 'body.status'],
      ['an onset in the future', { code: 'F41.1', onsetOn: '2026-11-19' }, 'body.onsetOn'],
      ['a primary diagnosis already resolved', { code: 'F41.1', isPrimary: true, status: 'resolved' }, 'body.isPrimary'],
    ])('answers 400 naming the field for %s', async (_name, payload, path) => {
      const res = await addDiagnosis(org.staff.clinician, mhEpisode.id, payload);
      expect(res.statusCode).toBe(400);
      expect(errorPaths(res)).toContain(path);
    });

    it('moves the primary flag to a new primary diagnosis, keeping one per episode', async () => {
      const res = await addDiagnosis(org.staff.clinician, mhEpisode.id, { code: 'F41.1', isPrimary: true });
      expect(res.statusCode).toBe(201);
      const list = (await diagnosesOf(org.staff.clinician, mhEpisode.id)).json().diagnoses as { code: string; isPrimary: boolean }[];
      expect(list.filter((d) => d.isPrimary).map((d) => d.code)).toEqual(['F41.1']);
      expect(list.find((d) => d.code === 'F33.1')?.isPrimary).toBe(false);
    });

    it('changes a status with the current version, and refuses a stale one with 409', async () => {
      const list = (await diagnosesOf(org.staff.clinician, mhEpisode.id)).json().diagnoses as { id: string; code: string; version: number }[];
      const z = list.find((d) => d.code === 'Z63.0')!;
      const url = `/api/v1/episodes/${mhEpisode.id}/diagnoses/${z.id}`;
      const ok = await t.as(org.staff.clinician, { method: 'PATCH', url, payload: { version: z.version, status: 'resolved' } });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ status: 'resolved', version: z.version + 1 });
      const stale = await t.as(org.staff.clinician, { method: 'PATCH', url, payload: { version: z.version, status: 'active' } });
      expect(stale.statusCode).toBe(409);
      const primary = await t.as(org.staff.clinician, { method: 'PATCH', url, payload: { version: z.version + 1, isPrimary: true } });
      expect(primary.statusCode).toBe(400);
      expect(errorPaths(primary)).toEqual(['body.isPrimary']);
    });

    it('lets billers read diagnosis codes but not write them; intake and administrators neither', async () => {
      expect((await diagnosesOf(org.staff.biller, mhEpisode.id)).statusCode).toBe(200);
      expect((await addDiagnosis(org.staff.biller, mhEpisode.id, { code: 'F41.1' })).statusCode).toBe(403);
      expect((await diagnosesOf(org.staff.intake, mhEpisode.id)).statusCode).toBe(403);
      expect((await diagnosesOf(org.staff.admin, mhEpisode.id)).statusCode).toBe(403);
    });

    it('keeps a Part 2 episode’s diagnoses to its program’s staff, and audits the refusal', async () => {
      const added = await addDiagnosis(sudClinician, sudEpisode.id, { code: 'F10.20', isPrimary: true });
      expect(added.statusCode).toBe(201);
      expect((await diagnosesOf(sudClinician, sudEpisode.id)).statusCode).toBe(200);
      const before = await auditCount('access.denied', sudEpisode.participantId);
      // A clinician of another program, and a director not assigned to the Part 2 program.
      expect((await diagnosesOf(org.staff.clinician, sudEpisode.id)).statusCode).toBe(403);
      expect((await diagnosesOf(org.staff.director, sudEpisode.id)).statusCode).toBe(403);
      expect((await addDiagnosis(org.staff.director, sudEpisode.id, { code: 'F10.21' })).statusCode).toBe(403);
      expect(await auditCount('access.denied', sudEpisode.participantId)).toBe(before + 3);
      const rows = await t.database.db
        .select({ code: sql<string>`count(*)` })
        .from(sql`diagnosis`)
        .where(sql`episode_id = ${sudEpisode.id}`);
      expect(Number(rows[0]!.code)).toBe(1);
    });

    it('answers 404 for another organisation’s episode and an unknown one', async () => {
      expect((await diagnosesOf(org.staff.director, otherEpisode.id)).statusCode).toBe(404);
      expect((await diagnosesOf(org.staff.director, '6a0f8a8e-1d7e-4c57-9c53-0d4a3c1b2e99')).statusCode).toBe(404);
      expect((await addDiagnosis(org.staff.director, otherEpisode.id, { code: 'F41.1' })).statusCode).toBe(404);
    });

    it('searches the bundled common codes for any signed-in staff member', async () => {
      const res = await t.as(org.staff.intake, { method: 'GET', url: '/api/v1/icd10-codes?q=alc%20dep%20remis' });
      expect(res.statusCode).toBe(200);
      expect(res.json().codes).toEqual([{ code: 'F10.21', description: 'Alcohol dependence, in remission', group: 'alcohol' }]);
      expect((await t.as(org.staff.intake, { method: 'GET', url: '/api/v1/icd10-codes' })).statusCode).toBe(400);
      expect((await t.as(null, { method: 'GET', url: '/api/v1/icd10-codes?q=f10' })).statusCode).toBe(401);
    });
  });

  describe('level of care', () => {
    it('records an assessment with a variance reason and returns the guidance with its notice', async () => {
      const res = await assess(org.staff.clinician, mhEpisode.id, {
        ...validAssessment,
        ratings: ratings([0, 1, 3, 2, 2, 1]),
        recommendedLevel: 'php',
        chosenLevel: 'iop',
        varianceReason: 'participant_preference',
      });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toMatchObject({ recommendedLevel: 'php', chosenLevel: 'iop', varianceReason: 'participant_preference' });
      expect(body.guidance).toMatchObject({ floor: 'php', suggested: 'php', floorDimensions: [3] });
      expect(body.guidance.notice).toMatch(/not the licensed ASAM/);
      expect(body.ratings[3]).toMatchObject({ dimension: 4, dimensionName: 'Readiness to Change', rating: 2 });
      expect(await auditCount('level-of-care.assess', mhEpisode.participantId)).toBe(1);
    });

    it('keeps the history per episode, newest first, under the edition each was made in', async () => {
      const res = await assess(org.staff.clinician, mhEpisode.id, { ...validAssessment, assessedOn: '2026-11-16', edition: 'asam-4' });
      expect(res.statusCode).toBe(201);
      const history = await t.as(org.staff.prescriber, { method: 'GET', url: `/api/v1/episodes/${mhEpisode.id}/level-of-care` });
      expect(history.statusCode).toBe(200);
      const list = history.json().assessments as { assessedOn: string; edition: string; ratings: { dimensionName: string }[] }[];
      expect(list.map((a) => [a.assessedOn, a.edition])).toEqual([
        ['2026-11-16', 'asam-4'],
        ['2026-11-02', 'asam-3'],
      ]);
      expect(list[0]!.ratings[5]!.dimensionName).toBe('Person-Centered Considerations');
      expect(await auditCount('level-of-care.read', mhEpisode.participantId)).toBe(1);
    });

    it.each([
      ['a rating outside 0–4', { ratings: ratings([1, 1, 5, 1, 1, 1]) }, 'body.ratings.2.rating'],
      ['a rating without rationale', { ratings: ratings([1, 1, 1, 1, 1, 1], '') }, 'body.ratings.0.rationale'],
      ['a missing dimension', { ratings: ratings([1, 1, 1, 1, 1]) }, 'body.ratings'],
      ['levels differing with no reason', { chosenLevel: 'op' }, 'body.varianceReason'],
      ['an unknown edition', { edition: 'asam-5' }, 'body.edition'],
      ['an assessment dated tomorrow', { assessedOn: '2026-11-19' }, 'body.assessedOn'],
    ])('answers 400 naming the field for %s', async (_name, change, path) => {
      const res = await assess(org.staff.clinician, mhEpisode.id, { ...validAssessment, ...change });
      expect(res.statusCode).toBe(400);
      expect(errorPaths(res)).toContain(path);
    });

    it('is written by treating roles only and read by those who read clinical free text', async () => {
      expect((await assess(org.staff.intake, mhEpisode.id, validAssessment)).statusCode).toBe(403);
      expect((await assess(org.staff.biller, mhEpisode.id, validAssessment)).statusCode).toBe(403);
      const url = `/api/v1/episodes/${mhEpisode.id}/level-of-care`;
      expect((await t.as(org.staff.biller, { method: 'GET', url })).statusCode).toBe(403);
      expect((await t.as(org.staff.intake, { method: 'GET', url })).statusCode).toBe(403);
      expect((await t.as(null, { method: 'POST', url, payload: {} })).statusCode).toBe(401);
    });

    it('keeps a Part 2 episode’s assessments to its program’s staff', async () => {
      expect((await assess(sudClinician, sudEpisode.id, validAssessment)).statusCode).toBe(201);
      expect((await assess(org.staff.clinician, sudEpisode.id, validAssessment)).statusCode).toBe(403);
      const url = `/api/v1/episodes/${sudEpisode.id}/level-of-care`;
      expect((await t.as(org.staff.director, { method: 'GET', url })).statusCode).toBe(403);
      expect((await t.as(sudClinician, { method: 'GET', url })).json().assessments).toHaveLength(1);
    });
  });

  describe('the database enforces', () => {
    // The app's own connection (the role that does not own the tables).
    const db = () => t.deps.db;
    /** What the database said when refusing a statement, or 'accepted'. */
    async function refusal(statement: Promise<unknown>): Promise<string> {
      try {
        await statement;
        return 'accepted';
      } catch (error) {
        const cause = (error as { cause?: { message?: string } }).cause;
        return cause?.message ?? String(error);
      }
    }

    it('ratings 0–4, dimensions 1–6 and a variance reason exactly when levels differ', async () => {
      const [a] = await db()
        .select({ id: levelOfCareAssessment.id })
        .from(levelOfCareAssessment)
        .where(eq(levelOfCareAssessment.episodeId, mhEpisode.id));
      expect(
        await refusal(
          db().execute(sql`insert into level_of_care_rating (org_id, assessment_id, dimension, rating, rationale)
                           values (${org.orgId}, ${a!.id}, 7, 1, 'x')`),
        ),
      ).toMatch(/level_of_care_rating_dimension_check/);
      expect(
        await refusal(
          db().execute(sql`insert into level_of_care_assessment (org_id, episode_id, participant_id, part2, assessed_on, edition,
                             recommended_level, chosen_level, suggested_level, assessed_by)
                           values (${org.orgId}, ${mhEpisode.id}, ${mhEpisode.participantId}, false, '2026-11-02', 'asam-3',
                                   'php', 'iop', 'php', ${org.staff.clinician.id})`),
        ),
      ).toMatch(/level_of_care_assessment_variance_check/);
    });

    it('an assessment is never changed or removed, even by the app’s own role', async () => {
      expect(
        await refusal(db().execute(sql`update level_of_care_assessment set chosen_level = 'php' where episode_id = ${mhEpisode.id}`)),
      ).toMatch(/append-only/);
      expect(await refusal(db().execute(sql`delete from level_of_care_rating where rating = 3`))).toMatch(/append-only/);
    });

    it('a diagnosis copies its episode’s Part 2 flag and has a well-formed code', async () => {
      const insert = (episodeId: string, participantId: string, part2: boolean, code: string) =>
        db().execute(sql`insert into diagnosis (org_id, episode_id, participant_id, part2, code, description, status, recorded_by)
                         values (${org.orgId}, ${episodeId}, ${participantId}, ${part2}, ${code}, 'x', 'active', ${org.staff.clinician.id})`);
      expect(await refusal(insert(sudEpisode.id, sudEpisode.participantId, false, 'F10.20'))).toMatch(/diagnosis_episode_fk/);
      expect(await refusal(insert(mhEpisode.id, mhEpisode.participantId, false, 'f10.20'))).toMatch(/diagnosis_code_check/);
    });
  });
});
