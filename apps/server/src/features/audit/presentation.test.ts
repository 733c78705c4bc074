import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD, type TestApp, type TestOrg, type TestStaff } from '../../testing/harness.ts';
import { createStaff } from '../organisations/service.ts';
import { buildProgram, buildSite, buildTrack, type ProgramFixture } from '../ledger/fixtures.ts';

interface Event {
  action: string;
  participantId: string | null;
  participantName: string | null;
  participantRef: string | null;
  participantsShown: number | null;
  entityId: string | null;
  details: Record<string, unknown>;
}

describe('the audit trail as each reader may see it', () => {
  let t: TestApp;
  let org: TestOrg;
  let sud: ProgramFixture;
  let sudDirector: TestStaff;
  const people: string[] = [];

  const trail = async (staff: TestStaff) => {
    const res = await t.as(staff, { method: 'GET', url: '/api/v1/audit?limit=200' });
    expect(res.statusCode).toBe(200);
    return res.json<{ items: Event[] }>().items;
  };

  beforeAll(async () => {
    t = await startTestApp();
    org = await t.createOrg('Pseudonym Clinic');
    sud = await buildProgram(t.database.db, await buildSite(t.database.db, org.orgId), { name: 'Adult SUD IOP', focus: 'substance_use' });
    const evening = await buildTrack(t.database.db, sud, 'Evening');
    const email = 'sud-director@pseudonym.test';
    const id = await createStaff(t.database.db, { orgId: org.orgId, name: 'SUD director', email, role: 'director', password: TEST_PASSWORD, programIds: [sud.id] });
    sudDirector = { id, email, role: 'director', cookie: await t.signIn(email) };
    for (const givenName of ['Quinn', 'Robin']) {
      const created = await t.as(sudDirector, { method: 'POST', url: '/api/v1/participants', payload: { givenName, familyName: 'Hidden', dateOfBirth: '1988-03-03' } });
      people.push(created.json().id);
    }
    const admitted = await t.as(sudDirector, {
      method: 'POST',
      url: `/api/v1/participants/${people[0]}/episodes`,
      payload: { programId: sud.id, trackId: evening.id, admittedOn: '2026-11-16', primaryClinicianId: sudDirector.id },
    });
    expect(admitted.statusCode).toBe(201);
    await t.as(sudDirector, { method: 'GET', url: `/api/v1/participants/${people[0]}` });
  });
  afterAll(async () => t.close());

  it('shows the administrator a stable pseudonym per participant, never a name, id or program', async () => {
    const events = (await trail(org.staff.admin)).filter((e) => e.participantRef !== null);
    expect(events.length).toBeGreaterThanOrEqual(4);
    const body = JSON.stringify(events);
    expect(body).not.toContain('Quinn');
    expect(body).not.toContain(people[0]);
    expect(body).not.toContain(sud.id);
    expect(events.every((e) => e.participantId === null && e.participantName === null && e.entityId === null)).toBe(true);
    const refsOfFirst = new Set(events.map((e) => e.participantRef));
    expect(refsOfFirst.size).toBe(2);
    // The same person keeps the same reference from one read of the trail to the next.
    const again = (await trail(org.staff.admin)).filter((e) => e.participantRef !== null).map((e) => e.participantRef);
    expect(new Set(again)).toEqual(refsOfFirst);
  });

  it('shows names to readers of participant records, and the Part 2 program only to its staff', async () => {
    const own = (await trail(sudDirector)).find((e) => e.action === 'episode.admit');
    expect(own).toMatchObject({ participantName: 'Quinn Hidden', participantRef: null, details: { programId: sud.id } });
    const outside = (await trail(org.staff.director)).find((e) => e.action === 'episode.admit');
    expect(outside?.participantName).toBe('Quinn Hidden');
    expect(outside?.details).not.toHaveProperty('programId');
    expect(outside?.details).not.toHaveProperty('trackId');
  });

  it('shows the administrator a list view as a count, and as a pseudonym when asked about one participant', async () => {
    const list = await t.as(sudDirector, { method: 'GET', url: '/api/v1/participants?q=Hidden' });
    expect(list.json().items).toHaveLength(2);
    const listed = (await trail(org.staff.admin)).find((e) => e.action === 'participant.list');
    expect(listed).toMatchObject({ participantId: null, participantName: null, participantRef: null, participantsShown: 2 });
    expect(JSON.stringify(listed)).not.toContain(people[1]);

    const asked = await t.as(org.staff.admin, { method: 'GET', url: `/api/v1/audit?participantId=${people[1]}` });
    const items = asked.json<{ items: Event[] }>().items;
    const seen = items.find((e) => e.action === 'participant.list');
    expect(seen).toMatchObject({ participantId: null, participantName: null, participantsShown: 2 });
    // The same pseudonym as on Robin's own events, so the administrator can follow who saw that person.
    expect(seen?.participantRef).toMatch(/^P-[0-9A-F]{10}$/);
    expect(seen?.participantRef).toBe(items.find((e) => e.action === 'participant.create')?.participantRef);
    expect(JSON.stringify(items)).not.toContain('Robin');
    expect(JSON.stringify(items)).not.toContain(people[1]);

    const named = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/audit?participantId=${people[1]}` });
    expect(named.json<{ items: Event[] }>().items.find((e) => e.action === 'participant.list')).toMatchObject({
      participantId: people[1],
      participantName: 'Robin Hidden',
      participantRef: null,
    });
  });
});
