import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { block, createSetup, createTrack, idOf, post, type SetupFixture } from './test-fixtures.ts';

describe('a facilitator booked by two tracks at once', () => {
  let t: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let mine: SetupFixture;
  let theirs: SetupFixture;
  let eveningId: string;

  const check = (body: Record<string, unknown>, as = org.staff.director) => post(t, as, '/api/v1/tracks/facilitator-clashes', body);

  beforeAll(async () => {
    t = await startTestApp();
    org = await t.createOrg('Clash Clinic');
    other = await t.createOrg('Other Clash Clinic');
    mine = await createSetup(t, org, 'Clash');
    theirs = await createSetup(t, other, 'Other');
    const evening = await createTrack(t, org.staff.director, mine.programId, 'Evening', [
      block({ weekday: 1, startTime: '18:00', endTime: '19:30', facilitatorId: org.staff.clinician.id }),
    ]);
    expect(evening.statusCode, evening.body).toBe(201);
    eveningId = idOf(evening);
    // The same person's name in another organisation's track is none of this one's business.
    const foreign = await createTrack(t, other.staff.director, theirs.programId, 'Theirs', [
      block({ weekday: 2, startTime: '18:00', endTime: '19:30', facilitatorId: other.staff.clinician.id }),
    ]);
    expect(foreign.statusCode, foreign.body).toBe(201);
  });
  afterAll(async () => t.close());

  it('names the other track and its time for an overlapping block, and nothing for a free one', async () => {
    const res = await check({
      programId: mine.programId,
      blocks: [
        { weekday: 1, startTime: '19:00', endTime: '20:00', facilitatorId: org.staff.clinician.id },
        { weekday: 1, startTime: '20:00', endTime: '21:00', facilitatorId: org.staff.clinician.id },
        { weekday: 2, startTime: '18:00', endTime: '19:30', facilitatorId: org.staff.clinician.id },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([
      {
        blockIndex: 0,
        facilitatorId: org.staff.clinician.id,
        facilitatorName: 'clinician of Clash Clinic',
        trackId: eveningId,
        trackName: 'Evening',
        programName: 'Clash Adult IOP',
        weekday: 1,
        startTime: '18:00',
        endTime: '19:30',
      },
    ]);
  });

  it('does not count the edited track against itself', async () => {
    const res = await check({
      programId: mine.programId,
      trackId: eveningId,
      blocks: [{ weekday: 1, startTime: '18:30', endTime: '20:00', facilitatorId: org.staff.clinician.id }],
    });
    expect(res.json().items).toEqual([]);
  });

  it('refuses a program of another organisation (404), and staff who do not edit setup (403)', async () => {
    const foreign = await check({ programId: theirs.programId, blocks: [] });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().errors[0].path).toBe('body.programId');
    const clinician = await check({ programId: mine.programId, blocks: [] }, org.staff.clinician);
    expect(clinician.statusCode).toBe(403);
  });

  it('names the field of a malformed block (400)', async () => {
    const res = await check({ programId: mine.programId, blocks: [{ weekday: 9, startTime: '18:00', endTime: '19:00' }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toContain('blocks.0.weekday');
  });
});
