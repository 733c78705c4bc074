/**
 * The family portal on a phone-sized screen, as an adolescent's guardian sees it: sign-in, the page with what is
 * shared and what a guardian may do, and recording a family member's consent. Screenshots for a person to judge.
 */
import { describe, expect, it } from 'vitest';
import { contextAt, screenshot, seriousAccessibilityViolations, useServerAndBrowser } from './support.ts';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true };

describe('the family portal, as a guardian on a phone', () => {
  const running = useServerAndBrowser();

  it('signs in, shows what a guardian may do and the family members, and opens a consent, with nothing wider than the phone', async () => {
    const context = await contextAt(running.browser, running.server, PHONE);
    const page = await context.newPage();
    await page.goto(`${running.server.url}/family/sign-in`);
    await page.getByLabel('Email').fill('guardian@demo.test');
    await page.getByLabel('Password').fill('trellis-demo');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'family-guardian-sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const guardian = page.getByRole('region', { name: /guardian/ });
    await guardian.waitFor();
    await guardian.getByRole('article').first().waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // The family portal is one page: none of the participant's pages, which a family member cannot open.
    expect(await page.getByRole('navigation', { name: 'Portal' }).count()).toBe(0);
    // "Sign out" whole, not squeezed by the heading beside it (it was cut to "Sign ou").
    const label = page.getByRole('button', { name: 'Sign out' }).locator('.mantine-Button-label');
    expect(await label.evaluate((l) => l.scrollWidth <= l.clientWidth)).toBe(true);
    // Nothing sideways: a phone scrolls down, not across.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'family-guardian-home');

    const change = guardian.getByRole('button', { name: /Record consent|Change consent/ }).first();
    await change.click();
    const dialog = page.getByRole('dialog', { name: /Consent for/ });
    await dialog.waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'family-guardian-consent');
    await context.close();
  });
});
