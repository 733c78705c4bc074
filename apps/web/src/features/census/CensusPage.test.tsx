import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { addDays, type WeekTense } from '@trellis/core';
import { AuthProvider } from '../../app/auth-context.tsx';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { fakeServer, renderPage } from '../../test/render.tsx';
import { ALEX, DIRECTOR, PROGRAM_ID, program, TRACK_ID } from '../../test/fixtures.ts';
import { CensusPage } from './CensusPage.tsx';
import { makeUpAnswer } from './make-up.fixtures.ts';

const me = { ...DIRECTOR, permissions: [...DIRECTOR.permissions, 'census.read' as const] };

function openCensusOf(
  monday: string,
  tense: WeekTense,
  today: string,
  options: { who?: typeof me; status?: 'short' | 'at-risk' | 'on-track'; extra?: Parameters<typeof fakeServer>[number] } = {},
) {
  const minutes = { attended: 360, scheduled: 180 };
  const server = fakeServer(
    (r) => (r.url.startsWith('/api/v1/me') ? { body: options.who ?? me } : undefined),
    ...(options.extra ? [options.extra] : []),
    (r) => (r.url.startsWith('/api/v1/programs') ? { body: { items: [program] } } : undefined),
    (r) =>
      r.url.startsWith('/api/v1/census')
        ? {
            body: {
              week: { monday, sunday: addDays(monday, 6), timeZone: 'America/New_York', today, tense },
              counts: { met: 0, onTrack: 0, atRisk: 0, short: 1, rollsNotTaken: 0 },
              rows: [
                {
                  participantId: ALEX,
                  displayName: 'Alex Rivera',
                  episodeId: 'e-1',
                  programId: PROGRAM_ID,
                  programName: 'Adult IOP',
                  trackId: TRACK_ID,
                  trackName: 'Evening',
                  primaryClinicianId: null,
                  primaryClinicianName: null,
                  ledger: {
                    weekMonday: monday,
                    attendedMinutes: minutes.attended,
                    scheduledMinutes: minutes.scheduled,
                    unrecordedMinutes: 0,
                    projectedMinutes: minutes.attended + minutes.scheduled,
                    requiredMinutes: 540,
                    attendedHours: 6,
                    scheduledHours: 3,
                    unrecordedHours: 0,
                    projectedHours: 9,
                    requiredHours: 9,
                    maxHours: null,
                    daysMeetingPerDiem: 2,
                    offeredMinutes: 540,
                    cancelledMinutes: 0,
                    rollsNotTaken: 0,
                    partialWeek: false,
                    programCaused: false,
                    reason: 'absent Wed; 1 session left, 3 h at most',
                    overMax: false,
                    status: options.status ?? 'short',
                  },
                  services: { required: 3, booked: 1, due: 2, missing: 0 },
                },
              ],
            },
          }
        : undefined,
    (r) => (r.url.startsWith('/api/v1/') ? { body: { items: [] } } : undefined),
  );
  renderPage(
    <AuthProvider>
      <RequireAuth>
        <CensusPage />
      </RequireAuth>
    </AuthProvider>,
    { path: '/census', at: `/census?week=${monday}` },
  );
  return server;
}

// The browser stands on a known Wednesday (only Date is faked; timers run as usual); the page must not go by it.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-18T15:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the census of a week', () => {
  it('speaks of a week that is over in the past tense, with nothing projected', async () => {
    openCensusOf('2024-01-08', 'past', '2026-11-18');
    expect(await screen.findByText('Hours that week', undefined, { timeout: 8000 })).toBeTruthy();
    expect(screen.getByText(/hours in that program week against what their level of care required/)).toBeTruthy();
    expect(screen.getByText(/The week is over/)).toBeTruthy();
    expect(screen.queryByText(/projected/i)).toBeNull();
  });

  it('speaks of the week under way in the present tense', async () => {
    openCensusOf('2026-11-16', 'current', '2026-11-18');
    expect(await screen.findByText('Hours this week', undefined, { timeout: 8000 })).toBeTruthy();
    expect(screen.getAllByText(/projected/).length).toBeGreaterThan(0);
  });

  it('counts each participant’s required appointments still due this week', async () => {
    openCensusOf('2026-11-16', 'current', '2026-11-18');
    expect(await screen.findByRole('columnheader', { name: 'Appointments' }, { timeout: 8000 })).toBeTruthy();
    expect(screen.getAllByText('2 due').length).toBeGreaterThan(0);
    expect(screen.getAllByText('1 of 3 booked').length).toBeGreaterThan(0);
  });

  it('takes the tense from the server, whose clock and site zone decide, not from the browser’s clock', async () => {
    // The browser still thinks it is Wednesday of this week; the server says the week is over where the site is.
    openCensusOf('2026-11-16', 'past', '2026-11-23');
    expect(await screen.findByText('Hours that week', undefined, { timeout: 8000 })).toBeTruthy();
    expect(screen.getByText(/The week is over/)).toBeTruthy();
    expect(screen.queryByText(/projected/i)).toBeNull();
  });

  it('speaks of a week to come as that week, though the browser’s clock is already in it', async () => {
    openCensusOf('2026-11-23', 'future', '2026-11-22');
    expect(await screen.findByText(/hours in that program week against what their level of care requires/, undefined, { timeout: 8000 })).toBeTruthy();
    expect(screen.getAllByText(/projected/).length).toBeGreaterThan(0);
  });
});

describe('make-ups from the census', () => {
  const booker = { ...me, permissions: [...me.permissions, 'session.write' as const, 'attendance.read' as const] };
  const makeUpOptions = { ...makeUpAnswer, siteId: null, ledger: null, options: makeUpAnswer.options.slice(0, 1) };

  it('offers a make-up on an at-risk row of the week under way, books it, and the census updates', async () => {
    const user = userEvent.setup();
    const server = openCensusOf('2026-11-16', 'current', '2026-11-18', {
      who: booker,
      status: 'at-risk',
      extra: (r) =>
        r.url.startsWith(`/api/v1/participants/${ALEX}/make-up-options`)
          ? { body: makeUpOptions }
          : r.method === 'POST'
            ? { status: 201, body: { sessionId: makeUpOptions.options[0]!.sessionId, participantId: ALEX, episodeId: 'e-1', booked: true, ledger: null } }
            : undefined,
    });
    await user.click(await screen.findByRole('button', { name: 'Make-up for Alex Rivera' }, { timeout: 8000 }));
    await user.click(await screen.findByRole('button', { name: /Book Evening group/ }));
    const censusReads = () => server.requests.filter((r) => r.url.startsWith('/api/v1/census')).length;
    const before = censusReads();
    await user.click(screen.getByRole('button', { name: 'Book make-up' }));
    await waitFor(() => expect(censusReads()).toBeGreaterThan(before));
    expect(server.requests.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual([`/api/v1/sessions/${makeUpOptions.options[0]!.sessionId}/guests`]);
  });

  it.each([
    { what: 'a week that is over', tense: 'past' as const, monday: '2026-11-09', who: booker, status: 'short' as const },
    { what: 'someone who may not book sessions', tense: 'current' as const, monday: '2026-11-16', who: me, status: 'at-risk' as const },
    { what: 'a week on track', tense: 'current' as const, monday: '2026-11-16', who: booker, status: 'on-track' as const },
  ])('offers no make-up for $what', async ({ tense, monday, who, status }) => {
    openCensusOf(monday, tense, '2026-11-18', { who, status });
    expect(await screen.findByText('Alex Rivera', undefined, { timeout: 8000 })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Make-up for/ })).toBeNull();
  });
});
