import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { startTestApp, type TestApp, type TestOrg, type TestStaff } from '../../testing/harness.ts';
import { auditEvent, inquiry, intakeAssessment, participant } from '../../db/schema.ts';
import { buildProgram, buildSite, buildTrack, assignToProgram, type ProgramFixture, type TrackFixture } from '../ledger/fixtures.ts';
import { insertInquiry } from '../way-in/queries.ts';

describe('converting an inquiry: admit or refer elsewhere', () => {
  let t: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let mh: ProgramFixture;
  let sud: ProgramFixture;
  let mhTrack: TrackFixture;

  const ask = (name: string, options: { programId?: string; source?: 'phone' | 'referral' | 'web_form'; createdAt?: string; orgId?: string } = {}) => {
    const at = new Date(options.createdAt ?? t.clock.now().toISOString());
    return insertInquiry(t.database.db, {
      orgId: options.orgId ?? org.orgId,
      source: options.source ?? 'phone',
      name,
      phone: '555-010-0199',
      preferredContact: 'phone',
      payer: 'medicaid',
      programId: options.programId ?? null,
      consentedToContactAt: at,
      createdAt: at,
      updatedAt: at,
    });
  };

  const admitBody = (overrides: { participant?: object; admission?: object; version?: number } = {}) => ({
    version: overrides.version ?? 1,
    participant: { givenName: 'Rowan', familyName: 'Testcase', dateOfBirth: '1990-03-04', phone: '555-010-0199', ...overrides.participant },
    admission: { programId: mh.id, trackId: mhTrack.id, admittedOn: '2026-11-16', primaryClinicianId: org.staff.clinician.id, ...overrides.admission },
  });

  const admit = (staff: TestStaff | null, id: string, body: object) => t.as(staff, { method: 'POST', url: `/api/v1/inquiries/${id}/admit`, payload: body });
  const refer = (staff: TestStaff | null, id: string, body: object) => t.as(staff, { method: 'POST', url: `/api/v1/inquiries/${id}/refer`, payload: body });
  const stored = async (id: string) => (await t.database.db.select().from(inquiry).where(eq(inquiry.id, id)))[0]!;
  const actions = async (entityId: string) =>
    (await t.database.db.select({ action: auditEvent.action, details: auditEvent.details }).from(auditEvent).where(eq(auditEvent.entityId, entityId)).orderBy(sql`seq`));

  beforeAll(async () => {
    t = await startTestApp();
    org = await t.createOrg('Way In Clinic');
    other = await t.createOrg('Other Way In Clinic');
    const site = await buildSite(t.database.db, org.orgId);
    mh = await buildProgram(t.database.db, site, { name: 'Adult MH IOP' });
    sud = await buildProgram(t.database.db, site, { name: 'Adult SUD IOP', focus: 'substance_use' });
    mhTrack = await buildTrack(t.database.db, mh, 'Evening');
    await assignToProgram(t.database.db, org.orgId, org.staff.clinician.id, mh.id);
  });
  afterAll(async () => t.close());

  it('admits in one step: registers the person, opens the episode, attaches the inquiry’s assessment, all audited', async () => {
    const id = await ask('Rowan Testcase', { programId: mh.id });
    const started = await t.as(org.staff.intake, { method: 'POST', url: `/api/v1/inquiries/${id}/intake-assessments`, payload: {} });
    expect(started.statusCode, started.body).toBe(201);

    const res = await admit(org.staff.intake, id, admitBody());
    expect(res.statusCode, res.body).toBe(201);
    const { inquiry: converted, episode } = res.json();
    expect(episode).toMatchObject({ programId: mh.id, admittedOn: '2026-11-16' });
    expect(converted).toMatchObject({ status: 'admitted', episodeId: episode.id, participantId: episode.participantId, version: 2 });
    const [person] = await t.database.db.select().from(participant).where(eq(participant.id, episode.participantId));
    expect(person).toMatchObject({ givenName: 'Rowan', familyName: 'Testcase', orgId: org.orgId });
    const [assessment] = await t.database.db.select().from(intakeAssessment).where(eq(intakeAssessment.id, started.json().id));
    expect(assessment).toMatchObject({ episodeId: episode.id, participantId: episode.participantId, part2: false });

    expect((await actions(id)).map((a) => a.action)).toContain('inquiry.admit');
    expect((await actions(episode.participantId)).map((a) => a.action)).toContain('participant.create');
    expect((await actions(episode.id)).map((a) => a.action)).toEqual(expect.arrayContaining(['episode.admit', 'intake-assessment.attach']));
  });

  it('refuses a second conversion (409), and a move off the admitted column', async () => {
    const id = await ask('Twice Testcase');
    expect((await admit(org.staff.intake, id, admitBody({ participant: { givenName: 'Twice' } }))).statusCode).toBe(201);
    const again = await admit(org.staff.intake, id, admitBody({ version: 2, participant: { givenName: 'Twice' } }));
    expect(again.statusCode).toBe(409);
    expect((await refer(org.staff.intake, id, { version: 2, referredTo: 'Elsewhere', reason: 'Closer to home' })).statusCode).toBe(409);
    expect((await t.as(org.staff.intake, { method: 'PATCH', url: `/api/v1/inquiries/${id}`, payload: { version: 2, status: 'new' } })).statusCode).toBe(409);
    const named = await t.database.db.select().from(participant).where(and(eq(participant.orgId, org.orgId), eq(participant.givenName, 'Twice')));
    expect(named).toHaveLength(1);
  });

  it('keeps nothing when the admission is refused: no participant, the inquiry unchanged, the field named', async () => {
    const id = await ask('Nobody Testcase');
    const res = await admit(org.staff.intake, id, admitBody({ participant: { givenName: 'Nobody' }, admission: { trackId: crypto.randomUUID() } }));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('body.admission.trackId');
    expect(await t.database.db.select().from(participant).where(eq(participant.givenName, 'Nobody'))).toHaveLength(0);
    expect(await stored(id)).toMatchObject({ status: 'new', episodeId: null, version: 1 });
  });

  it('asks for sign-in first, names a bad field (400), and refuses roles without the board', async () => {
    const id = await ask('Checked Testcase');
    expect((await admit(null, id, {})).statusCode).toBe(401);
    const missing = await admit(org.staff.intake, id, admitBody({ participant: { dateOfBirth: undefined } }));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].path).toBe('body.participant.dateOfBirth');
    const noReason = await refer(org.staff.intake, id, { version: 1, referredTo: 'Riverside PHP', reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].path).toBe('body.reason');
    for (const role of ['clinician', 'biller', 'admin'] as const) expect((await admit(org.staff[role], id, admitBody())).statusCode).toBe(403);
    expect((await admit(other.staff.intake, id, admitBody())).statusCode).toBe(404);
    const moved = await t.as(org.staff.intake, { method: 'PATCH', url: `/api/v1/inquiries/${id}`, payload: { version: 1, status: 'admitted' } });
    expect(moved.statusCode).toBe(422);
    expect(moved.json().errors[0].path).toBe('body.status');
  });

  it('refers elsewhere with where and why, audited without their words', async () => {
    const id = await ask('Referred Testcase');
    const res = await refer(org.staff.intake, id, { version: 1, referredTo: 'Riverside PHP', reason: 'Needs a more intensive level of care' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'referred_elsewhere', referredTo: 'Riverside PHP', referralReason: 'Needs a more intensive level of care', version: 2 });
    const audit = (await actions(id)).find((a) => a.action === 'inquiry.refer');
    expect(audit?.details).toEqual({ from: 'new', fields: ['referredTo', 'reason'] });
    expect(JSON.stringify(audit?.details)).not.toContain('Riverside');
    await expect(t.database.db.update(inquiry).set({ status: 'closed' }).where(eq(inquiry.id, id))).rejects.toThrow();
  });

  it('keeps a Part 2 program’s inquiry to that program’s staff and intake: lists, counts, changes and admissions', async () => {
    const id = await ask('Private Testcase', { programId: sud.id });
    const names = async (staff: TestStaff) => {
      const res = await t.as(staff, { method: 'GET', url: '/api/v1/inquiries?status=new' });
      expect(res.statusCode, res.body).toBe(200);
      return { names: res.json().items.map((i: { name: string }) => i.name), count: res.json().counts.new };
    };
    const byIntake = await names(org.staff.intake);
    const byDirector = await names(org.staff.director);
    expect(byIntake.names).toContain('Private Testcase');
    expect(byDirector.names).not.toContain('Private Testcase');
    expect(byDirector.count).toBe(byIntake.count - 1);

    const patch = await t.as(org.staff.director, { method: 'PATCH', url: `/api/v1/inquiries/${id}`, payload: { version: 1, notes: 'x' } });
    expect(patch.statusCode).toBe(403);
    expect(await t.database.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'access.denied'), eq(auditEvent.actorId, org.staff.director.id)))).not.toHaveLength(0);
    expect((await refer(org.staff.director, id, { version: 1, referredTo: 'x', reason: 'y' })).statusCode).toBe(403);

    // Once the director works in the program, they see it.
    await assignToProgram(t.database.db, org.orgId, org.staff.director.id, sud.id);
    expect((await names(org.staff.director)).names).toContain('Private Testcase');
  });

  it('shows conversion and median days to admission by source over a period', async () => {
    const board = await t.createOrg('Pipeline Clinic');
    const site = await buildSite(t.database.db, board.orgId);
    const prog = await buildProgram(t.database.db, site, { name: 'Pipeline IOP' });
    const trk = await buildTrack(t.database.db, prog, 'Day');
    const asked = (name: string, source: 'phone' | 'referral' | 'web_form', createdAt: string) => ask(name, { orgId: board.orgId, source, createdAt });
    const admitOn = async (id: string, given: string, admittedOn: string) => {
      const res = await admit(board.staff.intake, id, {
        version: 1,
        participant: { givenName: given, familyName: 'Pipeline', dateOfBirth: '1985-01-01' },
        admission: { programId: prog.id, trackId: trk.id, admittedOn, primaryClinicianId: board.staff.clinician.id },
      });
      expect(res.statusCode, res.body).toBe(201);
    };
    await admitOn(await asked('A', 'referral', '2026-11-02T23:30:00Z'), 'A', '2026-11-05'); // 3 days
    await admitOn(await asked('B', 'referral', '2026-11-03T10:00:00Z'), 'B', '2026-11-14'); // 11 days
    await asked('C', 'referral', '2026-11-04T10:00:00Z');
    await admitOn(await asked('D', 'phone', '2026-11-09T10:00:00Z'), 'D', '2026-11-10'); // 1 day
    await asked('E', 'web_form', '2026-11-10T10:00:00Z');
    await asked('Outside', 'phone', '2026-10-31T23:59:59Z');

    const res = await t.as(board.staff.director, { method: 'GET', url: '/api/v1/inquiries/pipeline?from=2026-11-01&to=2026-11-10' });
    expect(res.statusCode, res.body).toBe(200);
    const bySource = Object.fromEntries(res.json().figures.map((f: { source: string }) => [f.source, f]));
    expect(bySource.referral).toEqual({ source: 'referral', inquiries: 3, admitted: 2, conversionRate: 2 / 3, medianDaysToAdmission: 7 });
    expect(bySource.phone).toMatchObject({ inquiries: 1, admitted: 1, conversionRate: 1, medianDaysToAdmission: 1 });
    expect(bySource.web_form).toMatchObject({ inquiries: 1, admitted: 0, conversionRate: 0, medianDaysToAdmission: null });
    expect(bySource.all).toMatchObject({ inquiries: 5, admitted: 3, medianDaysToAdmission: 3 });

    const backwards = await t.as(board.staff.director, { method: 'GET', url: '/api/v1/inquiries/pipeline?from=2026-11-10&to=2026-11-01' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors[0].path).toBe('querystring.to');
    expect((await t.as(null, { method: 'GET', url: '/api/v1/inquiries/pipeline?from=x' })).statusCode).toBe(401);
    expect((await t.as(board.staff.clinician, { method: 'GET', url: '/api/v1/inquiries/pipeline?from=2026-11-01&to=2026-11-10' })).statusCode).toBe(403);
  });
});
