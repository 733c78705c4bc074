import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { site } from '../../db/schema.ts';
import { block, createTrack, idOf, post } from '../setup/test-fixtures.ts';

interface WeekAnswer {
  week: { monday: string; sunday: string; timeZone: string; today: string; tense: string };
}
interface ScheduleAnswer {
  from: string;
  to: string;
  timeZone: string;
  today: string;
  tense: string;
  items: { localDate: string }[];
}

// Monday 30 November 2026, 07:30 UTC: still Sunday 23:30 in Los Angeles, already Monday 02:30 in New York.
const SUNDAY_NIGHT_IN_LA = '2026-11-30T07:30:00Z';
// An hour later it is Monday 00:30 in Los Angeles.
const MONDAY_MORNING_IN_LA = '2026-11-30T08:30:00Z';

describe('the server decides whether a week is over, under way or to come, where the site is', () => {
  let t: TestApp;
  let org: TestOrg;
  let laSite: string;
  let laProgram: string;
  let nyProgram: string;

  beforeAll(async () => {
    t = await startTestApp({ now: SUNDAY_NIGHT_IN_LA });
    org = await t.createOrg('Tense Clinic');
    const director = org.staff.director;
    // The Los Angeles site is made first, so it is the organisation's default.
    laSite = idOf(await post(t, director, '/api/v1/sites', { name: 'Pacific', timeZone: 'America/Los_Angeles' }));
    const nySite = idOf(await post(t, director, '/api/v1/sites', { name: 'Atlantic', timeZone: 'America/New_York' }));
    const program = async (siteId: string, name: string) => {
      const res = await post(t, director, '/api/v1/programs', {
        siteId,
        name,
        levelOfCare: 'iop',
        population: 'adult',
        focus: 'mental_health',
      });
      expect(res.statusCode, res.body).toBe(201);
      return idOf(res);
    };
    laProgram = await program(laSite, 'Pacific IOP');
    nyProgram = await program(nySite, 'Atlantic IOP');
    const track = await createTrack(t, director, laProgram, 'Evenings', [block({ weekday: 1 }), block({ weekday: 7 })]);
    expect(track.statusCode, track.body).toBe(201);
  });
  afterAll(async () => t.close());

  async function census(query: string): Promise<WeekAnswer['week']> {
    const res = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/census${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<WeekAnswer>().week;
  }

  async function schedule(query: string): Promise<ScheduleAnswer> {
    const res = await t.as(org.staff.clinician, { method: 'GET', url: `/api/v1/sessions${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<ScheduleAnswer>();
  }

  it('keeps Sunday 23:30 in Los Angeles in the week under way, though it is Monday in UTC and New York', async () => {
    t.clock.set(SUNDAY_NIGHT_IN_LA);
    expect(await census('')).toEqual({
      monday: '2026-11-23',
      sunday: '2026-11-29',
      timeZone: 'America/Los_Angeles',
      today: '2026-11-29',
      tense: 'current',
    });
    // A New York program's week has already turned.
    expect(await census(`?programId=${nyProgram}`)).toMatchObject({ monday: '2026-11-30', tense: 'current', today: '2026-11-30' });
    expect(await census(`?programId=${nyProgram}&week=2026-11-23`)).toMatchObject({ tense: 'past' });

    const week = await schedule(`?siteId=${laSite}`);
    expect(week).toMatchObject({ from: '2026-11-23', to: '2026-11-29', today: '2026-11-29', tense: 'current' });
    const next = await schedule(`?siteId=${laSite}&from=2026-11-30&to=2026-12-06`);
    expect(next).toMatchObject({ tense: 'future' });
    expect(next.items.map((s) => s.localDate)).toEqual(['2026-11-30', '2026-12-06']);
  });

  it('reads the same week as over from Monday 00:30 in Los Angeles', async () => {
    t.clock.set(MONDAY_MORNING_IN_LA);
    expect(await census('')).toMatchObject({ monday: '2026-11-30', today: '2026-11-30', tense: 'current' });
    expect(await census('?week=2026-11-23')).toMatchObject({ monday: '2026-11-23', tense: 'past' });
    expect(await census(`?programId=${laProgram}&week=2026-12-07`)).toMatchObject({ tense: 'future' });

    expect(await schedule(`?siteId=${laSite}`)).toMatchObject({ from: '2026-11-30', to: '2026-12-06', tense: 'current' });
    expect(await schedule(`?siteId=${laSite}&from=2026-11-23&to=2026-11-29`)).toMatchObject({
      timeZone: 'America/Los_Angeles',
      tense: 'past',
    });
  });

  it('asks for both dates of a range or neither', async () => {
    const res = await t.as(org.staff.clinician, { method: 'GET', url: `/api/v1/sessions?from=2026-11-23` });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('to');
  });

  it('breaks a tie between sites created in the same instant by id, so the default zone never flips', async () => {
    const other = await t.createOrg('Twin Sites');
    const at = new Date('2026-01-01T00:00:00Z');
    const ids = ['ffffffff-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000001'];
    await t.database.db.insert(site).values([
      { id: ids[0], orgId: other.orgId, name: 'Later id', timeZone: 'Pacific/Honolulu', createdAt: at },
      { id: ids[1], orgId: other.orgId, name: 'Earlier id', timeZone: 'Asia/Tokyo', createdAt: at },
    ]);
    for (let i = 0; i < 3; i += 1) {
      const res = await t.as(other.staff.director, { method: 'GET', url: '/api/v1/census' });
      expect(res.json<WeekAnswer>().week.timeZone).toBe('Asia/Tokyo');
    }
  });
});
