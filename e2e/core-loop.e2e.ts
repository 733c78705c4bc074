/**
 * The IOP core loop in a real browser: a clinician signs in, sees the census with participants at risk, opens today's
 * group from the schedule, takes the roll, and watches the weekly hours change on the census.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { contextAt, launchBrowser, screenshot, seriousAccessibilityViolations, signIn, startServer, wordsBrokenMidWord, type RunningServer } from './support.ts';
import { censusHours, markAndSave, markThatMovesHours, readRoll } from './roll-steps.ts';

// Titles of the demo groups in the clinician's programs (Adult Mental Health IOP and Adult Substance Use IOP).
const CLINICIAN_GROUPS = /^(?:Process group|DBT skills|Coping skills and psychoeducation|Relapse prevention group|Craving management|Recovery group|Mindfulness and movement), (?!.*cancelled).* — open roll$/;

describe('the IOP core loop in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    // bypassCSP only lets the test inject axe-core; the app itself runs under its normal headers. Server and browser
    // stand at DEFAULT_MOMENT (a Wednesday mid-morning); core-loop-moments.e2e.ts walks the week's edges.
    context = await contextAt(browser, server, { viewport: { width: 1180, height: 860 }, bypassCSP: true });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('signs in as a clinician and shows the census with participants at risk', async () => {
    await signIn(page, server.url, 'clinician@demo.test');
    await page.goto(`${server.url}/census`);
    await page.locator('tr[data-participant-id]').first().waitFor();
    await expect.poll(() => page.getByText('At risk', { exact: true }).count()).toBeGreaterThan(0);
    await screenshot(page, 'census');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('opens today’s group from the schedule, takes the roll, and the census hours change', async () => {
    await page.goto(`${server.url}/schedule`);
    const today = page.getByRole('listitem', { name: /today/ });
    await today.waitFor();
    await screenshot(page, 'schedule');
    const group = today.getByRole('link', { name: CLINICIAN_GROUPS }).first();
    await group.click();
    await page.waitForURL(/\/sessions\/[^/]+\/roll$/);
    await page.getByRole('button', { name: 'Save roll' }).waitFor();
    const sessionId = new URL(page.url()).pathname.split('/')[2]!;

    const roll = await readRoll(page, server, sessionId);
    expect(roll.entries.length).toBeGreaterThan(0);
    const who = roll.entries[0]!;

    // Where this person stands on the census before the roll.
    const censusPage = await context.newPage();
    await censusPage.goto(`${server.url}/census`);
    const before = await censusHours(censusPage, who.participantId);

    const started = Date.parse(roll.session.startsAt) <= server.now().getTime();
    await markAndSave(page, server, sessionId, who, markThatMovesHours(started, who.status), async () => {
      await screenshot(page, 'roll');
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
    });

    await censusPage.reload();
    await expect.poll(() => censusHours(censusPage, who.participantId)).not.toBe(before);
    await screenshot(censusPage, 'census-after-roll');
    await censusPage.close();
  });

  it('never breaks a session title mid-word, from a small laptop to a wide screen', async () => {
    const schedule = await context.newPage();
    try {
      await schedule.goto(`${server.url}/schedule`);
      const site = schedule.getByRole('combobox', { name: 'Site' });
      await site.click();
      const sites = await schedule.getByRole('option').allTextContents();
      await schedule.keyboard.press('Escape');
      expect(sites.length).toBeGreaterThan(0);
      const failures: string[] = [];
      for (const width of [900, 1024, 1280, 1440, 1920]) {
        await schedule.setViewportSize({ width, height: 860 });
        for (const name of sites) {
          await site.click();
          await schedule.getByRole('option', { name }).click();
          await schedule.locator('.session-card').first().waitFor();
          for (const word of await wordsBrokenMidWord(schedule, '.session-card')) failures.push(`${width}px ${name}: ${word}`);
        }
      }
      expect(failures).toEqual([]);
    } finally {
      await schedule.close();
    }
  });
});
