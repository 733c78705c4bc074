/**
 * Co-facilitators on a track's weekly blocks: the template names them, every session generated from the block
 * carries them, and each of them is as busy then as the facilitator — on their day, in the slot finder, in the
 * auto-scheduler's calendars and in the track editor's double-booking warning.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestOrg, type TestStaff } from '../../testing/harness.ts';
import { calendars } from '../appointments/queries.ts';
import { block, createSetup, createTrack, enrol, idOf, latestAudit, post, type SetupFixture } from './test-fixtures.ts';

// Monday 16 November 2026, 09:00 in New York; the blocks run on Tuesdays 18:00–19:30.
const MONDAY_9AM = '2026-11-16T14:00:00Z';
const ny = (date: string, time: string) => new Date(`${date}T${time}:00-05:00`).toISOString();
const TUESDAY = '2026-11-17';

interface Listed {
  id: string;
  trackId: string;
  localDate: string;
  coFacilitators: { id: string; name: string }[];
}

describe('co-facilitators on a weekly block', () => {
  let t: TestApp;
  let org: TestOrg;
  let director: TestStaff;
  let clinician: TestStaff;
  let prescriber: TestStaff;
  let setup: SetupFixture;
  let trackId: string;
  let version: number;
  let blockId: string;

  const as = (staff: TestStaff, method: 'GET' | 'PUT', url: string, payload?: unknown) =>
    t.as(staff, { method, url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const tuesdaySessions = async () => {
    const res = await as(director, 'GET', `/api/v1/sessions?from=${TUESDAY}&to=${TUESDAY}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: Listed[] }>().items.filter((s) => s.trackId === trackId);
  };

  beforeAll(async () => {
    t = await startTestApp({ now: MONDAY_9AM });
    org = await t.createOrg('Block co-facilitation');
    ({ director, clinician, prescriber } = org.staff);
    setup = await createSetup(t, org, 'Blocks');
  });
  afterAll(async () => t?.close());

  it('refuses the lead named again, a person twice, and someone unknown, naming the entry', async () => {
    const lead = await createTrack(t, director, setup.programId, 'Refused', [
      block({ facilitatorId: clinician.id, coFacilitatorIds: [prescriber.id, clinician.id] }),
    ]);
    expect(lead.statusCode).toBe(400);
    expect(lead.json().errors).toEqual([{ path: 'body.blocks.0.coFacilitatorIds.1', message: 'is already the facilitator' }]);
    const twice = await createTrack(t, director, setup.programId, 'Refused', [
      block({ coFacilitatorIds: [prescriber.id, prescriber.id] }),
    ]);
    expect(twice.json().errors).toEqual([{ path: 'body.blocks.0.coFacilitatorIds.1', message: 'is named twice' }]);
    const unknown = await createTrack(t, director, setup.programId, 'Refused', [block({ coFacilitatorIds: ['nobody-here'] })]);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().errors[0].path).toBe('body.blocks.0.coFacilitatorIds.0');
    const biller = await createTrack(t, director, setup.programId, 'Refused', [block({ coFacilitatorIds: [org.staff.biller.id] })]);
    expect(biller.statusCode).toBe(400);
    expect(biller.json().errors[0].path).toBe('body.blocks.0.coFacilitatorIds.0');
  });

  it('stores the block’s co-facilitators and gives every generated session them', async () => {
    const res = await createTrack(t, director, setup.programId, 'Tuesday evening', [
      block({ weekday: 2, facilitatorId: clinician.id, coFacilitatorIds: [prescriber.id], roomId: setup.roomId }),
    ]);
    expect(res.statusCode, res.body).toBe(201);
    trackId = idOf(res);
    version = res.json().version;
    blockId = res.json().blocks[0].id;
    expect(res.json().blocks[0].coFacilitatorIds).toEqual([prescriber.id]);
    const [tuesday] = await tuesdaySessions();
    expect(tuesday?.coFacilitators).toEqual([{ id: prescriber.id, name: 'prescriber of Block co-facilitation' }]);
  });

  it('counts the generated group on the co-facilitator’s day, in the slot finder and in the scheduler’s calendars', async () => {
    const day = await as(prescriber, 'GET', `/api/v1/staff/${prescriber.id}/day?date=${TUESDAY}`);
    expect(day.statusCode, day.body).toBe(200);
    expect(JSON.stringify(day.json())).toContain('Process group');

    const hours = await as(director, 'PUT', `/api/v1/staff/${prescriber.id}/availability`, {
      rules: [1, 2, 3, 4, 5].map((weekday) => ({ siteId: setup.siteId, weekday, startTime: '09:00', endTime: '21:00' })),
      maxSessionsPerDay: null,
      version: null,
    });
    expect(hours.statusCode, hours.body).toBe(200);
    // The participant is on another track, so only the co-facilitator's group can keep Tuesday evening free.
    const elsewhere = await createTrack(t, director, setup.programId, 'Elsewhere', []);
    const { participantId } = await enrol(t, org.orgId, setup.programId, idOf(elsewhere), '2026-11-02');
    const slots = await as(
      director,
      'GET',
      `/api/v1/appointments/slots?participantId=${participantId}&clinicianId=${prescriber.id}&kind=medication_management&count=50&from=${encodeURIComponent(ny(TUESDAY, '16:00'))}`,
    );
    expect(slots.statusCode, slots.body).toBe(200);
    const found = slots.json<{ slots: { startsAt: string; endsAt: string }[] }>().slots;
    expect(found.some((s) => s.startsAt.startsWith(TUESDAY))).toBe(true);
    for (const s of found) {
      expect(
        Date.parse(s.endsAt) <= Date.parse(ny(TUESDAY, '18:00')) || Date.parse(s.startsAt) >= Date.parse(ny(TUESDAY, '19:30')),
        `${s.startsAt}–${s.endsAt}`,
      ).toBe(true);
    }

    // The auto-scheduler reads clinicians' busy time through the same calendars.
    const busy = await calendars(t.database.db, org.orgId, { clinicianIds: [prescriber.id] }, {
      start: ny(TUESDAY, '00:00'),
      end: ny('2026-11-18', '00:00'),
    });
    expect(busy.get(prescriber.id)?.map((b) => b.title)).toEqual(['Process group']);
  });

  it('moves the future sessions to new co-facilitators when the block changes, audited', async () => {
    const res = await as(director, 'PUT', `/api/v1/tracks/${trackId}`, {
      version,
      name: 'Tuesday evening',
      active: true,
      blocks: [block({ id: blockId, weekday: 2, facilitatorId: clinician.id, coFacilitatorIds: [director.id], roomId: setup.roomId })],
    });
    expect(res.statusCode, res.body).toBe(200);
    version = res.json().version;
    expect(res.json().blocks[0].coFacilitatorIds).toEqual([director.id]);
    expect((await latestAudit(t, org.orgId))?.details).toMatchObject({ blocksChanged: 1 });
    const [tuesday] = await tuesdaySessions();
    expect(tuesday?.coFacilitators.map((c) => c.id)).toEqual([director.id]);
    const day = await as(prescriber, 'GET', `/api/v1/staff/${prescriber.id}/day?date=${TUESDAY}`);
    expect(JSON.stringify(day.json())).not.toContain('Process group');
  });

  it('warns when a new block needs someone already co-facilitating another track then', async () => {
    const res = await post(t, director, '/api/v1/tracks/facilitator-clashes', {
      programId: setup.programId,
      blocks: [
        { weekday: 2, startTime: '19:00', endTime: '20:00', facilitatorId: director.id },
        { weekday: 2, startTime: '19:00', endTime: '20:00', facilitatorId: prescriber.id, coFacilitatorIds: [clinician.id] },
        { weekday: 3, startTime: '19:00', endTime: '20:00', facilitatorId: director.id },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((c: { blockIndex: number; facilitatorId: string; trackId: string | null }) => [c.blockIndex, c.facilitatorId, c.trackId])).toEqual([
      [0, director.id, trackId],
      [1, clinician.id, trackId],
    ]);
  });
});
