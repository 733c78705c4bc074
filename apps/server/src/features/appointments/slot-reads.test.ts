import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlotList } from '@trellis/core';
import { room } from '../../db/schema.ts';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { countStatements, type StatementCounter } from '../../testing/statements.ts';
import { enrol } from '../setup/test-fixtures.ts';
import { assignToProgram, buildProgram, buildSite, buildTrack, type SiteFixture } from '../ledger/fixtures.ts';

// Wednesday 18 November 2026, 10:00 in New York.
const NOW = '2026-11-18T15:00:00Z';

describe('the slot finder reads every room’s calendar at once', () => {
  let t: TestApp;
  let org: TestOrg;
  let site: SiteFixture;
  let participantId: string;
  let counter: StatementCounter;

  const addRoom = (name: string) => t.database.db.insert(room).values({ orgId: org.orgId, siteId: site.id, name, kind: 'physical', capacity: 4 });

  /** The next slots for the participant with the clinician, and the statements the request sent. */
  async function slots() {
    const { result, statements } = await counter.during(() =>
      t.as(org.staff.director, {
        method: 'GET',
        url: `/api/v1/appointments/slots?participantId=${participantId}&clinicianId=${org.staff.clinician.id}&kind=individual&count=10`,
      }),
    );
    expect(result.statusCode, result.body).toBe(200);
    return { slots: result.json<SlotList>().slots, statements };
  }

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    org = await t.createOrg('Slot reads');
    const db = t.database.db;
    site = await buildSite(db, org.orgId);
    const program = await buildProgram(db, site);
    const track = await buildTrack(db, program);
    await assignToProgram(db, org.orgId, org.staff.clinician.id, program.id);
    const rules = [1, 2, 3, 4, 5].map((weekday) => ({ siteId: site.id, weekday, startTime: '09:00', endTime: '17:00' }));
    const res = await t.as(org.staff.director, { method: 'PUT', url: `/api/v1/staff/${org.staff.clinician.id}/availability`, payload: { rules, maxSessionsPerDay: null, version: null } });
    expect(res.statusCode, res.body).toBe(200);
    participantId = (await enrol(t, org.orgId, program.id, track.id, '2026-11-02')).participantId;
    counter = countStatements(t.database);
    await addRoom('Alder');
  });
  afterAll(async () => t?.close());

  it('sends as many statements for a site of four rooms as for a site of one', async () => {
    const one = await slots();
    expect(one.slots).toHaveLength(10);
    expect(one.slots.every((s) => s.roomName === 'Alder')).toBe(true);
    // The sign-in check, the transaction, the reads and the audit record.
    expect(one.statements).toBeGreaterThan(5);

    for (const name of ['Birch', 'Cedar', 'Douglas']) await addRoom(name);
    const four = await slots();
    expect(four.slots).toHaveLength(10);
    expect(four.statements).toBe(one.statements);
  });
});
