import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import type { CheckInList, StoredCheckIn } from '@trellis/core';
import { fakeServer, renderPage } from '../../test/render.tsx';
import { CheckInTrends } from './CheckInTrends.tsx';

const PARTICIPANT = '11111111-1111-4111-8111-111111111111';
const checkIn = (n: number, day: string, over: Partial<StoredCheckIn> = {}): StoredCheckIn => ({
  id: `22222222-2222-4222-8222-22222222222${n}`,
  participantId: PARTICIPANT,
  episodeId: '33333333-3333-4333-8333-333333333333',
  mood: 4,
  anxiety: 6,
  craving: 3,
  sleepHours: 6.5,
  anyUse: false,
  substancesUsed: null,
  selfHarmThoughts: false,
  note: null,
  source: 'staff',
  enteredBy: 'u-1',
  checkedInAt: `${day}T14:00:00.000Z`,
  safetyAlertId: null,
  ...over,
});

function open(body: CheckInList | { status: number; body: unknown }) {
  fakeServer((r) =>
    r.url.startsWith(`/api/v1/participants/${PARTICIPANT}/check-ins`) ? ('status' in body ? body : { body }) : undefined,
  );
  renderPage(<CheckInTrends participantId={PARTICIPANT} />, { path: '/participants/:id', at: `/participants/${PARTICIPANT}` });
}

describe('check-in trends on the participant page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('summarises the chart in words and lists every check-in, newest first, with use marked', async () => {
    // The API lists newest first.
    open({
      items: [
        checkIn(3, '2026-11-17', { mood: 7, anxiety: 3, craving: 1, sleepHours: 8 }),
        checkIn(2, '2026-11-16', { anyUse: true, substancesUsed: 'alcohol', craving: 8 }),
        checkIn(1, '2026-11-15'),
      ],
    });
    const chart = await screen.findByRole('img', { name: /Charts of daily check-ins/ });
    const label = chart.getAttribute('aria-label')!;
    expect(label).toContain('3 check-ins');
    expect(label).toContain('latest mood 7, anxiety 3, craving 1 out of 10, 8 hours of sleep');
    expect(label).toContain('use reported on 1 of them');
    const rows = within(screen.getByRole('table', { name: 'Daily check-ins' })).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(within(rows[0]!).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'When',
      'Mood',
      'Anxiety',
      'Craving',
      'Sleep (hours)',
      'Any use',
    ]);
    const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((c) => c.textContent);
    expect(cells(rows[1]!).slice(1)).toEqual(['7', '3', '1', '8', 'no']);
    expect(cells(rows[2]!).slice(1)).toEqual(['4', '6', '8', '6.5', 'yes: alcohol']);
    expect(cells(rows[3]!).slice(1)).toEqual(['4', '6', '3', '6.5', 'no']);
  });

  it('says when there are no check-ins yet', async () => {
    open({ items: [] });
    expect(await screen.findByText('No check-ins yet')).toBeTruthy();
  });

  it('offers a retry when the check-ins cannot be loaded', async () => {
    open({ status: 500, body: { title: 'Server error' } });
    expect(await screen.findByText('Check-ins could not be loaded')).toBeTruthy();
  });
});
