/**
 * Admissions in a real browser: the intake coordinator creates a participant and admits them to the substance use
 * program's evening track; the record opens as a Part 2 record with an open episode.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { contextAt, launchBrowser, screenshot, seriousAccessibilityViolations, signIn, startServer, type RunningServer } from './support.ts';

async function choose(page: Page, label: string, option: RegExp): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option }).first().click();
}

describe('admitting a new participant in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await contextAt(browser, server, { viewport: { width: 1024, height: 768 }, bypassCSP: true });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('creates and admits a participant, who opens as a Part 2 record with an episode', async () => {
    await signIn(page, server.url, 'intake@demo.test');
    await page.goto(`${server.url}/participants/new`);
    await page.getByLabel('Legal given name').fill('Testa');
    await page.getByLabel('Legal family name').fill('Admissionworth');
    await page.getByLabel('Pronouns').fill('they/them');
    const dob = page.getByLabel('Date of birth');
    await dob.fill('1990-04-12');
    await dob.press('Tab');
    await page.getByRole('button', { name: 'Next' }).click();

    await choose(page, 'Program', /Adult Substance Use IOP/);
    await choose(page, 'Track', /Evening/);
    await choose(page, 'Primary clinician', /Sam Okafor/);
    await screenshot(page, 'admission-form');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Create and admit' }).click();

    await page.waitForURL(/\/participants\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: /Testa Admissionworth/ }).waitFor();
    const participantId = new URL(page.url()).pathname.split('/')[2]!;
    const record = await page.request.get(`${server.url}/api/v1/participants/${participantId}`);
    expect(record.status()).toBe(200);
    const body = (await record.json()) as { part2: boolean; dateOfBirth: string; episodes: { programName: string; status: string; currentTrackName: string }[] };
    expect(body.dateOfBirth).toBe('1990-04-12');
    expect(body.part2).toBe(true);
    expect(body.episodes).toEqual([expect.objectContaining({ programName: 'Adult Substance Use IOP', status: 'active' })]);
    expect(body.episodes[0]!.currentTrackName).toMatch(/Evening/);
    await expect.poll(() => page.getByText(/Part 2/).count()).toBeGreaterThan(0);
    await screenshot(page, 'admitted-participant');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
