/**
 * The roll-taking steps the core-loop browser tests share: read a roll through the API, choose the mark that must
 * move the hours, press it on the roll page and save, and read a participant's hours on the census.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { RunningServer } from './support.ts';

export interface RollEntry {
  participantId: string;
  displayName: string;
  status: string | null;
}

export type RollMark = 'Excused' | 'Absent' | 'Present';

/** A session's roll as the API answers it to the signed-in page. */
export async function readRoll(page: Page, server: RunningServer, sessionId: string): Promise<{ session: { startsAt: string }; entries: RollEntry[] }> {
  const res = await page.request.get(`${server.url}/api/v1/sessions/${sessionId}/roll`);
  expect(res.status()).toBe(200);
  return (await res.json()) as { session: { startsAt: string }; entries: RollEntry[] };
}

/**
 * The mark that must change someone's hours: before the group begins only an excused absence can be recorded (it
 * takes the session out of their projection); afterwards, the other way round from what is recorded.
 */
export function markThatMovesHours(started: boolean, recorded: string | null): RollMark {
  if (!started) return 'Excused';
  return recorded === 'present' ? 'Absent' : 'Present';
}

/** A participant's "Hours this week" on an open census page. */
export async function censusHours(page: Page, participantId: string): Promise<string> {
  const row = page.locator(`tr[data-participant-id="${participantId}"]`);
  await row.waitFor();
  return (await row.locator('[aria-label^="Hours this week"]').getAttribute('aria-label')) ?? '';
}

/**
 * On the open roll page, presses `mark` for one participant, lets the caller look at the page before saving, saves,
 * and waits until the API holds the mark.
 */
export async function markAndSave(
  page: Page,
  server: RunningServer,
  sessionId: string,
  who: RollEntry,
  mark: RollMark,
  beforeSave: () => Promise<void> = async () => undefined,
): Promise<void> {
  const row = page.getByRole('group', { name: who.displayName });
  await row.getByRole('button', { name: mark, exact: true }).click();
  await expect.poll(() => row.getByRole('button', { name: mark, exact: true }).getAttribute('aria-pressed')).toBe('true');
  await beforeSave();
  await page.getByRole('button', { name: 'Save roll' }).click();
  await expect
    .poll(async () => (await readRoll(page, server, sessionId)).entries.find((e) => e.participantId === who.participantId)?.status)
    .toBe(mark.toLowerCase());
}
