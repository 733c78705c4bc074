/**
 * Intake assessments through the API, on PGlite and PostgreSQL: drafts on an episode and on an inquiry, autosave with
 * stale-version refusal, signing (422 naming the first missing answer; hashed; locked even against the app's own
 * database role), addenda, the Part 2 scope on per-id routes, the unsigned list, and attaching an inquiry's
 * assessments to the episode at admission.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeAssessmentContent } from '@trellis/core';
import { auditEvent, intakeAssessment, intakeAssessmentAddendum } from '../../db/schema.ts';
import { startTestApp, TEST_PASSWORD, type TestApp, type TestOrg, type TestStaff } from '../../testing/harness.ts';
import { createStaff } from '../organisations/service.ts';
import { assignToProgram, buildProgram, buildSite, buildTrack, type ProgramFixture } from '../ledger/fixtures.ts';
import { insertInquiry } from '../way-in/queries.ts';
import { attachInquiryAssessmentsToEpisode } from './service.ts';

const NOW = '2026-11-18T15:00:00Z';

const complete: IntakeAssessmentContent = {
  presentingProblem: 'Drinking more since losing work.',
  mentalHealthHistory: 'Depression in 2022.',
  substanceUse: { substances: [{ substance: 'alcohol', route: 'oral', frequency: 'daily', lastUse: '2026-11-16', priorTreatment: 'None' }] },
  currentSymptoms: 'Low mood, poor sleep.',
  stressorsAndSupports: { homeStability: 'stable_unsupportive', stressors: 'Unemployment', supportsRecovery: 'Sister' },
  medical: { conditions: 'Hypertension', needs: 'Blood pressure checks', treatFirst: false },
  medications: 'Lisinopril',
  legal: 'None',
  obligations: { workSchool: 'Job search', family: 'One child' },
  strengths: 'Motivated',
  riskScreen: { suicidalIdeation: 'none', harmToOthers: 'none', withdrawalRisk: 'mild', eatingDisorderNeedsMealSupport: false, readiness: 'ready' },
};

describe('intake assessments', () => {
  let t: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let sud: ProgramFixture;
  let sudClinician: TestStaff;
  let sudIntake: TestStaff;
  let mhEpisode: { id: string; participantId: string };
  let sudEpisode: { id: string; participantId: string };
  let openInquiry: string;
  let sudInquiry: string;

  async function staff(role: 'clinician' | 'intake', email: string, programId: string) {
    const id = await createStaff(t.database.db, { orgId: org.orgId, name: email.split('@')[0]!, email, role, password: TEST_PASSWORD });
    await assignToProgram(t.database.db, org.orgId, id, programId);
    return { id, email, role, cookie: await t.signIn(email) } satisfies TestStaff;
  }

  async function admit(as: TestStaff, prog: ProgramFixture, trackId: string, clinicianId: string, name: string) {
    const p = await t.as(as, { method: 'POST', url: '/api/v1/participants', payload: { givenName: name, familyName: 'Synthetic', dateOfBirth: '1990-04-12' } });
    const participantId = p.json<{ id: string }>().id;
    const e = await t.as(as, {
      method: 'POST',
      url: `/api/v1/participants/${participantId}/episodes`,
      payload: { programId: prog.id, trackId, admittedOn: '2026-11-02', primaryClinicianId: clinicianId },
    });
    expect(e.statusCode, e.body).toBe(201);
    return { id: e.json<{ id: string }>().id, participantId };
  }

  const inquiryOf = (name: string, programId: string | null) =>
    insertInquiry(t.database.db, { orgId: org.orgId, source: 'phone', name, phone: '555-010-0100', preferredContact: 'phone', payer: 'unsure', programId });

  const start = (as: TestStaff | null, kind: 'episodes' | 'inquiries', id: string, content: object = {}) =>
    t.as(as, { method: 'POST', url: `/api/v1/${kind}/${id}/intake-assessments`, payload: { content } });
  const save = (as: TestStaff | null, id: string, payload: object) => t.as(as, { method: 'PUT', url: `/api/v1/intake-assessments/${id}`, payload });
  const sign = (as: TestStaff | null, id: string, version: number) =>
    t.as(as, { method: 'POST', url: `/api/v1/intake-assessments/${id}/sign`, payload: { version } });
  const read = (as: TestStaff | null, id: string) => t.as(as, { method: 'GET', url: `/api/v1/intake-assessments/${id}` });
  const denials = async (entityId: string) =>
    (await t.database.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'access.denied'), eq(auditEvent.entityId, entityId)))).length;

  async function signed(as: TestStaff, kind: 'episodes' | 'inquiries', id: string) {
    const created = await start(as, kind, id, complete);
    expect(created.statusCode, created.body).toBe(201);
    const res = await sign(as, created.json<{ id: string }>().id, 1);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ id: string; version: number; contentHash: string }>();
  }

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    org = await t.createOrg('Intake Org');
    other = await t.createOrg('Other Intake Org');
    const db = t.database.db;
    const s = await buildSite(db, org.orgId);
    const mh = await buildProgram(db, s, { focus: 'mental_health' });
    sud = await buildProgram(db, s, { focus: 'substance_use' });
    await assignToProgram(db, org.orgId, org.staff.clinician.id, mh.id);
    sudClinician = await staff('clinician', 'sud@intake.test', sud.id);
    sudIntake = await staff('intake', 'sud-intake@intake.test', sud.id);
    mhEpisode = await admit(org.staff.director, mh, (await buildTrack(db, mh)).id, org.staff.clinician.id, 'Avery');
    sudEpisode = await admit(sudClinician, sud, (await buildTrack(db, sud)).id, sudClinician.id, 'Blake');
    openInquiry = await inquiryOf('Casey Asker', mh.id);
    sudInquiry = await inquiryOf('Drew Asker', sud.id);
  });
  afterAll(async () => t?.close());

  it('refuses anyone not signed in before looking at the body, and names bad input', async () => {
    expect((await start(null, 'episodes', mhEpisode.id, { riskScreen: 'x' })).statusCode).toBe(401);
    expect((await save(null, mhEpisode.id, { version: 'x' })).statusCode).toBe(401);
    expect((await t.as(null, { method: 'GET', url: '/api/v1/intake-assessments/unsigned' })).statusCode).toBe(401);
    const bad = await start(org.staff.clinician, 'episodes', mhEpisode.id, { riskScreen: { readiness: 'eager' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.content.riskScreen.readiness');
    expect(bad.headers['cache-control']).toContain('no-store');
  });

  it('autosaves a draft, refuses a stale save with 409, and signs only when every answer is given', async () => {
    const created = await start(org.staff.clinician, 'episodes', mhEpisode.id, { presentingProblem: 'Drinking more.' });
    expect(created.statusCode, created.body).toBe(201);
    const a = created.json();
    expect(a).toMatchObject({ status: 'draft', version: 1, episodeId: mhEpisode.id, participantId: mhEpisode.participantId, inquiryId: null, displayName: 'Avery Synthetic' });

    const saved = await save(org.staff.clinician, a.id, { version: 1, content: { presentingProblem: 'Drinking more.', riskScreen: { readiness: 'not_ready' } } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 2, flags: [{ flag: 'not_yet_motivated' }] });
    // A second clinician saving from the version they loaded gets 409, and nothing of theirs is stored.
    const stale = await save(org.staff.director, a.id, { version: 1, content: { presentingProblem: 'Other words' } });
    expect(stale.statusCode).toBe(409);
    expect((await read(org.staff.clinician, a.id)).json().content.presentingProblem).toBe('Drinking more.');

    const incomplete = await sign(org.staff.clinician, a.id, 2);
    expect(incomplete.statusCode).toBe(422);
    expect(incomplete.json().errors[0]).toEqual({ path: 'content.mentalHealthHistory', message: 'Mental health history is required to sign' });

    expect((await save(org.staff.clinician, a.id, { version: 2, content: complete })).statusCode).toBe(200);
    expect((await sign(org.staff.director, a.id, 3)).statusCode).toBe(422); // only the author signs
    const done = await sign(org.staff.clinician, a.id, 3);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'signed', signedAt: NOW.replace('Z', '.000Z'), intact: true, flags: [{ flag: 'no_stable_supportive_home' }] });
    expect(done.json().contentHash).toMatch(/^[0-9a-f]{64}$/);

    const afterSign = await save(org.staff.clinician, a.id, { version: 4, content: complete });
    expect(afterSign.statusCode).toBe(409);
    expect(afterSign.json().errors[0].path).toBe('status');
    const [audit] = await t.database.db.select().from(auditEvent).where(and(eq(auditEvent.entityId, a.id), eq(auditEvent.action, 'intake-assessment.sign')));
    expect(audit!.details).toMatchObject({ episodeId: mhEpisode.id, flags: ['no_stable_supportive_home'] });
    expect(JSON.stringify(audit!.details)).not.toContain('Drinking');
  });

  it('takes addenda on a signed assessment only, and the database keeps signed rows and addenda unchanged', async () => {
    const draft = (await start(org.staff.clinician, 'episodes', mhEpisode.id)).json<{ id: string }>();
    const onDraft = await t.as(org.staff.clinician, { method: 'POST', url: `/api/v1/intake-assessments/${draft.id}/addenda`, payload: { text: 'x' } });
    expect(onDraft.statusCode).toBe(409);

    const s = await signed(org.staff.clinician, 'episodes', mhEpisode.id);
    const added = await t.as(org.staff.clinician, { method: 'POST', url: `/api/v1/intake-assessments/${s.id}/addenda`, payload: { text: 'Sister confirmed support.' } });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ contentHash: s.contentHash, addenda: [{ text: 'Sister confirmed support.' }], addendumCount: 1 });

    const db = t.database.db;
    await expect(db.update(intakeAssessment).set({ content: { legal: 'changed' } }).where(eq(intakeAssessment.id, s.id))).rejects.toThrow();
    await expect(db.delete(intakeAssessment).where(eq(intakeAssessment.id, s.id))).rejects.toThrow();
    await expect(db.update(intakeAssessmentAddendum).set({ text: 'changed' }).where(eq(intakeAssessmentAddendum.assessmentId, s.id))).rejects.toThrow();
    expect((await read(org.staff.clinician, s.id)).json()).toMatchObject({ intact: true, content: { legal: 'None' } });
  });

  it('lists an episode’s assessments newest first, audited', async () => {
    const res = await t.as(org.staff.clinician, { method: 'GET', url: `/api/v1/episodes/${mhEpisode.id}/intake-assessments` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().assessments.length).toBeGreaterThanOrEqual(3);
    expect(res.json().assessments.every((a: { episodeId: string }) => a.episodeId === mhEpisode.id)).toBe(true);
    const [audit] = await t.database.db.select().from(auditEvent).where(and(eq(auditEvent.entityId, mhEpisode.id), eq(auditEvent.action, 'intake-assessment.list')));
    expect(audit).toMatchObject({ actorId: org.staff.clinician.id, participantId: mhEpisode.participantId });
  });

  it('keeps a Part 2 episode’s assessment to its program’s staff, on the per-id routes too, with an audited refusal', async () => {
    const s = await signed(sudClinician, 'episodes', sudEpisode.id);
    expect((await read(sudClinician, s.id)).statusCode).toBe(200);
    for (const outsider of [org.staff.clinician, org.staff.director]) {
      expect((await read(outsider, s.id)).statusCode).toBe(403);
      expect((await t.as(outsider, { method: 'POST', url: `/api/v1/intake-assessments/${s.id}/addenda`, payload: { text: 'x' } })).statusCode).toBe(403);
    }
    expect((await start(org.staff.director, 'episodes', sudEpisode.id)).statusCode).toBe(403);
    expect((await t.as(org.staff.director, { method: 'GET', url: `/api/v1/episodes/${sudEpisode.id}/intake-assessments` })).statusCode).toBe(403);
    expect(await denials(s.id)).toBeGreaterThanOrEqual(4);
  });

  it('refuses roles without the assessment, intake on an admitted episode, and another organisation (404)', async () => {
    const draft = (await start(org.staff.clinician, 'episodes', mhEpisode.id)).json<{ id: string }>();
    for (const role of ['biller', 'admin'] as const) expect((await read(org.staff[role], draft.id)).statusCode).toBe(403);
    expect((await read(org.staff.intake, draft.id)).statusCode).toBe(403);
    expect((await start(org.staff.intake, 'episodes', mhEpisode.id)).statusCode).toBe(403);
    expect((await read(other.staff.director, draft.id)).statusCode).toBe(404);
    expect((await start(other.staff.director, 'episodes', mhEpisode.id)).statusCode).toBe(404);
  });

  it('lets intake assess an inquiry, and keeps a Part 2 program’s inquiry to that program’s staff, intake included', async () => {
    const open = await start(org.staff.intake, 'inquiries', openInquiry, { presentingProblem: 'Anxious at work' });
    expect(open.statusCode, open.body).toBe(201);
    expect(open.json()).toMatchObject({ inquiryId: openInquiry, episodeId: null, participantId: null, displayName: 'Casey Asker' });
    expect((await read(org.staff.director, open.json().id)).statusCode).toBe(200);
    // The clinician works in the inquiry's (mental health) program; the SUD clinician does not.
    expect((await read(org.staff.clinician, open.json().id)).statusCode).toBe(200);
    expect((await read(sudClinician, open.json().id)).statusCode).toBe(403);

    const part2 = await start(sudIntake, 'inquiries', sudInquiry, { presentingProblem: 'Using daily' });
    expect(part2.statusCode, part2.body).toBe(201);
    const id = part2.json().id as string;
    for (const outsider of [org.staff.intake, org.staff.director, org.staff.clinician]) {
      expect((await read(outsider, id)).statusCode).toBe(403);
      expect((await save(outsider, id, { version: 1, content: {} })).statusCode).toBe(403);
    }
    expect((await start(org.staff.intake, 'inquiries', sudInquiry)).statusCode).toBe(403);
    expect((await read(sudClinician, id)).statusCode).toBe(200);
    expect(await denials(id)).toBeGreaterThanOrEqual(6);

    const listed = await t.as(sudIntake, { method: 'GET', url: `/api/v1/inquiries/${sudInquiry}/intake-assessments` });
    expect(listed.json().assessments.map((a: { id: string }) => a.id)).toEqual([id]);
    expect((await t.as(org.staff.intake, { method: 'GET', url: `/api/v1/inquiries/${sudInquiry}/intake-assessments` })).statusCode).toBe(403);
  });

  it('lists unsigned assessments in the caller’s scope only', async () => {
    const mine = (await start(org.staff.clinician, 'episodes', mhEpisode.id)).json<{ id: string }>();
    const sudDraft = (await start(sudClinician, 'episodes', sudEpisode.id)).json<{ id: string }>();
    const unsigned = async (as: TestStaff) =>
      (await t.as(as, { method: 'GET', url: '/api/v1/intake-assessments/unsigned' })).json<{ rows: { id: string; displayName: string }[] }>().rows;
    const director = await unsigned(org.staff.director);
    expect(director.map((r) => r.id)).toContain(mine.id);
    expect(director.map((r) => r.id)).not.toContain(sudDraft.id);
    expect((await unsigned(sudClinician)).map((r) => r.id)).toContain(sudDraft.id);
    expect((await unsigned(org.staff.clinician)).map((r) => r.id)).not.toContain(sudDraft.id);
    const intakeRows = await unsigned(org.staff.intake);
    expect(intakeRows.map((r) => r.displayName)).toContain('Casey Asker');
    expect(intakeRows.map((r) => r.id)).not.toContain(mine.id);
    expect(intakeRows.map((r) => r.displayName)).not.toContain('Drew Asker');
  });

  it('attaches an inquiry’s assessments, signed ones included, to the episode at admission', async () => {
    const inquiryId = await inquiryOf('Emery Asker', null);
    const s = await signed(org.staff.intake, 'inquiries', inquiryId);
    const actor = { userId: org.staff.director.id, orgId: org.orgId, role: 'director' as const, name: 'director', email: org.staff.director.email };
    const ids = await t.database.db.transaction((tx) => attachInquiryAssessmentsToEpisode(tx, t.deps, actor, { inquiryId, episodeId: mhEpisode.id }));
    expect(ids).toEqual([s.id]);
    const after = await read(org.staff.clinician, s.id);
    expect(after.json()).toMatchObject({ episodeId: mhEpisode.id, participantId: mhEpisode.participantId, inquiryId, intact: true, contentHash: s.contentHash });
    // Intake worked before admission; once attached, the assessment is the clinical record's.
    expect((await read(org.staff.intake, s.id)).statusCode).toBe(403);
    // Attached once: the trigger refuses moving it to another episode.
    await expect(t.database.db.update(intakeAssessment).set({ episodeId: sudEpisode.id }).where(eq(intakeAssessment.id, s.id))).rejects.toThrow();
  });
});
