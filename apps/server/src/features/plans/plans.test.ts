import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { startTestApp, TEST_PASSWORD, type TestApp, type TestOrg, type TestStaff } from '../../testing/harness.ts';
import { appUser, auditEvent, treatmentPlanVersion } from '../../db/schema.ts';
import { createStaff } from '../organisations/service.ts';
import { assignToProgram, buildProgram, buildSite, buildTrack, type ProgramFixture } from '../ledger/fixtures.ts';
import { currentPlanObjectives } from './service.ts';

// Wednesday 18 November 2026, 10:00 in New York.
const NOW = '2026-11-18T15:00:00Z';
const OBJ_A = '7c1e0a52-3c0e-4d7e-9a51-1f1f7f0c0a01';
const OBJ_B = '7c1e0a52-3c0e-4d7e-9a51-1f1f7f0c0a02';

type Res = { statusCode: number; body: string; json: <T = Record<string, unknown>>() => T };

describe('treatment plans and certification', () => {
  let t: TestApp;
  let org: TestOrg;
  let mh: ProgramFixture;
  let sud: ProgramFixture;
  let sudClinician: TestStaff;
  let mhEpisode: { id: string; participantId: string };
  let bareEpisode: { id: string; participantId: string };
  let sudEpisode: { id: string; participantId: string };

  const plan = (staffId: string, change: Record<string, unknown> = {}) => ({
    effectiveOn: '2026-11-16',
    problems: [
      {
        description: 'Low mood keeping them from work',
        goals: [
          {
            description: 'Return to work part time',
            objectives: [
              {
                id: OBJ_A,
                description: 'Use a behavioural activation schedule five days a week',
                targetDate: '2026-12-16',
                measuredBy: 'Activity log reviewed in session',
                interventions: [{ modality: 'cbt', frequency: { times: 2, per: 'week' }, responsibleStaffId: staffId }],
              },
              {
                id: OBJ_B,
                description: 'PHQ-9 below 10',
                targetDate: '2027-01-13',
                measuredBy: 'PHQ-9 every two weeks',
                interventions: [{ modality: 'psychoeducation', frequency: { times: 1, per: 'week' }, responsibleStaffId: staffId }],
              },
            ],
          },
        ],
      },
    ],
    schedule: { daysPerWeek: 4, hoursPerDay: 3, expectedWeeks: 8 },
    strengths: 'Supportive partner; kept a routine before this episode',
    dischargeCriteria: 'Objectives met and back at work two days a week',
    ...change,
  });

  async function admit(staff: TestStaff, prog: ProgramFixture, trackId: string, clinicianId: string, name: string) {
    const p = await t.as(staff, {
      method: 'POST',
      url: '/api/v1/participants',
      payload: { givenName: name, familyName: 'Synthetic', dateOfBirth: '1988-02-03' },
    });
    expect(p.statusCode).toBe(201);
    const participantId = p.json<{ id: string }>().id;
    const e = await t.as(staff, {
      method: 'POST',
      url: `/api/v1/participants/${participantId}/episodes`,
      payload: { programId: prog.id, trackId, admittedOn: '2026-11-02', primaryClinicianId: clinicianId },
    });
    expect(e.statusCode, e.body).toBe(201);
    return { id: e.json<{ id: string }>().id, participantId };
  }

  const base = (episodeId: string) => `/api/v1/episodes/${episodeId}/treatment-plan`;
  const overview = (staff: TestStaff | null, episodeId: string) => t.as(staff, { method: 'GET', url: base(episodeId) });
  const openDraft = (staff: TestStaff | null, episodeId: string, content: unknown) =>
    t.as(staff, { method: 'POST', url: `${base(episodeId)}/versions`, payload: { content } });
  const saveDraft = (staff: TestStaff, episodeId: string, number: number, version: number, content: unknown) =>
    t.as(staff, { method: 'PUT', url: `${base(episodeId)}/versions/${number}`, payload: { version, content } });
  const sign = (staff: TestStaff, episodeId: string, number: number, version: number) =>
    t.as(staff, { method: 'POST', url: `${base(episodeId)}/versions/${number}/sign`, payload: { version } });
  const addSignature = (staff: TestStaff, episodeId: string, number: number, payload: object) =>
    t.as(staff, { method: 'POST', url: `${base(episodeId)}/versions/${number}/signatures`, payload });
  const review = (staff: TestStaff, episodeId: string, payload: object) =>
    t.as(staff, { method: 'POST', url: `${base(episodeId)}/reviews`, payload });
  const errorPaths = (res: Res) => (res.json<{ errors?: { path: string }[] }>().errors ?? []).map((e) => e.path);

  async function auditCount(action: string, participantId: string) {
    const rows = await t.database.db
      .select({ id: auditEvent.id })
      .from(auditEvent)
      .where(and(eq(auditEvent.action, action), eq(auditEvent.participantId, participantId)));
    return rows.length;
  }

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    org = await t.createOrg('Plans Org');
    const db = t.database.db;
    const s = await buildSite(db, org.orgId);
    mh = await buildProgram(db, s, { focus: 'mental_health', minWeeklyMinutes: 540, maxWeeklyMinutes: 1140 });
    sud = await buildProgram(db, s, { focus: 'substance_use' });
    const mhTrack = await buildTrack(db, mh);
    const sudTrack = await buildTrack(db, sud);
    await assignToProgram(db, org.orgId, org.staff.clinician.id, mh.id);
    await assignToProgram(db, org.orgId, org.staff.prescriber.id, mh.id);
    // The clinician's supervisor is the director: the one who signs off their plans.
    await db.update(appUser).set({ supervisorId: org.staff.director.id }).where(eq(appUser.id, org.staff.clinician.id));
    const sudClinicianId = await createStaff(db, {
      orgId: org.orgId,
      name: 'SUD clinician',
      email: 'sud-clinician@plans.test',
      role: 'clinician',
      password: TEST_PASSWORD,
    });
    sudClinician = { id: sudClinicianId, email: 'sud-clinician@plans.test', role: 'clinician', cookie: await t.signIn('sud-clinician@plans.test') };
    await assignToProgram(db, org.orgId, sudClinicianId, sud.id);
    mhEpisode = await admit(org.staff.director, mh, mhTrack.id, org.staff.clinician.id, 'Rowan');
    bareEpisode = await admit(org.staff.director, mh, mhTrack.id, org.staff.clinician.id, 'Sasha');
    sudEpisode = await admit(sudClinician, sud, sudTrack.id, sudClinicianId, 'Tatum');
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('drafts', () => {
    it('refuses anyone not signed in before looking at the body', async () => {
      expect((await openDraft(null, mhEpisode.id, 42)).statusCode).toBe(401);
      expect((await overview(null, mhEpisode.id)).statusCode).toBe(401);
    });

    it.each([
      ['an objective without a target date', { targetDate: undefined }, 'body.content.problems.0.goals.0.objectives.0.targetDate'],
      ['an objective without a measure', { measuredBy: '' }, 'body.content.problems.0.goals.0.objectives.0.measuredBy'],
      ['an objective without interventions', { interventions: [] }, 'body.content.problems.0.goals.0.objectives.0.interventions'],
    ])('answers 400 naming the field for %s', async (_name, change, path) => {
      const content = plan(org.staff.clinician.id);
      const objective = content.problems[0]!.goals[0]!.objectives[0]!;
      Object.assign(objective, change);
      const res = await openDraft(org.staff.clinician, mhEpisode.id, content);
      expect(res.statusCode).toBe(400);
      expect(errorPaths(res)).toContain(path);
    });

    it('answers 400 for a responsible staff member who is not on the staff, and 422 for a schedule outside the program’s range', async () => {
      const stranger = await openDraft(org.staff.clinician, mhEpisode.id, plan('not-a-staff-id'));
      expect(stranger.statusCode).toBe(400);
      expect(errorPaths(stranger)).toEqual([
        'body.content.problems.0.goals.0.objectives.0.interventions.0.responsibleStaffId',
        'body.content.problems.0.goals.0.objectives.1.interventions.0.responsibleStaffId',
      ]);
      const short = await openDraft(org.staff.clinician, mhEpisode.id, plan(org.staff.clinician.id, { schedule: { daysPerWeek: 2, hoursPerDay: 2, expectedWeeks: 8 } }));
      expect(short.statusCode).toBe(422);
      expect(errorPaths(short)).toEqual(['body.content.schedule']);
    });

    it('opens a draft, audits it, and refuses a second draft while one is open', async () => {
      const res = await openDraft(org.staff.clinician, mhEpisode.id, plan(org.staff.clinician.id));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ number: 1, status: 'draft', version: 1, weeklyHours: 12, contentHash: null, signedAt: null });
      expect(res.json().missingSignatures).toEqual(['clinician', 'participant']);
      expect(await auditCount('treatment-plan.draft-create', mhEpisode.participantId)).toBe(1);
      const again = await openDraft(org.staff.director, mhEpisode.id, plan(org.staff.clinician.id));
      expect(again.statusCode).toBe(409);
    });

    it('saves with the version loaded; a second editor with the same version gets 409 (stale)', async () => {
      const first = await saveDraft(org.staff.clinician, mhEpisode.id, 1, 1, plan(org.staff.clinician.id, { strengths: 'Supportive partner' }));
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toMatchObject({ version: 2, updatedBy: { id: org.staff.clinician.id } });
      const second = await saveDraft(org.staff.director, mhEpisode.id, 1, 1, plan(org.staff.clinician.id, { strengths: 'Other words' }));
      expect(second.statusCode).toBe(409);
      expect(second.json()).toMatchObject({ title: 'Changed by someone else' });
      const stored = (await overview(org.staff.clinician, mhEpisode.id)).json<{ draft: { content: { strengths: string } } }>();
      expect(stored.draft.content.strengths).toBe('Supportive partner');
    });
  });

  describe('signing and versions', () => {
    it('signs the draft on screen (a stale one is refused), hashes it and locks it', async () => {
      expect((await sign(org.staff.clinician, mhEpisode.id, 1, 1)).statusCode).toBe(409);
      const res = await sign(org.staff.clinician, mhEpisode.id, 1, 2);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<{ status: string; contentHash: string; signatures: { signer: string }[]; missingSignatures: string[] }>();
      expect(body.status).toBe('signed');
      expect(body.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(body.signatures.map((s) => s.signer)).toEqual(['clinician']);
      expect(body.missingSignatures).toEqual(['participant']);
    });

    it('answers 409 with the reason to an edit of a signed version, and to a second signing', async () => {
      const edit = await saveDraft(org.staff.clinician, mhEpisode.id, 1, 3, plan(org.staff.clinician.id));
      expect(edit.statusCode).toBe(409);
      expect(edit.json<{ detail: string }>().detail).toMatch(/is signed and cannot be changed/);
      expect((await sign(org.staff.clinician, mhEpisode.id, 1, 3)).statusCode).toBe(409);
    });

    it('takes the participant’s signature in person once, and the supervisor’s sign-off only from the clinician’s supervisor', async () => {
      const participant = await addSignature(org.staff.clinician, mhEpisode.id, 1, { signer: 'participant', signedName: 'Rowan Synthetic' });
      expect(participant.statusCode, participant.body).toBe(201);
      expect(participant.json()).toMatchObject({ missingSignatures: [] });
      expect((await addSignature(org.staff.clinician, mhEpisode.id, 1, { signer: 'participant', signedName: 'Rowan' })).statusCode).toBe(409);
      expect((await addSignature(org.staff.clinician, mhEpisode.id, 1, { signer: 'participant', signedName: ' ' })).statusCode).toBe(400);
      const notSupervisor = await addSignature(org.staff.prescriber, mhEpisode.id, 1, { signer: 'supervisor' });
      expect(notSupervisor.statusCode).toBe(403);
      expect(notSupervisor.json<{ detail: string }>().detail).toMatch(/supervisor/);
      const signOff = await addSignature(org.staff.director, mhEpisode.id, 1, { signer: 'supervisor' });
      expect(signOff.statusCode).toBe(201);
      expect(signOff.json<{ signatures: { signer: string; recordedBy: { id: string } }[] }>().signatures.map((s) => s.signer)).toEqual([
        'clinician',
        'participant',
        'supervisor',
      ]);
    });

    it('makes a change after signing a new version, and keeps the old one readable as signed', async () => {
      const v2 = await openDraft(org.staff.clinician, mhEpisode.id, plan(org.staff.clinician.id, { strengths: 'Now volunteering weekly' }));
      expect(v2.statusCode).toBe(201);
      expect(v2.json()).toMatchObject({ number: 2, status: 'draft' });
      const old = await t.as(org.staff.prescriber, { method: 'GET', url: `${base(mhEpisode.id)}/versions/1` });
      expect(old.statusCode).toBe(200);
      expect(old.json()).toMatchObject({ number: 1, status: 'signed', content: { strengths: 'Supportive partner' } });
      const all = (await overview(org.staff.clinician, mhEpisode.id)).json<{ versions: { number: number; status: string }[]; current: { number: number } }>();
      expect(all.versions.map((v) => [v.number, v.status])).toEqual([
        [2, 'draft'],
        [1, 'signed'],
      ]);
      expect(all.current.number).toBe(1);
      // Other features read the objectives of the plan in force, not of the open draft.
      const objectives = await currentPlanObjectives(t.deps.db, org.orgId, mhEpisode.id);
      expect(objectives.map((o) => [o.id, o.planVersion, o.goal])).toEqual([
        [OBJ_A, 1, 'Return to work part time'],
        [OBJ_B, 1, 'Return to work part time'],
      ]);
      expect(await currentPlanObjectives(t.deps.db, org.orgId, bareEpisode.id)).toEqual([]);
    });

    it('asks for the supervisor’s sign-off where the program requires it', async () => {
      const settings = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/programs/${mh.id}/plan-settings` });
      expect(settings.statusCode).toBe(200);
      const put = await t.as(org.staff.director, {
        method: 'PUT',
        url: `/api/v1/programs/${mh.id}/plan-settings`,
        payload: { version: settings.json<{ version: number }>().version, reviewIntervalDays: 14, supervisorSignOff: true, certificationRequired: false },
      });
      expect(put.statusCode, put.body).toBe(200);
      const plan1 = (await t.as(org.staff.clinician, { method: 'GET', url: `${base(mhEpisode.id)}/versions/1` })).json();
      expect(plan1.missingSignatures).toEqual([]);
      const draft = (await overview(org.staff.clinician, mhEpisode.id)).json<{ draft: { missingSignatures: string[] } }>().draft;
      expect(draft.missingSignatures).toEqual(['clinician', 'participant', 'supervisor']);
    });
  });

  describe('reviews', () => {
    const progress = [
      { objectiveId: OBJ_A, progress: 'progressing' },
      { objectiveId: OBJ_B, progress: 'not_progressing', note: 'PHQ-9 still 14' },
    ];

    it('makes a review due on the day the level of care changed', async () => {
      const assessment = (chosenLevel: string, assessedOn: string) => ({
        assessedOn,
        edition: 'asam-3',
        ratings: [1, 1, 2, 1, 1, 1].map((rating, i) => ({ dimension: i + 1, rating, rationale: 'Seen in session.' })),
        flags: [],
        recommendedLevel: chosenLevel,
        chosenLevel,
      });
      const before = (await overview(org.staff.clinician, mhEpisode.id)).json<{ nextReview: unknown }>();
      expect(before.nextReview).toEqual({ dueOn: '2026-11-30', reason: 'cycle', state: 'upcoming' });
      for (const a of [assessment('iop', '2026-11-02'), assessment('php', '2026-11-18')]) {
        const res = await t.as(org.staff.clinician, { method: 'POST', url: `/api/v1/episodes/${mhEpisode.id}/level-of-care`, payload: a });
        expect(res.statusCode, res.body).toBe(201);
      }
      const after = (await overview(org.staff.clinician, mhEpisode.id)).json<{ nextReview: unknown }>();
      expect(after.nextReview).toEqual({ dueOn: '2026-11-18', reason: 'level_of_care_change', state: 'due' });
    });

    it('records a review of the plan in force, with the next review on the program’s cycle', async () => {
      const res = await review(org.staff.clinician, mhEpisode.id, { reviewedOn: '2026-11-18', progress, narrative: 'Engaged; activation log kept four days.' });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ planVersion: 1, reviewedOn: '2026-11-18', nextReviewOn: '2026-12-02' });
      const o = (await overview(org.staff.clinician, mhEpisode.id)).json<{ nextReview: unknown; reviews: unknown[] }>();
      expect(o.reviews).toHaveLength(1);
      // The review answers the level-of-care change of the same day; the next is on the 14-day cycle.
      expect(o.nextReview).toEqual({ dueOn: '2026-12-02', reason: 'cycle', state: 'upcoming' });
      expect(await auditCount('plan-review.create', mhEpisode.participantId)).toBe(1);
    });

    it.each([
      ['a missing objective', { progress: progress.slice(0, 1) }, 'body.progress'],
      ['an unknown progress word', { progress: [{ ...progress[0], progress: 'great' }, progress[1]] }, 'body.progress.0.progress'],
      ['a review dated tomorrow', { reviewedOn: '2026-11-19' }, 'body.reviewedOn'],
      ['a next review past the cycle', { nextReviewOn: '2026-12-20' }, 'body.nextReviewOn'],
      ['no narrative', { narrative: '' }, 'body.narrative'],
    ])('answers 400 naming the field for %s', async (_name, change, path) => {
      const res = await review(org.staff.clinician, mhEpisode.id, { reviewedOn: '2026-11-18', progress, narrative: 'Seen.', ...change });
      expect(res.statusCode).toBe(400);
      expect(errorPaths(res)).toContain(path);
    });

    it('refuses a review when no plan is signed yet', async () => {
      const res = await review(org.staff.clinician, bareEpisode.id, { reviewedOn: '2026-11-18', progress, narrative: 'Seen.' });
      expect(res.statusCode).toBe(422);
    });
  });

  describe('who may reach a plan', () => {
    it('is read by treating roles and written by them; intake, billers and administrators neither', async () => {
      expect((await overview(org.staff.prescriber, mhEpisode.id)).statusCode).toBe(200);
      for (const staff of [org.staff.intake, org.staff.biller, org.staff.admin]) {
        expect((await overview(staff, mhEpisode.id)).statusCode).toBe(403);
        expect((await openDraft(staff, bareEpisode.id, plan(org.staff.clinician.id))).statusCode).toBe(403);
      }
    });

    it('keeps a Part 2 episode’s plan to its program’s staff, as attendance is, and audits the refusal', async () => {
      const made = await openDraft(sudClinician, sudEpisode.id, plan(sudClinician.id));
      expect(made.statusCode, made.body).toBe(201);
      const before = await auditCount('access.denied', sudEpisode.participantId);
      expect((await overview(org.staff.clinician, sudEpisode.id)).statusCode).toBe(403);
      expect((await overview(org.staff.director, sudEpisode.id)).statusCode).toBe(403);
      expect((await saveDraft(org.staff.director, sudEpisode.id, 1, 1, plan(sudClinician.id))).statusCode).toBe(403);
      expect(await auditCount('access.denied', sudEpisode.participantId)).toBe(before + 3);
    });

    it('answers 404 for an unknown episode and an unknown version', async () => {
      expect((await overview(org.staff.director, '6a0f8a8e-1d7e-4c57-9c53-0d4a3c1b2e99')).statusCode).toBe(404);
      expect((await t.as(org.staff.director, { method: 'GET', url: `${base(mhEpisode.id)}/versions/9` })).statusCode).toBe(404);
    });
  });

  describe('the plan sets the weekly requirement', () => {
    it('judges weeks from the signing on against the plan, and leaves earlier weeks as they were', async () => {
      const census = async (week: string) => {
        const res = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/census?week=${week}&programId=${mh.id}` });
        expect(res.statusCode, res.body).toBe(200);
        const rows = res.json<{ rows: { episodeId: string; ledger: { requiredHours: number } }[] }>().rows;
        return Object.fromEntries(rows.map((r) => [r.episodeId, r.ledger.requiredHours]));
      };
      // Signed Wednesday 18 November: that week keeps the program's 9 h; from Monday 23 November the plan's 12 h.
      expect((await census('2026-11-16'))[mhEpisode.id]).toBe(9);
      const next = await census('2026-11-23');
      expect(next[mhEpisode.id]).toBe(12);
      expect(next[bareEpisode.id]).toBe(9);
      // The participant's own ledger reads the same rule.
      const ledger = await t.as(org.staff.clinician, { method: 'GET', url: `/api/v1/participants/${mhEpisode.participantId}/ledger` });
      expect(ledger.statusCode, ledger.body).toBe(200);
      expect(ledger.json<{ weeks: { weekMonday: string; requiredHours: number }[] }>().weeks.map((w) => w.requiredHours)).toEqual([9, 9, 9]);
    });

    it('clamps the plan to a program range narrowed later', async () => {
      await t.database.db.execute(sql`insert into program_hours (org_id, program_id, effective_from, min_weekly_minutes, max_weekly_minutes, per_diem_min_minutes)
                                      values (${org.orgId}, ${mh.id}, '2026-11-30', 540, 600, 180)`);
      const res = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/census?week=2026-11-30&programId=${mh.id}` });
      const row = res.json<{ rows: { episodeId: string; ledger: { requiredHours: number } }[] }>().rows.find((r) => r.episodeId === mhEpisode.id);
      expect(row?.ledger.requiredHours).toBe(10);
    });
  });

  describe('certification', () => {
    const queue = (staff: TestStaff) => t.as(staff, { method: 'GET', url: '/api/v1/certifications' });
    type Queue = { rows: { episodeId: string; due: { sequence: number; state: string; dueOn: string }; planVersion: number | null }[]; counts: Record<string, number> };

    it('lists nothing until the program says it bills Medicare', async () => {
      const res = await queue(org.staff.prescriber);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<Queue>().rows).toEqual([]);
      const settings = (await t.as(org.staff.director, { method: 'GET', url: `/api/v1/programs/${mh.id}/plan-settings` })).json<{ version: number }>();
      const put = await t.as(org.staff.director, {
        method: 'PUT',
        url: `/api/v1/programs/${mh.id}/plan-settings`,
        payload: { version: settings.version, reviewIntervalDays: 14, supervisorSignOff: true, certificationRequired: true },
      });
      expect(put.statusCode).toBe(200);
    });

    it('shows the admission certifications as overdue, with whether a plan is signed', async () => {
      const body = (await queue(org.staff.prescriber)).json<Queue>();
      const mine = body.rows.find((r) => r.episodeId === mhEpisode.id);
      expect(mine).toMatchObject({ due: { sequence: 1, state: 'overdue', dueOn: '2026-11-02' }, planVersion: 1 });
      expect(body.rows.find((r) => r.episodeId === bareEpisode.id)?.planVersion).toBeNull();
      expect(body.counts.overdue).toBe(2);
      expect((await queue(org.staff.director)).statusCode).toBe(200);
      expect((await queue(org.staff.clinician)).statusCode).toBe(403);
    });

    it('certifies in one request by a prescriber; a repeat is 409, and the next falls two months on', async () => {
      const url = `/api/v1/episodes/${mhEpisode.id}/certifications`;
      expect((await t.as(org.staff.clinician, { method: 'POST', url, payload: { sequence: 1 } })).statusCode).toBe(403);
      const res = await t.as(org.staff.prescriber, { method: 'POST', url, payload: { sequence: 1 } });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ kind: 'certification', sequence: 1, level: 'iop', certifiedOn: '2026-11-18', dueOn: '2026-11-02', planVersion: 1 });
      expect((await t.as(org.staff.prescriber, { method: 'POST', url, payload: { sequence: 1 } })).statusCode).toBe(409);
      const mine = await t.as(org.staff.clinician, { method: 'GET', url });
      expect(mine.json()).toMatchObject({ required: true, next: { kind: 'recertification', sequence: 2, dueOn: '2027-01-18', state: 'upcoming' } });
      expect(await auditCount('certification.sign', mhEpisode.participantId)).toBe(1);
    });

    it('refuses to certify without a signed plan of care', async () => {
      const res = await t.as(org.staff.prescriber, { method: 'POST', url: `/api/v1/episodes/${bareEpisode.id}/certifications`, payload: { sequence: 1 } });
      expect(res.statusCode).toBe(422);
      expect(res.json<{ detail: string }>().detail).toMatch(/plan of care must be signed/);
    });

    it('holds the settings to a cycle of 1–90 days and to setup roles', async () => {
      const url = `/api/v1/programs/${mh.id}/plan-settings`;
      const { version } = (await t.as(org.staff.director, { method: 'GET', url })).json<{ version: number }>();
      const body = { version, reviewIntervalDays: 91, supervisorSignOff: false, certificationRequired: true };
      const tooLong = await t.as(org.staff.director, { method: 'PUT', url, payload: body });
      expect(tooLong.statusCode).toBe(400);
      expect(errorPaths(tooLong)).toContain('body.reviewIntervalDays');
      expect((await t.as(org.staff.clinician, { method: 'PUT', url, payload: { ...body, reviewIntervalDays: 30 } })).statusCode).toBe(403);
      expect((await t.as(org.staff.director, { method: 'PUT', url, payload: { ...body, reviewIntervalDays: 30, version: version - 1 } })).statusCode).toBe(409);
    });

    it('sets the program’s note deadline with the plan settings (1–336 hours), and keeps it when left out', async () => {
      const url = `/api/v1/programs/${mh.id}/plan-settings`;
      const read = await t.as(org.staff.director, { method: 'GET', url });
      expect(read.json()).toMatchObject({ noteDeadlineHours: 24 });
      const body = { version: read.json<{ version: number }>().version, reviewIntervalDays: 30, supervisorSignOff: false, certificationRequired: true };
      for (const hours of [0, 337, 1.5]) {
        const bad = await t.as(org.staff.director, { method: 'PUT', url, payload: { ...body, noteDeadlineHours: hours } });
        expect(bad.statusCode).toBe(400);
        expect(errorPaths(bad)).toEqual(['body.noteDeadlineHours']);
      }
      const set = await t.as(org.staff.director, { method: 'PUT', url, payload: { ...body, noteDeadlineHours: 48 } });
      expect(set.statusCode, set.body).toBe(200);
      expect(set.json()).toMatchObject({ noteDeadlineHours: 48, reviewIntervalDays: 30 });
      const kept = await t.as(org.staff.director, { method: 'PUT', url, payload: { ...body, version: set.json<{ version: number }>().version, reviewIntervalDays: 21 } });
      expect(kept.json()).toMatchObject({ noteDeadlineHours: 48, reviewIntervalDays: 21 });
      expect((await t.as(org.staff.clinician, { method: 'PUT', url, payload: { ...body, noteDeadlineHours: 12 } })).statusCode).toBe(403);
      expect((await t.as(null, { method: 'PUT', url, payload: { noteDeadlineHours: 'x' } })).statusCode).toBe(401);
    });
  });

  describe('the database enforces', () => {
    const db = () => t.deps.db;
    async function refusal(statement: Promise<unknown>): Promise<string> {
      try {
        await statement;
        return 'accepted';
      } catch (error) {
        const cause = (error as { cause?: { message?: string } }).cause;
        return cause?.message ?? String(error);
      }
    }

    it('a signed version is never changed or removed, even by the app’s own role', async () => {
      expect(
        await refusal(db().execute(sql`update treatment_plan_version set content = '{}'::jsonb where episode_id = ${mhEpisode.id} and number = 1`)),
      ).toMatch(/is signed and cannot be changed/);
      expect(await refusal(db().execute(sql`delete from treatment_plan_version where episode_id = ${mhEpisode.id}`))).toMatch(/permission denied/);
      expect(await refusal(db().execute(sql`update certification set certified_on = '2026-11-02'`))).toMatch(/append-only/);
    });

    it('a signature carries the hash of a signed version', async () => {
      const [draft] = await db()
        .select({ id: treatmentPlanVersion.id })
        .from(treatmentPlanVersion)
        .where(and(eq(treatmentPlanVersion.episodeId, mhEpisode.id), eq(treatmentPlanVersion.number, 2)));
      expect(
        await refusal(
          db().execute(sql`insert into treatment_plan_signature (org_id, plan_version_id, signer, signed_name, recorded_by, content_hash, signed_at)
                           values (${org.orgId}, ${draft!.id}, 'participant', 'Rowan', ${org.staff.clinician.id}, ${'0'.repeat(64)}, now())`),
        ),
      ).toMatch(/treatment_plan_signature_version_fk/);
      expect(
        await refusal(db().execute(sql`update treatment_plan_version set status = 'signed' where id = ${draft!.id}`)),
      ).toMatch(/treatment_plan_version_signed_check/);
    });
  });
});
