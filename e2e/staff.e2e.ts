/**
 * Staff accounts in a real browser: the administrator invites a clinician, finds the invitation in the outbox, and the
 * clinician accepts it (choosing a password under the rules) and signs in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot, seriousAccessibilityViolations, signIn, startServer, type RunningServer } from './support.ts';

describe('inviting a staff member in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    admin = await browser.newContext({ viewport: { width: 1024, height: 768 }, bypassCSP: true });
    page = await admin.newPage();
  });
  afterAll(async () => {
    await admin?.close();
    await browser?.close();
    await server?.stop();
  });

  it('invites, and the invitation link lets the new clinician set a password and sign in', async () => {
    await signIn(page, server.url, 'admin@demo.test');
    await page.goto(`${server.url}/staff`);
    await page.getByRole('table', { name: 'Staff' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Invite' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Robin Ashgrove');
    await dialog.getByLabel('Email').fill('robin.ashgrove@demo.test');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByRole('button', { name: 'Actions for Robin Ashgrove' }).waitFor();
    await screenshot(page, 'staff-list');

    await page.getByRole('link', { name: 'Outbox' }).click();
    const message = page.getByRole('article', { name: 'You are invited to Trellis' }).first();
    await message.waitFor();
    const link = new URL((await message.getByText(/\/accept-invitation\?token=/).textContent())!.trim());
    expect(link.pathname).toBe('/accept-invitation');

    const newcomer = await browser.newContext({ viewport: { width: 1024, height: 768 }, bypassCSP: true });
    const theirs = await newcomer.newPage();
    await theirs.goto(`${server.url}${link.pathname}${link.search}`);
    await theirs.getByLabel(/^New password\s*\*?$/).fill('qwerty123456');
    await theirs.getByLabel('New password again').fill('qwerty123456');
    await theirs.getByRole('button', { name: 'Set password' }).click();
    // The refusal names the password field, so it is shown under that field.
    await theirs.getByText(/one of the most common passwords/).waitFor();
    await theirs.getByLabel(/^New password\s*\*?$/).fill('moss lantern river');
    await theirs.getByLabel('New password again').fill('moss lantern river');
    await theirs.getByRole('button', { name: 'Set password' }).click();
    await theirs.getByRole('status').filter({ hasText: /password is set/ }).waitFor();
    expect(await seriousAccessibilityViolations(theirs)).toEqual([]);
    await signIn(theirs, server.url, 'robin.ashgrove@demo.test', 'moss lantern river');
    expect(new URL(theirs.url()).pathname).not.toBe('/sign-in');
    await screenshot(theirs, 'invited-clinician-signed-in');
    await newcomer.close();
  });
});
