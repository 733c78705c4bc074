/**
 * The way in on a phone-sized screen in Chromium: a visitor reads the program page (its JavaScript, as transferred,
 * and its time to first render are reported), takes the self-check, and requests an assessment; the intake coordinator
 * finds the request on the inquiries board and admits a person from it without retyping their details.
 */
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, screenshot, seriousAccessibilityViolations, signIn, useServerAndBrowser } from './support.ts';

/**
 * Compressed bytes of JavaScript the public program page may transfer (issue 8: under 150 KB; it was 156.3 KB with the
 * staff app's entry, before the way in got its own, way-in.html).
 */
export const PUBLIC_PAGE_JS_BUDGET = 150 * 1024;
/** The program page's time to first render in Chromium, reported against this goal (issue 8: under 1 s). */
export const PUBLIC_PAGE_FIRST_RENDER_GOAL_MS = 1_000;

// bypassCSP lets the axe script be injected, as in the other browser tests.
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true };

/** The median first render is held under this: the goal, with room for a machine busy with other work. */
const PUBLIC_PAGE_FIRST_RENDER_CEILING_MS = 2_500;
const FIRST_RENDER_RUNS = 5;

interface FirstRender {
  /** From the start of navigation: the HTML received, scripts and styles received, scripts run (DOMContentLoaded), first paint, programs in the page. */
  htmlMs: number;
  assetsMs: number;
  scriptsRunMs: number;
  firstPaintMs: number;
  shownMs: number;
}

/** Opens the program page in a new context (nothing cached) and times its phases in the page. */
async function firstRender(browser: Browser, url: string): Promise<FirstRender> {
  // The server's content security policy in force, as for a visitor: the program page in the HTML is data, not a script.
  const context = await browser.newContext({ ...PHONE, bypassCSP: false });
  const page = await context.newPage();
  const asked: string[] = [];
  page.on('request', (request) => asked.push(new URL(request.url()).pathname));
  await page.addInitScript(() => {
    const w = window as unknown as { programsShownAt?: number };
    new MutationObserver((_, observer) => {
      if ([...document.querySelectorAll('h2, h3')].some((h) => h.textContent === 'Adult Mental Health IOP')) {
        w.programsShownAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { subtree: true, childList: true });
  });
  await page.goto(`${url}/p/demo`);
  await page.getByRole('heading', { name: 'Adult Mental Health IOP' }).waitFor();
  await page.waitForLoadState('load');
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const assets = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => /\.(?:js|css)$/.test(e.name));
    return {
      htmlMs: nav.responseEnd,
      assetsMs: Math.max(...assets.map((e) => e.responseEnd)),
      scriptsRunMs: nav.domContentLoadedEventEnd,
      firstPaintMs: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
      shownMs: (window as unknown as { programsShownAt: number }).programsShownAt,
    };
  });
  await context.close();
  expect(asked.filter((path) => path.startsWith('/api/'))).toEqual([]);
  return Object.fromEntries(Object.entries(timing).map(([k, v]) => [k, Math.round(v)])) as unknown as FirstRender;
}

