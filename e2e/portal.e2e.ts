/**
 * The participant portal on a phone-sized screen in Chromium: the demo participant signs in, sees today's session and
 * their hours, and adds the private calendar feed; the feed is fetched and parsed with a standard iCalendar parser
 * (ical.js), and its sessions keep their local time across the autumn clock change; then reads the treatment plan
 * their clinician signed, in plain words, and signs it. axe finds no serious violations.
 *
 * The server's clock starts on Wednesday 4 November 2026, 10:30 in New York: three days after the clocks went back
 * (Sunday 1 November), so the feed's fortnight of past sessions spans the change.
 */
import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { contextAt, screenshot, seriousAccessibilityViolations, useServerAndBrowser } from './support.ts';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true };
const AFTER_FALL_BACK = '2026-11-04T15:30:00Z';

const newYorkTime = (date: Date) =>
  new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);

describe('the participant portal, on a phone', () => {
  const running = useServerAndBrowser({}, AFTER_FALL_BACK);

  it('signs in, shows today’s session and the hours, and adds a calendar feed that keeps local times across the clock change', async () => {
    const context = await contextAt(running.browser, running.server, PHONE);
    const page = await context.newPage();
    await page.goto(`${running.server.url}/portal`);
    await page.waitForURL((u) => u.pathname === '/portal/sign-in');
    await page.getByRole('region', { name: 'Crisis resources' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Email').fill('participant@demo.test');
    await page.getByLabel('Password').fill('trellis-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();

    const today = page.getByRole('region', { name: /^Today/ });
    await today.getByText('DBT skills').waitFor();
    // The morning track's Wednesday blocks, in New York time.
    expect(await today.textContent()).toMatch(/9:00/);
    expect(await today.textContent()).toMatch(/10:45/);
    const hours = page.getByRole('region', { name: 'Your hours this week' });
    expect(await hours.textContent()).toMatch(/of 9 h/);
    expect(await page.getByRole('region', { name: 'Crisis resources' }).getByRole('link', { name: '988 Suicide & Crisis Lifeline' }).count()).toBe(1);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'portal-home');

    await page.getByRole('button', { name: 'Get my calendar address' }).click();
    const address = await page.getByLabel('Your calendar address').inputValue();
    expect(address).toMatch(/\/api\/v1\/public\/calendar-feeds\/[A-Za-z0-9_-]{43}\/calendar\.ics$/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'portal-calendar-address');

    const feed = await fetch(address);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    const events = new ICAL.Component(ICAL.parse(await feed.text()))
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v))
      .map((e) => ({ start: e.startDate.toJSDate(), summary: e.summary }));
    const before = events.filter((e) => e.start < new Date('2026-11-01T06:00:00Z'));
    const after = events.filter((e) => e.start > new Date('2026-11-01T06:00:00Z'));
    expect(before.length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(0);
    // 09:00 in New York is 13:00Z in daylight time and 14:00Z after the change; on the phone it stays 09:00.
    expect(new Set(before.map((e) => e.start.toISOString().slice(11, 16)))).toEqual(new Set(['13:00', '14:45']));
    expect(new Set(after.map((e) => e.start.toISOString().slice(11, 16)))).toEqual(new Set(['14:00', '15:45']));
    expect(new Set(events.map((e) => newYorkTime(e.start)))).toEqual(new Set(['09:00', '10:45']));
    expect(new Set(events.map((e) => e.summary))).toEqual(new Set(['Group session']));
    await context.close();
  });

  it('reads the treatment plan in plain words and signs it, and the signature shows', async () => {
    const context = await contextAt(running.browser, running.server, PHONE);
    const page = await context.newPage();
    await page.goto(`${running.server.url}/portal/sign-in`);
    await page.getByLabel('Email').fill('participant@demo.test');
    await page.getByLabel('Password').fill('trellis-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('region', { name: /^Today/ }).waitFor();
    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'My plan' }).click();

    // The plan the clinician signed, in plain words: goal, steps with dates and how progress is known, the schedule.
    const plan = page.getByRole('article', { name: 'Adult Mental Health IOP' });
    const goal = plan.getByRole('region', { name: 'Goal 1' });
    await goal.waitFor();
    expect(await goal.textContent()).toMatch(/Get back to a steady week/);
    expect(await goal.textContent()).toMatch(/Use one DBT skill on a hard day/);
    expect(await goal.textContent()).toMatch(/How we will know: Diary card reviewed in session each week/);
    expect(await plan.textContent()).toMatch(/Your schedule/);
    expect(await plan.textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/); // no ids, no codes
    expect(await page.getByRole('region', { name: 'Crisis resources' }).count()).toBe(1);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'portal-plan-to-sign');

    const form = page.getByRole('form', { name: 'Sign your Adult Mental Health IOP plan' });
    // Signing without agreeing or a name is refused on the form, naming what is missing.
    await form.getByRole('button', { name: 'Sign my plan' }).click();
    await form.getByText('Type your name to sign').waitFor();
    await form.getByLabel('I have read my plan and I agree to work on it with my care team.').check();
    await form.getByLabel('Type your full name to sign').fill('Demo Participant');
    await form.getByRole('button', { name: 'Sign my plan' }).click();
    const signed = plan.getByRole('alert').filter({ hasText: 'You signed this plan' });
    await signed.waitFor();
    expect(await signed.textContent()).toMatch(/Signed as Demo Participant on/);
    expect(await form.count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'portal-plan-signed');

    // It stays signed: the server has the signature (a reload reads it back).
    await page.reload();
    await plan.getByText('You signed this plan').waitFor();
    await context.close();
  });

  it('says an expired or unknown invitation link cannot be used, with the crisis resources', async () => {
    const context = await contextAt(running.browser, running.server, PHONE);
    const page = await context.newPage();
    await page.goto(`${running.server.url}/portal/set-password?token=not-a-real-invitation-token`);
    await page.getByText(/This link is not valid/).waitFor();
    await page.getByRole('region', { name: 'Crisis resources' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});
