/**
 * Demo data a director would believe (issue 5 §1). What holds today: the census answers for this week and the four
 * before it, and those who left did so for different reasons. Not yet held (the seed needs its tracks reworked, see the
 * 2 December 2026 session note): a minority at risk mid-week, past weeks mostly met, attendance at 75–85%, a few
 * steady decliners.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Temporal, type Census } from '@trellis/core';
import { and, eq } from 'drizzle-orm';
import { episode } from '../db/schema.ts';
import { startTestApp, type TestApp, type TestStaff } from '../testing/harness.ts';
import { DEMO_PASSWORD, seedDemo } from './demo.ts';

// Wednesday 18 November 2026, 10:30 in New York: two and a half program days behind, two and a half ahead.
const NOW = '2026-11-18T15:30:00Z';
const THIS_MONDAY = '2026-11-16';
const DOMAIN = 'demo-believable.test';
const PAST_WEEKS = 4;

const mondayBefore = (weeks: number) => Temporal.PlainDate.from(THIS_MONDAY).subtract({ weeks }).toString();

describe('the demo a director would believe', () => {
  let t: TestApp;
  let orgId: string;
  let director: TestStaff;
  const census = new Map<string, Census>();

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    ({ orgId } = await t.database.db.transaction((tx) => seedDemo(tx, t.clock, { slug: 'demo-believable', emailDomain: DOMAIN, name: 'Demo Believable' })));
    const email = `director@${DOMAIN}`;
    director = { id: email, email, role: 'director', cookie: await t.signIn(email, DEMO_PASSWORD) };
    for (let w = 0; w <= PAST_WEEKS; w++) {
      const res = await t.as(director, { method: 'GET', url: `/api/v1/census?week=${mondayBefore(w)}` });
      expect(res.statusCode, res.body).toBe(200);
      census.set(mondayBefore(w), res.json<Census>());
    }
  }, 300_000);
  afterAll(async () => t?.close());

  it('has this week and each of the four before it on the census, with people on each', () => {
    expect(census.get(THIS_MONDAY)!.week.tense).toBe('current');
    expect(census.get(THIS_MONDAY)!.rows.length).toBeGreaterThanOrEqual(30);
    for (let w = 1; w <= PAST_WEEKS; w++) {
      const { rows, week } = census.get(mondayBefore(w))!;
      expect(week.tense, mondayBefore(w)).toBe('past');
      expect(rows.length, mondayBefore(w)).toBeGreaterThan(0);
    }
  });

  it('discharged people for a mix of reasons', async () => {
    const left = await t.database.db
      .select({ disposition: episode.disposition })
      .from(episode)
      .where(and(eq(episode.orgId, orgId), eq(episode.status, 'discharged')));
    expect(left.length).toBeGreaterThanOrEqual(3);
    expect(new Set(left.map((e) => e.disposition)).size).toBeGreaterThanOrEqual(3);
  });
});
