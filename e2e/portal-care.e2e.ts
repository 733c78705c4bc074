/**
 * The portal's care pages on a phone-sized screen in Chromium: the demo participant checks in (and, answering yes to
 * the safety question, sees the crisis resources first), and opens their plan, relapse prevention plan, safety plan
 * and skills library. On every page no label or other element covers a button (a check-in's submit button was once
 * covered by the note field's label), and axe finds no serious violations.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { contextAt, screenshot, seriousAccessibilityViolations, useServerAndBrowser } from './support.ts';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true };

/** Buttons whose centre, once scrolled into view, is covered by something that is not the button itself. */
async function coveredButtons(page: Page): Promise<string[]> {
  const covered: string[] = [];
  // Content wider than the phone makes it zoom out to fit, and what is under a finger is no longer what is drawn there.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) covered.push(`the page is ${overflow}px wider than the screen`);
  for (const button of await page.locator('main button:visible, nav button:visible, main a[role="button"]:visible, nav a:visible').all()) {
    await button.scrollIntoViewIfNeeded();
    const hit = await button.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return top === null || el === top || el.contains(top) ? null : `${el.textContent?.trim() ?? ''} covered by <${top.tagName.toLowerCase()}> ${top.textContent?.trim().slice(0, 40) ?? ''}`;
    });
    if (hit) covered.push(hit);
  }
  return covered;
}

describe('the portal’s care pages, on a phone', () => {
  const running = useServerAndBrowser();

  it('checks in with nothing covering the submit button, and shows crisis resources first after a risk answer', async () => {
    const context = await contextAt(running.browser, running.server, PHONE);
    const page = await context.newPage();
    await page.goto(`${running.server.url}/portal/sign-in`);
    await page.getByLabel('Email').fill('participant@demo.test');
    await page.getByLabel('Password').fill('trellis-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('region', { name: /^Today/ }).waitFor();

    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Check-in' }).click();
    await page.getByRole('button', { name: 'Check in now' }).waitFor();
    expect(await coveredButtons(page)).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'portal-check-in-choices');

    await page.getByRole('button', { name: 'Check in now' }).click();
    await page.getByLabel(/Hours you slept/).fill('6');
    await page.getByRole('radiogroup', { name: /alcohol or drug use/ }).getByRole('radio', { name: 'No' }).check();
    await page.getByRole('radiogroup', { name: /thoughts of death/ }).getByRole('radio', { name: 'Yes' }).check();
    await page.getByLabel(/Anything else you want your care team to know/).fill('A hard evening');
    expect(await coveredButtons(page)).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'portal-check-in-form');
    await page.getByRole('button', { name: 'Send my check-in' }).click();
    await page.getByText('Please reach out now — you do not have to wait').waitFor();
    await screenshot(page, 'portal-check-in-crisis');

    for (const [link, ready] of [
      ['My plan', /No plan yet|Sign my plan|You signed this plan/],
      ['Relapse prevention plan', /No relapse prevention plan yet|My relapse prevention plan/],
      ['Safety plan', /No safety plan yet|My safety plan/],
      ['Skills', /No topics yet|Homework/],
    ] as const) {
      await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: link }).click();
      await page.getByText(ready).first().waitFor();
      expect(await coveredButtons(page), link).toEqual([]);
      expect(await seriousAccessibilityViolations(page), link).toEqual([]);
      await screenshot(page, `portal-${link.toLowerCase().replace(/ /g, '-')}`);
    }
    await context.close();
  });
});
