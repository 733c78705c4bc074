/**
 * Group notes through the API, on PGlite and PostgreSQL: attendees from the roll by the roster rule (the absent get no
 * note), stale saves, refusals while an entry is empty or names another attendee, near-duplicate warnings naming the
 * pair, and signing that writes one note into each attendee's chart in one transaction.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent, clinicalNote } from '../../db/schema.ts';
import { startTestApp, TEST_PASSWORD, type TestApp, type TestOrg, type TestStaff } from '../../testing/harness.ts';
import { createStaff } from '../organisations/service.ts';
import { planContent, signedPlan } from '../plans/fixtures.ts';
import { assignToProgram, buildProgram, buildSession, buildSite, buildTrack, type TrackFixture } from '../ledger/fixtures.ts';

// Wednesday 18 November 2026, 13:00 in New York; the group ran 09:00–10:30.
const NOW = '2026-11-18T18:00:00Z';
const shared = { topic: 'Managing cravings', curriculumItem: 'Urge surfing', modality: 'Relapse prevention (CBT)', covered: 'Urge curve, a guided practice, a plan for the weekend.' };
const BEN_OBJECTIVE = '7c1d7c6e-51d3-4b5e-9a43-2f7f3a9c0b11';
const entry = (participation: string, response: string) => ({ participation, response, risk: 'None observed.', plan: 'Continue the group; practise daily.' });

describe('group notes', () => {
  let t: TestApp;
  let org: TestOrg;
  let track: TrackFixture;
  let sessionId: string;
  let sudSessionId: string;
  const people: Record<'ana' | 'ben' | 'cy', { id: string; participantId: string }> = {} as never;

  async function admit(as: TestStaff, trackFx: TrackFixture, given: string, family: string) {
    const p = await t.as(as, { method: 'POST', url: '/api/v1/participants', payload: { givenName: given, familyName: family, dateOfBirth: '1990-04-12' } });
    const participantId = p.json<{ id: string }>().id;
    const e = await t.as(as, {
      method: 'POST',
      url: `/api/v1/participants/${participantId}/episodes`,
      payload: { programId: trackFx.programId, trackId: trackFx.id, admittedOn: '2026-11-02', primaryClinicianId: org.staff.clinician.id },
    });
    expect(e.statusCode, e.body).toBe(201);
    return { id: e.json<{ id: string }>().id, participantId };
  }

  const url = (id = sessionId) => `/api/v1/sessions/${id}/group-note`;
  const read = (as: TestStaff | null, id = sessionId) => t.as(as, { method: 'GET', url: url(id) });
  const save = (as: TestStaff | null, payload: object, id = sessionId) => t.as(as, { method: 'PUT', url: url(id), payload });
  const sign = (as: TestStaff | null, payload: object, id = sessionId) => t.as(as, { method: 'POST', url: `${url(id)}/sign`, payload });
  const paths = (res: { json: () => { errors?: { path: string }[] } }) => (res.json().errors ?? []).map((e) => e.path);

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    org = await t.createOrg('Group Org');
    const db = t.database.db;
    const site = await buildSite(db, org.orgId);
    const mh = await buildProgram(db, site, { focus: 'mental_health' });
    const sud = await buildProgram(db, site, { focus: 'substance_use' });
    track = await buildTrack(db, mh);
    const sudTrack = await buildTrack(db, sud);
    await assignToProgram(db, org.orgId, org.staff.clinician.id, mh.id);
    people.ana = await admit(org.staff.director, track, 'Ana', 'Rivera');
    people.ben = await admit(org.staff.director, track, 'Ben', 'Okafor');
    people.cy = await admit(org.staff.director, track, 'Cy', 'Lindqvist');
    // Ben's signed plan has one objective, offered in his entry; Ana has no plan yet.
    await signedPlan(t, org.staff.clinician, people.ben.id, planContent(org.staff.clinician.id, [{ id: BEN_OBJECTIVE, description: 'Use urge surfing when cravings peak' }]));
    sessionId = await buildSession(db, track, { localDate: '2026-11-18', startTime: '09:00', endTime: '10:30', title: 'Relapse prevention group' });
    const roll = await t.as(org.staff.clinician, {
      method: 'PUT',
      url: `/api/v1/sessions/${sessionId}/roll`,
      payload: {
        entries: [
          { participantId: people.ana.participantId, status: 'present' },
          { participantId: people.ben.participantId, status: 'late', lateMinutes: 10 },
          { participantId: people.cy.participantId, status: 'absent' },
        ],
      },
    });
    expect(roll.statusCode, roll.body).toBe(200);
    const sudClinicianId = await createStaff(db, { orgId: org.orgId, name: 'SUD clinician', email: 'sud@group.test', role: 'clinician', password: TEST_PASSWORD });
    await assignToProgram(db, org.orgId, sudClinicianId, sud.id);
    sudSessionId = await buildSession(db, sudTrack, { localDate: '2026-11-18', startTime: '09:00', endTime: '10:30' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('refuses anyone not signed in before looking at the body', async () => {
    expect((await save(null, { version: 'x' })).statusCode).toBe(401);
    expect((await sign(null, {})).statusCode).toBe(401);
  });

  it('lists the attendees from the roll — present, late, left early — and not the absent', async () => {
    const res = await read(org.staff.clinician);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: null, version: 0, status: 'draft', session: { title: 'Relapse prevention group' } });
    expect(res.json().attendees.map((a: { displayName: string; attendance: string }) => [a.displayName, a.attendance])).toEqual([
      ['Ben Okafor', 'late'],
      ['Ana Rivera', 'present'],
    ]);
  });

  it('offers each attendee the objectives of their signed plan in force, and refuses progress on any other objective', async () => {
    const res = await read(org.staff.clinician);
    const offered = Object.fromEntries(
      res.json<{ attendees: { displayName: string; planObjectives: unknown[] }[] }>().attendees.map((a) => [a.displayName, a.planObjectives]),
    );
    expect(offered).toEqual({
      'Ben Okafor': [{ objectiveId: BEN_OBJECTIVE, description: 'Use urge surfing when cravings peak', goal: 'Return to work part time', targetDate: '2026-12-30', planVersion: 1 }],
      'Ana Rivera': [],
    });
    const foreign = await save(org.staff.clinician, {
      version: 0,
      shared,
      attendees: [
        { participantId: people.ben.participantId, sections: entry('x', 'y'), objectives: [{ objectiveId: BEN_OBJECTIVE, progress: 'met' }] },
        { participantId: people.ana.participantId, sections: entry('x', 'y'), objectives: [{ objectiveId: BEN_OBJECTIVE, progress: 'met' }] },
      ],
    });
    expect(foreign.statusCode).toBe(422);
    expect(paths(foreign)).toEqual(['body.attendees.1.objectives.0.objectiveId']);
  });

  it('refuses a session’s group note to staff outside its Part 2 program, and roles without clinical notes', async () => {
    expect((await read(org.staff.clinician, sudSessionId)).statusCode).toBe(403);
    expect((await read(org.staff.biller)).statusCode).toBe(403);
    expect((await save(org.staff.intake, { version: 0, shared, attendees: [] })).statusCode).toBe(403);
  });

  it('saves a draft; a second save from the same version is stale; an entry for the absent is refused', async () => {
    const absent = await save(org.staff.clinician, {
      version: 0,
      shared,
      attendees: [{ participantId: people.cy.participantId, sections: entry('x', 'y') }],
    });
    expect(absent.statusCode).toBe(422);
    expect(paths(absent)).toEqual(['body.attendees.0.participantId']);

    const first = await save(org.staff.clinician, {
      version: 0,
      shared,
      attendees: [{ participantId: people.ana.participantId, sections: entry('Led the check-in; named two triggers at work.', '') }],
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ version: 1, shared, author: { id: org.staff.clinician.id } });
    const stale = await save(org.staff.director, { version: 0, shared, attendees: [] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().title).toBe('Changed by someone else');
  });

  it('refuses to sign while a shared section or any attendee’s entry is empty, naming each', async () => {
    const current = (await read(org.staff.clinician)).json();
    const res = await sign(org.staff.clinician, { version: current.version });
    expect(res.statusCode).toBe(422);
    expect(paths(res)).toEqual([
      'body.attendees.0.sections.participation',
      'body.attendees.0.sections.response',
      'body.attendees.0.sections.risk',
      'body.attendees.0.sections.plan',
      'body.attendees.1.sections.response',
    ]);
  });

  it('refuses text that names another attendee', async () => {
    const current = (await read(org.staff.clinician)).json();
    const saved = await save(org.staff.clinician, {
      version: current.version,
      shared: { ...shared, covered: 'Ana and the group practised urge surfing.' },
      attendees: [
        { participantId: people.ana.participantId, sections: entry('Led the check-in; named two triggers at work.', 'Tried the practice twice.') },
        { participantId: people.ben.participantId, sections: entry('Arrived late, listened to Rivera describe her triggers.', 'Said the urge curve made sense for evenings.') },
      ],
    });
    const res = await sign(org.staff.clinician, { version: saved.json().version });
    expect(res.statusCode).toBe(422);
    expect(paths(res)).toEqual(['body.shared.covered', 'body.attendees.0.sections.participation']);
  });

  it('warns of near-duplicate entries, naming the pair and how alike; signs when they are accepted', async () => {
    const copy = entry('Engaged throughout the group and shared openly about cravings this week.', 'Receptive to the urge surfing practice and agreed to try it daily.');
    const current = (await read(org.staff.clinician)).json();
    const saved = await save(org.staff.clinician, {
      version: current.version,
      shared,
      facilitatorIds: [org.staff.clinician.id, org.staff.director.id],
      attendees: [
        { participantId: people.ana.participantId, sections: copy },
        { participantId: people.ben.participantId, sections: copy, objectives: [{ objectiveId: BEN_OBJECTIVE, progress: 'progressing' }] },
      ],
    });
    expect(saved.json().nearDuplicates).toEqual([
      { a: { participantId: people.ben.participantId, displayName: 'Ben Okafor' }, b: { participantId: people.ana.participantId, displayName: 'Ana Rivera' }, similarity: 1 },
    ]);
    const warned = await sign(org.staff.clinician, { version: saved.json().version });
    expect(warned.statusCode).toBe(422);
    expect(warned.json().detail).toMatch(/Ben Okafor and Ana Rivera \(100% alike\)/);
    expect((await t.database.db.select().from(clinicalNote).where(eq(clinicalNote.sessionId, sessionId))).length).toBe(0);

    const signed = await sign(org.staff.clinician, { version: saved.json().version, acceptNearDuplicates: true });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'signed', nearDuplicates: [] });
    expect(signed.json().attendees.every((a: { noteId: string | null }) => a.noteId)).toBe(true);
  });

  it('wrote one signed note into each attendee’s chart that names no other attendee, none for the absent, with their audit', async () => {
    const notes = await t.database.db.select().from(clinicalNote).where(eq(clinicalNote.sessionId, sessionId));
    expect(notes.map((n) => n.participantId).sort()).toEqual([people.ana.participantId, people.ben.participantId].sort());
    for (const n of notes) {
      expect(n).toMatchObject({ kind: 'group', status: 'signed', authorId: org.staff.clinician.id, lateEntry: false });
      expect(n.sections).toMatchObject({ topic: shared.topic, participation: expect.any(String) });
      const text = JSON.stringify(n);
      for (const name of ['Rivera', 'Okafor', 'Lindqvist', 'Ana', 'Ben']) expect(text).not.toContain(name);
    }
    const ben = notes.find((n) => n.participantId === people.ben.participantId)!;
    expect(ben.objectives).toEqual([{ objectiveId: BEN_OBJECTIVE, progress: 'progressing' }]);

    const chart = await t.as(org.staff.clinician, { method: 'GET', url: `/api/v1/episodes/${people.ben.id}/notes` });
    expect(chart.json().notes).toEqual([expect.objectContaining({ kind: 'group', sessionId, durationMinutes: 90, status: 'signed' })]);
    const view = await t.as(org.staff.clinician, { method: 'GET', url: `/api/v1/notes/${ben.id}` });
    expect(view.json()).toMatchObject({ intact: true, facilitators: [{ id: org.staff.clinician.id }, { id: org.staff.director.id }] });
    expect((await t.as(org.staff.clinician, { method: 'GET', url: `/api/v1/episodes/${people.cy.id}/notes` })).json().notes).toEqual([]);

    const signs = await t.database.db
      .select({ participantId: auditEvent.participantId })
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'note.sign'), inArray(auditEvent.entityId, notes.map((n) => n.id))));
    expect(signs).toHaveLength(2);
  });

  it('a signed group note cannot be saved or signed again', async () => {
    const current = (await read(org.staff.clinician)).json();
    expect(current.status).toBe('signed');
    const res = await save(org.staff.clinician, { version: current.version, shared, attendees: [] });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/signed note cannot be changed/);
    expect((await sign(org.staff.clinician, { version: current.version })).statusCode).toBe(409);
  });
});
