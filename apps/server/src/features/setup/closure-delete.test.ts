/**
 * Deleting a site closure: the sessions it cancelled are scheduled again, those another closure still covers stay
 * cancelled by that one, sessions cancelled one by one stay cancelled, and the days it kept free get their sessions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { block, createSetup, createTrack, enrol, idOf, latestAudit, post, type SetupFixture } from './test-fixtures.ts';

// Wednesday 18 November 2026, 10:00 in New York.
const NOW = '2026-11-18T15:00:00Z';

interface Listed {
  id: string;
  localDate: string;
  status: string;
  cancelReason: string | null;
}

describe('deleting a site closure', () => {
  let t: TestApp;
  let org: TestOrg;
  let setup: SetupFixture;
  let mornings: string;
  let thanksgiving: string;
  let training: string;
  let afternoons: string;

  async function sessions(trackId: string, from = '2026-11-16', to = '2026-11-27'): Promise<Listed[]> {
    const res = await t.as(org.staff.director, {
      method: 'GET',
      url: `/api/v1/sessions?from=${from}&to=${to}&trackId=${trackId}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: Listed[] }>().items;
  }

  const remove = (id: string, staff = org.staff.director) =>
    t.as(staff, { method: 'DELETE', url: `/api/v1/closures/${id}` });

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-02T12:00:00Z' });
    org = await t.createOrg('Closure deletes');
    setup = await createSetup(t, org, 'Closures');
    const track = await createTrack(
      t,
      org.staff.director,
      setup.programId,
      'Mornings',
      [1, 3, 5].map((weekday) => block({ weekday, startTime: '09:00', endTime: '12:30' })),
    );
    expect(track.statusCode, track.body).toBe(201);
    mornings = idOf(track);
    t.clock.set(NOW);

    // Monday's roll is taken; Monday the 23rd is cancelled by hand before any closure.
    const who = await enrol(t, org.orgId, setup.programId, mornings, '2026-11-09');
    const [monday] = await sessions(mornings, '2026-11-16', '2026-11-16');
    const put = await t.as(org.staff.director, {
      method: 'PUT',
      url: `/api/v1/sessions/${monday!.id}/roll`,
      payload: { entries: [{ participantId: who.participantId, status: 'present' }] },
    });
    expect(put.statusCode, put.body).toBe(200);
    const [the23rd] = await sessions(mornings, '2026-11-23', '2026-11-23');
    const cancel = await post(t, org.staff.director, `/api/v1/sessions/${the23rd!.id}/cancel`, { reason: 'Facilitator ill' });
    expect(cancel.statusCode, cancel.body).toBe(200);

    const closeA = await post(t, org.staff.director, '/api/v1/closures', {
      siteId: setup.siteId,
      fromDate: '2026-11-16',
      toDate: '2026-11-27',
      reason: 'Thanksgiving closure',
    });
    expect(closeA.json()).toMatchObject({ cancelledSessions: 4, keptSessions: 1 });
    thanksgiving = closeA.json<{ closure: { id: string } }>().closure.id;
    const closeB = await post(t, org.staff.director, '/api/v1/closures', {
      siteId: setup.siteId,
      fromDate: '2026-11-27',
      toDate: '2026-11-27',
      reason: 'Staff training',
    });
    expect(closeB.statusCode, closeB.body).toBe(201);
    training = closeB.json<{ closure: { id: string } }>().closure.id;
    // A track added while the site is closed gets no sessions on the closed days.
    const later = await createTrack(
      t,
      org.staff.director,
      setup.programId,
      'Afternoons',
      [2, 4].map((weekday) => block({ weekday, startTime: '13:00', endTime: '16:00' })),
    );
    afternoons = idOf(later);
    expect((await sessions(afternoons)).map((s) => s.localDate)).toEqual([]);
  }, 120_000);
  afterAll(async () => t?.close());

  it('lists how many sessions each closure has cancelled', async () => {
    const res = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/closures?siteId=${setup.siteId}` });
    expect(res.json<{ items: { reason: string; cancelledSessions: number }[] }>().items).toEqual([
      expect.objectContaining({ reason: 'Thanksgiving closure', cancelledSessions: 4 }),
      expect.objectContaining({ reason: 'Staff training', cancelledSessions: 0 }),
    ]);
  });

  it('refuses a role that may not change setup, and another organisation', async () => {
    expect((await remove(thanksgiving, org.staff.clinician)).statusCode).toBe(403);
    const other = await t.createOrg('Another clinic');
    expect((await remove(thanksgiving, other.staff.director)).statusCode).toBe(404);
    expect((await remove('not-a-uuid')).statusCode).toBe(400);
  });

  it('schedules again what it cancelled, keeps what another closure or a person cancelled, and fills its days', async () => {
    const res = await remove(thanksgiving);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ restoredSessions: 3, stillClosedSessions: 1 });
    expect((await sessions(mornings)).map((s) => [s.localDate, s.status, s.cancelReason])).toEqual([
      ['2026-11-16', 'scheduled', null],
      ['2026-11-18', 'scheduled', null],
      ['2026-11-20', 'scheduled', null],
      ['2026-11-23', 'cancelled', 'Facilitator ill'],
      ['2026-11-25', 'scheduled', null],
      // Still closed for staff training: cancelled now by that closure, with its reason.
      ['2026-11-27', 'cancelled', 'Staff training'],
    ]);
    // The track added during the closure gets the days it had been kept from, from now on.
    expect((await sessions(afternoons)).map((s) => s.localDate)).toEqual(['2026-11-19', '2026-11-24', '2026-11-26']);

    const audit = await latestAudit(t, org.orgId);
    expect(audit).toMatchObject({ action: 'setup.delete', entityType: 'site_closure', entityId: thanksgiving });
    expect(audit?.details).toMatchObject({ restoredSessions: 3, stillClosedSessions: 1, fromDate: '2026-11-16' });

    const list = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/closures?siteId=${setup.siteId}` });
    expect(list.json<{ items: { id: string; cancelledSessions: number }[] }>().items).toEqual([
      expect.objectContaining({ id: training, cancelledSessions: 1 }),
    ]);
    expect((await remove(thanksgiving)).statusCode).toBe(404);
  });

  it('deleting the last closure of a day schedules its session again', async () => {
    const res = await remove(training, org.staff.admin);
    expect(res.json()).toEqual({ restoredSessions: 1, stillClosedSessions: 0 });
    expect((await sessions(mornings, '2026-11-27', '2026-11-27')).map((s) => s.status)).toEqual(['scheduled']);
  });
});