describe('the way in, on a phone', () => {
  const running = useServerAndBrowser();

  it('shows the program page with crisis resources, light and fast, with no serious accessibility violations', async () => {
    // The first visit after the server and browser start pays their warm-up (the server's first query, the browser's
    // first page); it is reported apart. The figure held to the goal is a visitor's on a running server: the median of
    // a few new contexts (nothing cached in the browser), timed in the page from the start of navigation to the moment
    // the programs are in the document.
    const cold = await firstRender(running.browser, running.server.url);
    const runs: FirstRender[] = [];
    for (let i = 0; i < FIRST_RENDER_RUNS; i++) runs.push(await firstRender(running.browser, running.server.url));
    const median = (pick: (r: FirstRender) => number) => runs.map(pick).sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
    // On screen: the programs are in the document and painted (the first paint comes after them when they are in the
    // first render, as now; before, it was the frame alone, the programs a render later).
    const onScreen = (r: FirstRender) => Math.max(r.shownMs, r.firstPaintMs);
    const shown = median(onScreen);
    console.log(
      `public program page: programs on screen ${shown} ms after navigation (median of ${runs.length} new contexts: ` +
        `${runs.map(onScreen).join(', ')}; goal ${PUBLIC_PAGE_FIRST_RENDER_GOAL_MS} ms) — HTML ${median((r) => r.htmlMs)} ms, ` +
        `scripts and styles loaded ${median((r) => r.assetsMs)} ms, scripts run ${median((r) => r.scriptsRunMs)} ms, ` +
        `programs in the document ${median((r) => r.shownMs)} ms, first paint ${median((r) => r.firstPaintMs)} ms; ` +
        `${onScreen(cold)} ms on the first visit after the server started; ` +
        `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${availableParallelism()} cores`,
    );
    // A ceiling well above the goal: machines shared with other work vary by a factor of two or more.
    expect(shown).toBeLessThan(PUBLIC_PAGE_FIRST_RENDER_CEILING_MS);

    const context = await running.browser.newContext(PHONE);
    const page = await context.newPage();
    const sent = new Map<string, { encoding: string; cache: string }>();
    const asked: string[] = [];
    page.on('request', (request) => asked.push(new URL(request.url()).pathname));
    page.on('response', (response) => {
      const h = response.headers();
      if (response.url().endsWith('.js')) sent.set(response.url(), { encoding: h['content-encoding'] ?? 'identity', cache: h['cache-control'] ?? '' });
    });
    const html = await page.goto(`${running.server.url}/p/demo`);
    expect(html?.headers()['cache-control']).toBe('no-cache');
    await page.getByRole('heading', { name: 'Adult Mental Health IOP' }).waitFor();
    await page.waitForLoadState('networkidle');
    const scripts = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((e) => e.name.endsWith('.js'))
        .map((e) => ({ name: e.name, bytes: (e as PerformanceResourceTiming).encodedBodySize, decoded: (e as PerformanceResourceTiming).decodedBodySize })),
    );
    const total = scripts.reduce((sum, e) => sum + e.bytes, 0);
    console.log(`public program page: ${(total / 1024).toFixed(1)} KB JavaScript transferred in ${scripts.length} files (budget ${PUBLIC_PAGE_JS_BUDGET / 1024} KB)`);
    expect(total).toBeLessThan(PUBLIC_PAGE_JS_BUDGET);
    // Its own build: one script, none of the staff app's; the program page came in the HTML, not from the API.
    expect(scripts.map((s) => new URL(s.name).pathname)).toEqual([expect.stringMatching(/^\/assets\/way-in-[^/]+\.js$/)]);
    expect(asked.filter((path) => path.startsWith('/api/'))).toEqual([]);
    for (const { name, decoded } of scripts) {
      expect(sent.get(name)?.cache, name).toBe('public, max-age=31536000, immutable');
      if (decoded >= 1024) expect(sent.get(name)?.encoding, name).toBe('br');
    }
    expect(await page.getByRole('region', { name: 'Crisis resources' }).getByRole('link', { name: '988 Suicide & Crisis Lifeline' }).count()).toBe(1);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'way-in-program-page');
    // What the phone shows before any scrolling.
    await page.screenshot({ path: join(ARTIFACTS, 'way-in-program-page-first-screen.png') });
    await context.close();
  });

  it('takes the self-check, requests an assessment, and intake finds it on the board', async () => {
    const context = await running.browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${running.server.url}/p/demo/self-check`);
    const choose = async (question: RegExp, answer: string) =>
      page.getByRole('radiogroup', { name: question }).getByRole('radio', { name: answer, exact: true }).check();
    await choose(/ending your life/, 'No');
    await choose(/hurting someone else/, 'No');
    await choose(/drink or use drugs/, 'I do not drink or use drugs');
    await choose(/medical conditions/, 'No');
    await choose(/Where you live now/, 'Stable, but not very supportive of getting better');
    await choose(/daily life/, 'A lot — work, school, family or health are suffering');
    await choose(/weekly counselling/, 'No');
    await choose(/several times a week/, 'Yes');
    await choose(/work or school/, 'Yes');
    await page.getByRole('button', { name: 'See what to ask about' }).click();
    await page.getByText('Ask about an intensive outpatient program (IOP).').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'way-in-self-check-result');

    await page.getByRole('link', { name: 'Request an assessment' }).last().click();
    await page.getByLabel('Your name').fill('Taylor Brookside');
    await page.getByRole('radio', { name: 'Text message' }).check();
    await page.getByLabel('Phone', { exact: true }).fill('555-010-0188');
    await page.getByLabel(/How do you expect to pay/).first().click();
    await page.getByRole('option', { name: 'Medicaid' }).click();
    await page.getByRole('checkbox', { name: /agree to be contacted/ }).check();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'way-in-request-form');
    // A person takes more than the form's minimum fill time.
    await page.waitForTimeout(3_200);
    await page.getByRole('button', { name: 'Send my request' }).click();
    await page.getByRole('heading', { name: 'Request received' }).waitFor();
    await screenshot(page, 'way-in-request-received');
    await context.close();

    const staff = await running.browser.newContext({ viewport: { width: 1024, height: 768 }, bypassCSP: true });
    const board = await staff.newPage();
    await signIn(board, running.server.url, 'intake@demo.test');
    await board.goto(`${running.server.url}/inquiries`);
    await board.getByRole('article', { name: 'Taylor Brookside' }).waitFor();
    expect(await seriousAccessibilityViolations(board)).toEqual([]);
    await screenshot(board, 'way-in-inquiries-board');
    await staff.close();
  });

  it('admits a person from the board: registered and on a track in one step, then in the admitted column', async () => {
    const staff = await running.browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const board = await staff.newPage();
    await signIn(board, running.server.url, 'intake@demo.test');
    await board.goto(`${running.server.url}/inquiries`);
    const card = board.getByRole('article', { name: 'Jordan Fielding' });
    await card.getByRole('button', { name: 'Admit' }).click();
    const dialog = board.getByRole('dialog', { name: 'Admit Jordan Fielding' });
    expect(await dialog.getByLabel('Legal given name').inputValue()).toBe('Jordan');
    expect(await dialog.getByLabel('Legal family name').inputValue()).toBe('Fielding');
    const dob = dialog.getByLabel('Date of birth');
    await dob.fill('1990-04-12');
    await dob.press('Tab');
    await dialog.getByRole('combobox', { name: 'Track', exact: true }).click();
    await board.getByRole('option', { name: /Morning: Mon\/Wed\/Fri/ }).first().click();
    await dialog.getByRole('combobox', { name: 'Primary clinician', exact: true }).click();
    await board.getByRole('option', { name: /Sam Okafor/ }).first().click();
    expect(await seriousAccessibilityViolations(board)).toEqual([]);
    await screenshot(board, 'way-in-admit-from-inquiry');
    await dialog.getByRole('button', { name: 'Register and admit' }).click();
    await dialog.waitFor({ state: 'detached' });
    await board.getByRole('tab', { name: /Admitted/ }).click();
    const admitted = board.getByRole('article', { name: 'Jordan Fielding' });
    await admitted.getByRole('link', { name: /open the participant’s record/ }).click();
    await board.getByRole('heading', { name: /Jordan Fielding/ }).first().waitFor();
    await screenshot(board, 'way-in-admitted-participant');
    await staff.close();
  });
});
