/**
 * The program outcomes page in Chromium: a clinician enters admission and follow-up PHQ-9s for some of the demo's
 * active participants (through the API, as the web form would); the director opens /outcomes, sees each figure with
 * the number of participants behind it, switches the grouping between program, track and primary clinician, and the
 * page has no serious accessibility violations.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { contextAt, screenshot, seriousAccessibilityViolations, signIn, type RunningServer, useServerAndBrowser } from './support.ts';

/** PHQ-9 answers whose total is `total` (items 1–8 filled up to 3 each; item 9 always 0, so no safety alert). */
function phq9(total: number): Record<string, number> {
  let left = total;
  const answers: Record<string, number> = {};
  for (let i = 1; i <= 8; i += 1) {
    const v = Math.min(3, left);
    answers[`q${i}`] = v;
    left -= v;
  }
  answers.q9 = 0;
  return answers;
}

interface Summary {
  id: string;
  activeEpisode: { id: string } | null;
}

/** Enters a PHQ-9 as the signed-in user; false when the episode is not theirs to reach (e.g. a Part 2 program). */
async function enterPhq9(page: Page, server: RunningServer, episodeId: string, total: number, administeredAt: string, key: string): Promise<boolean> {
  const res = await page.request.post(`${server.url}/api/v1/episodes/${episodeId}/measures`, {
    data: { instrument: 'phq-9', answers: phq9(total), administeredAt },
    headers: { 'Idempotency-Key': key },
  });
  if (res.status() === 403) return false;
  expect(res.status(), await res.text()).toBe(201);
  return true;
}

describe('the program outcomes page', () => {
  const running = useServerAndBrowser();

  it('shows figures with their N, switches grouping, and passes axe', async () => {
    // Scores first: admission PHQ-9s of 18 and later ones of 4 (reliable improvement, response, remission) for up to three participants.
    const staff = await contextAt(running.browser, running.server, { viewport: { width: 1280, height: 900 } });
    const clinician = await staff.newPage();
    await signIn(clinician, running.server.url, 'clinician@demo.test');
    const list = await clinician.request.get(`${running.server.url}/api/v1/participants?status=active&limit=50`);
    expect(list.status()).toBe(200);
    const summaries = ((await list.json()) as { items: Summary[] }).items.filter((s) => s.activeEpisode);
    const later = new Date(running.server.now().getTime() - 3_600_000).toISOString();
    let entered = 0;
    for (const s of summaries) {
      if (entered === 3) break;
      const record = await clinician.request.get(`${running.server.url}/api/v1/participants/${s.id}`);
      const episodes = ((await record.json()) as { episodes: { id: string; status: string; admittedOn: string }[] }).episodes;
      const episode = episodes.find((e) => e.id === s.activeEpisode!.id)!;
      if (!(await enterPhq9(clinician, running.server, episode.id, 18, `${episode.admittedOn}T14:00:00Z`, `e2e-outcomes-a-${s.id}`))) continue;
      await enterPhq9(clinician, running.server, episode.id, 4, later, `e2e-outcomes-b-${s.id}`);
      entered += 1;
    }
    expect(entered).toBeGreaterThan(0);
    await staff.close();

    const context = await contextAt(running.browser, running.server, { viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const director = await context.newPage();
    await signIn(director, running.server.url, 'director@demo.test');
    await director.goto(`${running.server.url}/outcomes?status=active`);
    await director.getByRole('heading', { name: 'Outcomes' }).first().waitFor();

    const byProgram = director.getByRole('table', { name: 'Outcomes by Program' });
    await byProgram.waitFor();
    // The participants scored above may be in different programs: the last PHQ-9 row is then "All together" (with one
    // program it is that program's), which counts all of them.
    const phqRow = byProgram.getByRole('row').filter({ hasText: 'PHQ-9' }).last();
    // Each figure carries its N: "3 of 3 (100%)", and the group heading says how many participants are behind it.
    const cells = await phqRow.getByRole('cell').allTextContents();
    expect(cells.join(' | ')).toMatch(new RegExp(`${entered} of ${entered} \\(100%\\)`));
    expect(await byProgram.getByText(/\d+ participants?/).count()).toBeGreaterThan(0);
    await screenshot(director, 'outcomes-by-program');

    for (const [label, table] of [
      ['Track', 'Outcomes by Track'],
      ['Primary clinician', 'Outcomes by Primary clinician'],
      ['Program', 'Outcomes by Program'],
    ] as const) {
      await director.getByRole('radiogroup', { name: 'Group by' }).getByText(label, { exact: true }).click();
      const grouped = director.getByRole('table', { name: table });
      await grouped.waitFor();
      await expect.poll(() => grouped.getByRole('row').filter({ hasText: 'PHQ-9' }).count()).toBeGreaterThan(0);
      expect(new URL(director.url()).searchParams.get('groupBy')).toBe(label === 'Program' ? null : label === 'Track' ? 'track' : 'clinician');
    }
    expect(await seriousAccessibilityViolations(director)).toEqual([]);
    await screenshot(director, 'outcomes-by-clinician');
  });
});
