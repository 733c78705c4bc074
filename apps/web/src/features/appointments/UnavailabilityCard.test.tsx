import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeServer, renderPage } from '../../test/render.tsx';
import { sent } from '../../test/forms.ts';
import { timeOffRequest } from './TimeOffForm.tsx';
import { UnavailabilityCard } from './UnavailabilityCard.tsx';
import { unavailabilityRequest } from './WeeklyRuleRows.tsx';

const PARTICIPANT = '77777777-7777-4777-8777-777777777777';
const EXCEPTION = '88888888-8888-4888-8888-888888888888';
const URL = `/api/v1/participants/${PARTICIPANT}/unavailability`;
const stored = {
  participantId: PARTICIPANT,
  rules: [{ reason: 'work', weekday: 2, startTime: '09:00', endTime: '13:00' }],
  exceptions: [
    { id: EXCEPTION, startsAt: '2026-11-19T14:00:00.000Z', endsAt: '2026-11-19T16:00:00.000Z', note: 'Court date' },
  ],
  version: 2,
};

function open() {
  const server = fakeServer(
    (r) => (r.method === 'GET' && r.url === URL ? { body: stored } : undefined),
    (r) =>
      r.method === 'PUT' && r.url === URL
        ? {
            body: {
              ...stored,
              rules: [{ reason: 'work', weekday: 2, startTime: '09:00', endTime: '14:00' }],
              version: 3,
            },
          }
        : undefined,
    (r) => (r.method === 'DELETE' ? { body: { ...stored, exceptions: [] } } : undefined),
  );
  renderPage(<UnavailabilityCard participantId={PARTICIPANT} timeZone="America/New_York" canEdit />, {
    path: '/',
    at: '/',
  });
  return server;
}

afterEach(() => vi.unstubAllGlobals());

describe('when a participant cannot come', () => {
  it('turns the forms into requests: weekdays as numbers, local times in the site’s zone', () => {
    expect(
      unavailabilityRequest(
        { rules: [{ reason: 'school', weekday: '3', startTime: '08:00', endTime: '15:00' }] },
        null,
      ),
    ).toEqual({
      rules: [{ reason: 'school', weekday: 3, startTime: '08:00', endTime: '15:00' }],
      version: null,
    });
    expect(
      timeOffRequest(
        { kind: 'leave', fromDate: '2026-11-01', fromTime: '00:00', toDate: '2026-11-01', toTime: '23:59', note: ' ' },
        'America/New_York',
        false,
      ),
    ).toEqual({
      startsAt: '2026-11-01T04:00:00Z',
      endsAt: '2026-11-02T04:59:00Z',
      note: null,
    });
  });

  it('saves the weekly times and shows the merged result the server keeps', async () => {
    const user = userEvent.setup();
    const server = open();
    const to = await screen.findByDisplayValue('13:00');
    await user.click(screen.getByRole('button', { name: 'Add a weekly time' }));
    await user.click(screen.getByRole('button', { name: 'Save weekly times' }));
    expect(await screen.findByDisplayValue('14:00')).toBeTruthy();
    expect(to).toBeTruthy();
    expect(sent(server.requests, 'PUT', URL)).toHaveLength(1);
  });

  it('asks before removing a one-off time, and removes it only on confirmation', async () => {
    const user = userEvent.setup();
    const server = open();
    await user.click(await screen.findByRole('button', { name: /^Remove exception/ }));
    expect(await screen.findByText(/will no longer block bookings/)).toBeTruthy();
    expect(server.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(server.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1));
    expect(await screen.findByText('No one-off times recorded.')).toBeTruthy();
  });
});
