import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { startTestApp, TEST_PASSWORD, type TestApp, type TestOrg, type TestStaff } from '../../testing/harness.ts';
import { auditEvent, episode, trackBlock } from '../../db/schema.ts';
import { createStaff } from '../organisations/service.ts';
import {
  assignToProgram,
  buildProgram,
  buildSite,
  buildTrack,
  type ProgramFixture,
  type TrackFixture,
} from '../ledger/fixtures.ts';

describe('participants and episodes', () => {
  let t: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let adult: ProgramFixture;
  let sud: ProgramFixture;
  let evening: TrackFixture;
  let morning: TrackFixture;
  let sudTrack: TrackFixture;
  let outsider: TestStaff;

  const person = (overrides: Record<string, unknown> = {}) => ({
    givenName: 'Avery',
    familyName: 'Quill',
    preferredName: 'Ave',
    pronouns: 'they/them',
    dateOfBirth: '1991-04-12',
    phone: '555-0100',
    email: 'avery.quill@example.test',
    emergencyContact: { name: 'Jordan Quill', relationship: 'sibling', phone: '555-0101' },
    ...overrides,
  });

  async function create(staff: TestStaff, body: Record<string, unknown> = person()) {
    const res = await t.as(staff, { method: 'POST', url: '/api/v1/participants', payload: body });
    expect(res.statusCode).toBe(201);
    return res.json<{ id: string; version: number }>();
  }

  async function admit(participantId: string, body: Record<string, unknown> = {}) {
    return t.as(org.staff.intake, {
      method: 'POST',
      url: `/api/v1/participants/${participantId}/episodes`,
      payload: {
        programId: adult.id,
        trackId: evening.id,
        admittedOn: '2026-11-02',
        primaryClinicianId: org.staff.clinician.id,
        ...body,
      },
    });
  }

  async function latestAudit(orgId: string, participantId?: string) {
    const [row] = await t.database.db
      .select()
      .from(auditEvent)
      .where(
        participantId
          ? and(eq(auditEvent.orgId, orgId), eq(auditEvent.participantId, participantId))
          : eq(auditEvent.orgId, orgId),
      )
      .orderBy(sql`seq desc`)
      .limit(1);
    return row;
  }

  beforeAll(async () => {
    t = await startTestApp();
    org = await t.createOrg('Harbor Clinic');
    other = await t.createOrg('Elsewhere Clinic');
    const ny = await buildSite(t.database.db, org.orgId);
    adult = await buildProgram(t.database.db, ny, { name: 'Adult MH IOP' });
    sud = await buildProgram(t.database.db, ny, { name: 'Adult SUD IOP', focus: 'substance_use' });
    evening = await buildTrack(t.database.db, adult, 'Evening');
    morning = await buildTrack(t.database.db, adult, 'Morning');
    sudTrack = await buildTrack(t.database.db, sud, 'SUD Evening');
    await assignToProgram(t.database.db, org.orgId, org.staff.clinician.id, adult.id);
    const email = 'sud-clinician@harbor.test';
    const id = await createStaff(t.database.db, {
      orgId: org.orgId,
      name: 'SUD clinician',
      email,
      role: 'clinician',
      password: TEST_PASSWORD,
      programIds: [sud.id],
    });
    outsider = { id, email, role: 'clinician', cookie: await t.signIn(email) };
  });
  afterAll(async () => t.close());

  it('registers a participant and audits it without clinical content', async () => {
    const res = await t.as(org.staff.intake, { method: 'POST', url: '/api/v1/participants', payload: person() });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      givenName: 'Avery',
      preferredName: 'Ave',
      dateOfBirth: '1991-04-12',
      emergencyContact: { name: 'Jordan Quill', relationship: 'sibling', phone: '555-0101' },
      version: 1,
      part2: false,
      episodes: [],
    });
    const audit = await latestAudit(org.orgId, body.id);
    expect(audit?.action).toBe('participant.create');
    expect(JSON.stringify(audit?.details)).not.toContain('Avery');
  });

  it('names dateOfBirth when it is not a real date or lies in the future', async () => {
    for (const dateOfBirth of ['2023-02-29', '12/04/1991', '2030-01-01']) {
      const res = await t.as(org.staff.intake, {
        method: 'POST',
        url: '/api/v1/participants',
        payload: person({ dateOfBirth }),
      });
      expect(res.statusCode, dateOfBirth).toBe(400);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('body.dateOfBirth');
    }
    const missing = await t.as(org.staff.intake, {
      method: 'POST',
      url: '/api/v1/participants',
      payload: person({ givenName: ' ' }),
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].path).toBe('body.givenName');
  });

  it('refuses to register for a role without participant.write', async () => {
    const res = await t.as(org.staff.biller, { method: 'POST', url: '/api/v1/participants', payload: person() });
    expect(res.statusCode).toBe(403);
  });

  it('reads a record with an audit event naming the participant', async () => {
    const created = await create(org.staff.intake);
    const res = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/participants/${created.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().id).toBe(created.id);
    const audit = await latestAudit(org.orgId);
    expect(audit).toMatchObject({
      action: 'participant.read',
      participantId: created.id,
      actorId: org.staff.director.id,
    });
  });

  it('edits details with optimistic concurrency', async () => {
    const created = await create(org.staff.intake);
    const res = await t.as(org.staff.intake, {
      method: 'PATCH',
      url: `/api/v1/participants/${created.id}`,
      payload: { version: 1, pronouns: 'she/her', emergencyContact: null },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ pronouns: 'she/her', emergencyContact: null, version: 2, givenName: 'Avery' });
    const audit = await latestAudit(org.orgId, created.id);
    expect(audit?.action).toBe('participant.update');
    expect(audit?.details).toEqual({ fields: ['pronouns', 'emergencyContact'] });

    const stale = await t.as(org.staff.intake, {
      method: 'PATCH',
      url: `/api/v1/participants/${created.id}`,
      payload: { version: 1, phone: '555-0199' },
    });
    expect(stale.statusCode).toBe(409);
    const bad = await t.as(org.staff.intake, {
      method: 'PATCH',
      url: `/api/v1/participants/${created.id}`,
      payload: { version: 2, dateOfBirth: '1991-13-01' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.dateOfBirth');
  });

  it('admits to a program and track, once', async () => {
    const created = await create(org.staff.intake);
    const res = await admit(created.id, { expectedWeeks: 6 });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      participantId: created.id,
      programId: adult.id,
      programName: 'Adult MH IOP',
      levelOfCare: 'iop',
      part2: false,
      admittedOn: '2026-11-02',
      expectedWeeks: 6,
      primaryClinicianId: org.staff.clinician.id,
      status: 'active',
      currentTrackId: evening.id,
      currentTrackName: 'Evening',
      memberships: [{ trackId: evening.id, trackName: 'Evening', fromDate: '2026-11-02', toDate: null }],
      version: 1,
    });
    expect((await latestAudit(org.orgId, created.id))?.action).toBe('episode.admit');

    const again = await admit(created.id, { admittedOn: '2026-11-09' });
    expect(again.statusCode).toBe(422);
  });

  it('flags an episode in a substance use program as Part 2', async () => {
    const created = await create(org.staff.intake);
    // Admitting to a Part 2 program and reading its episodes are for the program's own staff.
    await assignToProgram(t.database.db, org.orgId, org.staff.intake.id, sud.id);
    await assignToProgram(t.database.db, org.orgId, org.staff.director.id, sud.id);
    const res = await admit(created.id, { programId: sud.id, trackId: sudTrack.id });
    expect(res.statusCode).toBe(201);
    expect(res.json().part2).toBe(true);
    const record = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/participants/${created.id}` });
    expect(record.json().part2).toBe(true);
  });

  it('refuses a track of another program and an unknown clinician, naming the field', async () => {
    const created = await create(org.staff.intake);
    const wrongTrack = await admit(created.id, { trackId: sudTrack.id });
    expect(wrongTrack.statusCode).toBe(422);
    expect(wrongTrack.json().errors[0].path).toBe('body.trackId');
    const wrongClinician = await admit(created.id, { primaryClinicianId: org.staff.biller.id });
    expect(wrongClinician.statusCode).toBe(422);
    expect(wrongClinician.json().errors[0].path).toBe('body.primaryClinicianId');
    const otherOrgProgram = await buildProgram(t.database.db, await buildSite(t.database.db, other.orgId));
    const foreign = await admit(created.id, { programId: otherOrgProgram.id });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().errors[0].path).toBe('body.programId');
  });

  it('moves track from a date keeping the history, and refuses stale or impossible moves', async () => {
    const created = await create(org.staff.intake);
    const episode = (await admit(created.id)).json();
    const moved = await t.as(org.staff.clinician, {
      method: 'POST',
      url: `/api/v1/episodes/${episode.id}/track-moves`,
      payload: { trackId: morning.id, fromDate: '2026-11-18', version: 1 },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({
      version: 2,
      currentTrackId: morning.id,
      memberships: [
        { trackId: evening.id, fromDate: '2026-11-02', toDate: '2026-11-17' },
        { trackId: morning.id, fromDate: '2026-11-18', toDate: null },
      ],
    });
    const audit = await latestAudit(org.orgId, created.id);
    expect(audit).toMatchObject({
      action: 'episode.move-track',
      details: { fromTrackId: evening.id, toTrackId: morning.id, fromDate: '2026-11-18' },
    });

    const stale = await t.as(org.staff.clinician, {
      method: 'POST',
      url: `/api/v1/episodes/${episode.id}/track-moves`,
      payload: { trackId: evening.id, fromDate: '2026-11-20', version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    const beforeAdmission = await t.as(org.staff.clinician, {
      method: 'POST',
      url: `/api/v1/episodes/${episode.id}/track-moves`,
      payload: { trackId: evening.id, fromDate: '2026-10-01', version: 2 },
    });
    expect(beforeAdmission.statusCode).toBe(422);
    expect(beforeAdmission.json().errors[0].path).toBe('body.fromDate');

    // A second move on the same day as the current membership replaces its track instead of leaving an empty span.
    const sameDay = await t.as(org.staff.clinician, {
      method: 'POST',
      url: `/api/v1/episodes/${episode.id}/track-moves`,
      payload: { trackId: evening.id, fromDate: '2026-11-18', version: 2 },
    });
    expect(sameDay.statusCode).toBe(200);
    expect(sameDay.json().memberships).toEqual([
      { trackId: evening.id, trackName: 'Evening', fromDate: '2026-11-02', toDate: '2026-11-17' },
      { trackId: evening.id, trackName: 'Evening', fromDate: '2026-11-18', toDate: null },
    ]);
  });

  it('discharges with a disposition, closing the track membership', async () => {
    const created = await create(org.staff.intake);
    const episode = (await admit(created.id)).json();
    const res = await t.as(org.staff.clinician, {
      method: 'POST',
      url: `/api/v1/episodes/${episode.id}/discharge`,
      payload: {
        dischargedOn: '2026-11-17',
        disposition: 'stepped_down',
        note: 'Stepping down to weekly outpatient.',
        version: 1,
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'discharged',
      dischargedOn: '2026-11-17',
      disposition: 'stepped_down',
      dischargeNote: 'Stepping down to weekly outpatient.',
      version: 2,
      memberships: [{ trackId: evening.id, fromDate: '2026-11-02', toDate: '2026-11-17' }],
    });
    const audit = await latestAudit(org.orgId, created.id);
    expect(audit?.action).toBe('episode.discharge');
    expect(JSON.stringify(audit?.details)).not.toContain('Stepping');

    const twice = await t.as(org.staff.clinician, {
      method: 'POST',
      url: `/api/v1/episodes/${episode.id}/discharge`,
      payload: { dischargedOn: '2026-11-17', disposition: 'completed', version: 2 },
    });
    expect(twice.statusCode).toBe(422);
    const move = await t.as(org.staff.clinician, {
      method: 'POST',
      url: `/api/v1/episodes/${episode.id}/track-moves`,
      payload: { trackId: morning.id, fromDate: '2026-11-18', version: 2 },
    });
    expect(move.statusCode).toBe(422);
    // Once discharged, a new admission is allowed.
    expect((await admit(created.id, { admittedOn: '2026-11-18' })).statusCode).toBe(201);
  });

  it('keeps a clinician to their programs: 403 outside, unlisted, audited as denied', async () => {
    const created = await create(org.staff.intake);
    await admit(created.id);
    const read = await t.as(outsider, { method: 'GET', url: `/api/v1/participants/${created.id}` });
    expect(read.statusCode).toBe(403);
    expect(read.body).not.toContain('Quill');
    expect(await latestAudit(org.orgId, created.id)).toMatchObject({
      action: 'access.denied',
      outcome: 'denied',
      actorId: outsider.id,
    });
    const patch = await t.as(outsider, {
      method: 'PATCH',
      url: `/api/v1/participants/${created.id}`,
      payload: { version: 1, pronouns: 'x' },
    });
    expect(patch.statusCode).toBe(403);

    const list = await t.as(outsider, { method: 'GET', url: '/api/v1/participants?limit=200' });
    expect(list.statusCode).toBe(200);
    expect((list.json().items as { id: string }[]).some((p) => p.id === created.id)).toBe(false);
    const own = await t.as(org.staff.clinician, { method: 'GET', url: '/api/v1/participants?limit=200' });
    expect((own.json().items as { id: string }[]).some((p) => p.id === created.id)).toBe(true);
  });

  it('treats another organisation’s participant and episode as unknown', async () => {
    const foreign = await create(other.staff.intake, person({ givenName: 'Foreign', familyName: 'Person' }));
    expect(
      (await t.as(org.staff.director, { method: 'GET', url: `/api/v1/participants/${foreign.id}` })).statusCode,
    ).toBe(404);
    expect(
      (
        await t.as(org.staff.director, {
          method: 'PATCH',
          url: `/api/v1/participants/${foreign.id}`,
          payload: { version: 1, pronouns: 'x' },
        })
      ).statusCode,
    ).toBe(404);
    expect((await admit(foreign.id)).statusCode).toBe(404);
    const list = await t.as(org.staff.director, { method: 'GET', url: '/api/v1/participants?q=Foreign' });
    expect(list.json().items).toEqual([]);
    expect(
      (await t.as(org.staff.director, { method: 'GET', url: `/api/v1/participants/${crypto.randomUUID()}` }))
        .statusCode,
    ).toBe(404);
    const episodeMove = await t.as(org.staff.director, {
      method: 'POST',
      url: `/api/v1/episodes/${crypto.randomUUID()}/discharge`,
      payload: { dischargedOn: '2026-11-17', disposition: 'completed', version: 1 },
    });
    expect(episodeMove.statusCode).toBe(404);
  });

  it('lists by name and status in keyset pages, auditing counts only', async () => {
    const names = ['Zeller', 'Zimmer', 'Zorn'];
    const ids: string[] = [];
    for (const familyName of names)
      ids.push((await create(org.staff.intake, person({ familyName, givenName: 'Pat' }))).id);
    await admit(ids[0]!);

    const first = await t.as(org.staff.director, { method: 'GET', url: '/api/v1/participants?q=Z&limit=2' });
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items.map((p: { displayName: string }) => p.displayName)).toEqual(['Ave Zeller', 'Ave Zimmer']);
    expect(page1.items[0].activeEpisode).toMatchObject({ programName: 'Adult MH IOP', trackName: 'Evening' });
    expect(page1.items[1].activeEpisode).toBeNull();
    const second = await t.as(org.staff.director, {
      method: 'GET',
      url: `/api/v1/participants?q=Z&limit=2&cursor=${page1.nextCursor}`,
    });
    expect(second.json().items.map((p: { displayName: string }) => p.displayName)).toEqual(['Ave Zorn']);
    expect(second.json().nextCursor).toBeNull();

    const fullName = await t.as(org.staff.director, { method: 'GET', url: '/api/v1/participants?q=Pat%20Zo' });
    expect(fullName.json().items.map((p: { id: string }) => p.id)).toEqual([ids[2]]);

    const active = await t.as(org.staff.director, { method: 'GET', url: '/api/v1/participants?q=Z&status=active' });
    expect(active.json().items.map((p: { id: string }) => p.id)).toEqual([ids[0]]);
    const audit = await latestAudit(org.orgId);
    // A list records each participant it shows, in one event.
    expect(audit).toMatchObject({
      action: 'participant.list',
      participantId: null,
      participantIds: [ids[0]],
      details: { count: 1, status: 'active', searched: true },
    });
    // Four lists so far: two pages of "Z", the full name, the active ones; newest first.
    const lists = await t.database.db
      .select({ participantIds: auditEvent.participantIds })
      .from(auditEvent)
      .where(and(eq(auditEvent.orgId, org.orgId), eq(auditEvent.action, 'participant.list')))
      .orderBy(sql`seq desc`)
      .limit(4);
    expect(lists.map((l) => l.participantIds)).toEqual([[ids[0]], [ids[2]], [ids[2]], [ids[0], ids[1]]]);

    const badCursor = await t.as(org.staff.director, { method: 'GET', url: '/api/v1/participants?cursor=nonsense' });
    expect(badCursor.statusCode).toBe(400);
  });

  it('refuses an admission or a track move into a full group (422) and admits again when a place frees up', async () => {
    const small = await buildTrack(t.database.db, adult, 'Small evening group');
    await t.database.db.insert(trackBlock).values({
      orgId: org.orgId,
      trackId: small.id,
      weekday: 2,
      startTime: '18:00',
      endTime: '21:00',
      title: 'Small group',
      kind: 'group_therapy',
      capacity: 2,
    });
    const first = await create(org.staff.intake, person({ givenName: 'Cap', familyName: 'One' }));
    const second = await create(org.staff.intake, person({ givenName: 'Cap', familyName: 'Two' }));
    const third = await create(org.staff.intake, person({ givenName: 'Cap', familyName: 'Three' }));
    expect((await admit(first.id, { trackId: small.id })).statusCode).toBe(201);
    const secondEpisode = await admit(second.id, { trackId: small.id });
    expect(secondEpisode.statusCode).toBe(201);
    const refused = await admit(third.id, { trackId: small.id });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toMatch(/full: 2 of 2/);
    expect(refused.json().errors[0].path).toBe('body.trackId');
    expect((await t.database.db.select().from(episode).where(eq(episode.participantId, third.id))).length).toBe(0);

    // Admitted elsewhere, they cannot move into the full group either.
    const admitted = await admit(third.id);
    expect(admitted.statusCode).toBe(201);
    const moveRefused = await t.as(org.staff.clinician, {
      method: 'POST',
      url: `/api/v1/episodes/${admitted.json().id}/track-moves`,
      payload: { trackId: small.id, fromDate: '2026-11-10', version: admitted.json().version },
    });
    expect(moveRefused.statusCode).toBe(422);

    // A discharge frees a place.
    const discharge = await t.as(org.staff.clinician, {
      method: 'POST',
      url: `/api/v1/episodes/${secondEpisode.json().id}/discharge`,
      payload: { dischargedOn: '2026-11-09', disposition: 'completed', version: secondEpisode.json().version },
    });
    expect(discharge.statusCode).toBe(200);
    const moved = await t.as(org.staff.clinician, {
      method: 'POST',
      url: `/api/v1/episodes/${admitted.json().id}/track-moves`,
      payload: { trackId: small.id, fromDate: '2026-11-10', version: admitted.json().version },
    });
    expect(moved.statusCode).toBe(200);
  });
});
