/**
 * The core loop at the edges of the program week: the suite must pass at any hour, so the server (and the demo
 * seeded from its clock) and the browser stand at Sunday 23:30 and Monday 00:30 in each site's zone, in an ordinary
 * week and in the weeks the clocks change. At each moment a member of staff opens the census for a program at that
 * site, takes the roll of the group the moment allows (the last one begun this week, or before the week's first
 * group an excused absence on the next one), and the census hours change. One browser serves every moment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { programWeekContaining } from '@trellis/core';
import { contextAt, launchBrowser, signIn, startServer } from './support.ts';
import { censusHours, markAndSave, markThatMovesHours, readRoll } from './roll-steps.ts';

const NEW_YORK = 'America/New_York';
const LOS_ANGELES = 'America/Los_Angeles';

interface Moment {
  name: string;
  at: string;
  zone: string;
  /** Who takes the roll: the clinician works at the New York site; the director sees the Los Angeles one. */
  email: string;
}

const ny = (name: string, at: string): Moment => ({ name: `${name} in New York`, at, zone: NEW_YORK, email: 'clinician@demo.test' });
const la = (name: string, at: string): Moment => ({ name: `${name} in Los Angeles`, at, zone: LOS_ANGELES, email: 'director@demo.test' });

const MOMENTS: Moment[] = [
  ny('Sunday 23:30', '2026-11-22T23:30:00-05:00'),
  ny('Monday 00:30', '2026-11-23T00:30:00-05:00'),
  la('Sunday 23:30', '2026-11-22T23:30:00-08:00'),
  la('Monday 00:30', '2026-11-23T00:30:00-08:00'),
  // The week the clocks go forward (Sunday 8 March 2026, 02:00 → 03:00) and the week they go back (1 November),
  // both moments in both zones.
  ny('Sunday 23:30 on the day the clocks went forward', '2026-03-08T23:30:00-04:00'),
  ny('Monday 00:30 after the clocks went forward', '2026-03-09T00:30:00-04:00'),
  la('Sunday 23:30 on the day the clocks went forward', '2026-03-08T23:30:00-07:00'),
  la('Monday 00:30 after the clocks went forward', '2026-03-09T00:30:00-07:00'),
  ny('Sunday 23:30 on the day the clocks went back', '2026-11-01T23:30:00-05:00'),
  ny('Monday 00:30 after the clocks went back', '2026-11-02T00:30:00-05:00'),
  la('Sunday 23:30 on the day the clocks went back', '2026-11-01T23:30:00-08:00'),
  la('Monday 00:30 after the clocks went back', '2026-11-02T00:30:00-08:00'),
];

interface SessionSummary {
  id: string;
  programId: string;
  timeZone: string;
  startsAt: string;
  status: string;
}
describe('the core loop at the edges of the week', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  for (const moment of MOMENTS) {
    it(`takes a roll and moves the census at ${moment.name}`, async () => {
      const server = await startServer({}, new Date(moment.at).toISOString());
      // The clinician's browser keeps the site's local time, as a browser in that clinic would.
      const context = await contextAt(browser, server, { viewport: { width: 1180, height: 860 }, timezoneId: moment.zone });
      try {
        const page = await context.newPage();
        await signIn(page, server.url, moment.email);

        const now = server.now();
        const week = programWeekContaining(now.toISOString(), moment.zone);
        const listed = await page.request.get(`${server.url}/api/v1/sessions?from=${week.monday}&to=${week.sunday}`);
        expect(listed.status()).toBe(200);
        const sessions = ((await listed.json()) as { items: SessionSummary[] }).items
          .filter((s) => s.timeZone === moment.zone && s.status !== 'cancelled')
          .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
        const begun = sessions.filter((s) => Date.parse(s.startsAt) <= now.getTime());
        const session = begun.at(-1) ?? sessions[0];
        expect(session, `a group this week at ${moment.zone}`).toBeDefined();
        const started = begun.length > 0;

        const roll = await readRoll(page, server, session!.id);
        const who = roll.entries.find((e) => started || e.status !== 'excused');
        expect(who, 'someone on the roll').toBeDefined();

        const census = await context.newPage();
        await census.goto(`${server.url}/census?program=${session!.programId}`);
        const before = await censusHours(census, who!.participantId);

        await page.goto(`${server.url}/sessions/${session!.id}/roll`);
        await markAndSave(page, server, session!.id, who!, markThatMovesHours(started, who!.status));

        await census.reload();
        await expect.poll(() => censusHours(census, who!.participantId)).not.toBe(before);
      } catch (error) {
        throw new Error(`${(error as Error).message}\n--- server output ---\n${server.output().slice(-3000)}`, { cause: error });
      } finally {
        await context.close();
        await server.stop();
      }
    });
  }
});
