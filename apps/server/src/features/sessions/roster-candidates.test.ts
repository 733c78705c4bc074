/**
 * Who may be chosen for a one-off session's roster: the track's program's participants on the session's date, the
 * track's own members first; the same people the one-off session then accepts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { auditEvent, participant, staffProgram } from '../../db/schema.ts';
import { block, createSetup, createTrack, enrol, idOf, post, type SetupFixture } from '../setup/test-fixtures.ts';

interface Candidate {
  participantId: string;
  displayName: string;
  trackName: string | null;
  onTrack: boolean;
}

describe('roster candidates for a one-off session', () => {
  let t: TestApp;
  let org: TestOrg;
  let setup: SetupFixture;
  let evening: string;
  let morning: string;
  const who: Record<string, string> = {};

  const candidates = (trackId: string, localDate: string, staff = org.staff.director) =>
    t.as(staff, { method: 'GET', url: `/api/v1/tracks/${trackId}/roster-candidates?localDate=${localDate}` });

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-18T15:00:00Z' });
    org = await t.createOrg('Make-up clinic');
    setup = await createSetup(t, org, 'Make-up');
    evening = idOf(await createTrack(t, org.staff.director, setup.programId, 'Evening', [block({ weekday: 2 })]));
    morning = idOf(await createTrack(t, org.staff.director, setup.programId, 'Morning', [block({ weekday: 3, startTime: '09:00', endTime: '10:30' })]));
    const other = await createSetup(t, org, 'Elsewhere');
    const elsewhere = idOf(await createTrack(t, org.staff.director, other.programId, 'Elsewhere', [block({ weekday: 4 })]));
    const name = async (id: string, givenName: string) => {
      await t.database.db.update(participant).set({ givenName }).where(eq(participant.id, id));
      who[givenName] = id;
    };
    await name((await enrol(t, org.orgId, setup.programId, evening, '2026-11-02')).participantId, 'Zoe');
    await name((await enrol(t, org.orgId, setup.programId, morning, '2026-11-02')).participantId, 'Abe');
    await name((await enrol(t, org.orgId, setup.programId, evening, '2026-11-02', { on: '2026-11-10' })).participantId, 'Gone');
    await name((await enrol(t, org.orgId, setup.programId, evening, '2026-11-25')).participantId, 'Later');
    await name((await enrol(t, org.orgId, other.programId, elsewhere, '2026-11-02')).participantId, 'Other');
  }, 120_000);
  afterAll(async () => t?.close());

  it('lists the program’s participants on that date, the track’s own members first, and audits the list', async () => {
    const res = await candidates(evening, '2026-11-20');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<{ items: Candidate[] }>().items;
    expect(items.map((c) => [c.displayName, c.trackName, c.onTrack])).toEqual([
      ['Zoe Person', 'Evening', true],
      ['Abe Person', 'Morning', false],
    ]);
    const [audit] = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.orgId, org.orgId), eq(auditEvent.action, 'participant.list')))
      .orderBy(desc(auditEvent.seq))
      .limit(1);
    expect(audit).toMatchObject({ entityType: 'track', entityId: evening, participantId: null });
    expect([...(audit?.participantIds ?? [])].sort()).toEqual([who.Zoe, who.Abe].sort());

    // On another date, those admitted by then and not yet discharged.
    const later = (await candidates(evening, '2026-11-26')).json<{ items: Candidate[] }>().items;
    expect(later.map((c) => c.displayName)).toEqual(['Later Person', 'Zoe Person', 'Abe Person']);
    const earlier = (await candidates(evening, '2026-11-09')).json<{ items: Candidate[] }>().items;
    expect(earlier.map((c) => c.displayName)).toEqual(['Gone Person', 'Zoe Person', 'Abe Person']);
  });

  it('lets a chosen candidate from another track onto a make-up session', async () => {
    const res = await post(t, org.staff.director, '/api/v1/sessions', {
      trackId: evening,
      localDate: '2026-11-20',
      startTime: '18:00',
      endTime: '19:30',
      title: 'Make-up: coping skills',
      kind: 'group_therapy',
      participantIds: [who.Abe],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ expectedCount: 1, oneOff: true });
  });

  it('refuses who may not add sessions or does not work in the program; an unknown track is 404', async () => {
    expect((await candidates(evening, '2026-11-20', org.staff.intake)).statusCode).toBe(403);
    expect((await candidates(evening, '2026-11-20', org.staff.admin)).statusCode).toBe(403);
    expect((await candidates(evening, '2026-11-20', org.staff.clinician)).statusCode).toBe(403);
    await t.database.db.insert(staffProgram).values({ orgId: org.orgId, userId: org.staff.clinician.id, programId: setup.programId });
    expect((await candidates(evening, '2026-11-20', org.staff.clinician)).statusCode).toBe(200);
    expect((await candidates('00000000-0000-4000-8000-000000000000', '2026-11-20')).statusCode).toBe(404);
    const bad = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/tracks/${evening}/roster-candidates?localDate=20-11-2026` });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('localDate');
  });
});
