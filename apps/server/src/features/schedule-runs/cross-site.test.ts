import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProposedPlacement } from '@trellis/core';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { room } from '../../db/schema.ts';
import { enrol } from '../setup/test-fixtures.ts';
import { assignToProgram, buildProgram, buildSite, buildTrack } from '../ledger/fixtures.ts';
import { runToEnd } from './run-to-end.ts';

// Wednesday 18 November 2026 in New York: an organisation-wide run schedules the week of Monday 23 November.
const NOW = '2026-11-18T15:00:00Z';

const overlapping = (a: ProposedPlacement, b: ProposedPlacement) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;

describe('an organisation-wide run across sites', () => {
  let t: TestApp;
  let org: TestOrg;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    org = await t.createOrg('Two sites');
    const db = t.database.db;
    const { clinician } = org.staff;
    const rules = [];
    // The same clinician at two sites, with the same Monday hour at each (sites are solved one after the other).
    for (const name of ['Alder program', 'Birch program']) {
      const site = await buildSite(db, org.orgId);
      const program = await buildProgram(db, site, { name });
      const track = await buildTrack(db, program);
      await assignToProgram(db, org.orgId, clinician.id, program.id);
      await db.insert(room).values({ orgId: org.orgId, siteId: site.id, name: `Room of ${name}`, kind: 'physical', capacity: 4 });
      rules.push({ siteId: site.id, weekday: 1, startTime: '09:00', endTime: '10:00' });
      await enrol(t, org.orgId, program.id, track.id, '2026-11-02');
    }
    const res = await t.as(org.staff.director, { method: 'PUT', url: `/api/v1/staff/${clinician.id}/availability`, payload: { rules, maxSessionsPerDay: null, version: null } });
    expect(res.statusCode, res.body).toBe(200);
  });
  afterAll(async () => t?.close());

  it('never proposes a clinician twice at once, and proposes the same week run after run', async () => {
    const first = await runToEnd(t, org.staff.director, null);
    expect(first.status, first.error ?? '').toBe('solved');
    const placements = first.proposal!.placements;
    // One hour a week, whichever site it is spent at: one appointment, and the other site's needs are explained.
    expect(placements).toHaveLength(1);
    for (const [i, a] of placements.entries()) {
      for (const b of placements.slice(i + 1)) expect(a.clinicianId === b.clinicianId && overlapping(a, b), `${a.id} and ${b.id}`).toBe(false);
    }
    expect(first.proposal!.unplaced.map((u) => u.participantId)).toContain(placements[0]!.participantId);

    const second = await runToEnd(t, org.staff.director, null);
    expect(second.proposal).toEqual(first.proposal);
  });
});
