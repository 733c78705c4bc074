import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { placementId, type ProposedPlacement, type ScheduleRun } from '@trellis/core';
import { fakeServer, renderPage } from '../../test/render.tsx';
import { PROGRAM_ID as PROGRAM, program } from '../../test/fixtures.ts';
import { AutoSchedulePage } from './AutoSchedulePage.tsx';
import { groupPlacements } from './selection.ts';

const RUN_ID = '99999999-9999-4999-8999-999999999999';
const placement = (participant: string, clinician: string, startsAt: string, kind: ProposedPlacement['kind'] = 'individual'): ProposedPlacement => ({
  id: placementId({ participantId: `p-${participant}`, kind, startsAt }),
  programId: PROGRAM,
  participantId: `p-${participant}`,
  participantName: participant,
  kind,
  clinicianId: `c-${clinician}`,
  clinicianName: clinician,
  siteId: '55555555-5555-4555-8555-555555555555',
  roomId: 'r-1',
  roomName: 'Cedar',
  startsAt,
  endsAt: new Date(Date.parse(startsAt) + 53 * 60_000).toISOString(),
});

const PLACEMENTS = [
  placement('Ana Example', 'Casey Clinician', '2026-11-24T15:00:00.000Z'),
  placement('Ben Example', 'Casey Clinician', '2026-11-23T14:00:00.000Z', 'family'),
  placement('Ana Example', 'Pat Prescriber', '2026-11-24T18:00:00.000Z', 'psychiatry'),
];

function run(overrides: Partial<ScheduleRun>): ScheduleRun {
  return {
    id: RUN_ID,
    status: 'solved',
    programId: null,
    weekMonday: '2026-11-23',
    createdAt: '2026-11-18T15:00:00.000Z',
    proposal: {
      timeZone: 'America/New_York',
      placements: PLACEMENTS,
      unplaced: [
        {
          programId: PROGRAM,
          participantId: 'p-Cleo',
          participantName: 'Cleo Example',
          kind: 'psychiatry',
          count: 1,
          reason: 'clinician_at_max',
          explanation: 'The clinicians who could see them are at their daily limit whenever both are free.',
        },
      ],
      provenOptimal: true,
    },
    error: null,
    result: null,
    progress: { phase: 'done', done: null, total: null, site: 1, sites: 1 },
    ...overrides,
  };
}

const programs = { items: [program] };

afterEach(() => vi.unstubAllGlobals());

describe('groupPlacements', () => {
  it('groups by clinician or participant, names in order, each group in time order', () => {
    const byClinician = groupPlacements(PLACEMENTS, 'clinician');
    expect(byClinician.map((g) => [g.name, g.items.map((p) => p.participantName)])).toEqual([
      ['Casey Clinician', ['Ben Example', 'Ana Example']],
      ['Pat Prescriber', ['Ana Example']],
    ]);
    const byParticipant = groupPlacements(PLACEMENTS, 'participant');
    expect(byParticipant.map((g) => [g.name, g.items.map((p) => p.kind)])).toEqual([
      ['Ana Example', ['individual', 'psychiatry']],
      ['Ben Example', ['family']],
    ]);
  });
});

describe('auto-schedule next week', () => {
  it('starts a run, shows it solving, then the proposal with each unplaced participant’s reason; accepts after confirming', async () => {
    let polls = 0;
    const server = fakeServer(
      (r) => (r.url.startsWith('/api/v1/programs') ? { body: programs } : undefined),
      (r) => (r.method === 'POST' && r.url === '/api/v1/schedule-runs' ? { status: 202, body: { id: RUN_ID, status: 'queued' } } : undefined),
      (r) =>
        r.method === 'POST' && r.url === `/api/v1/schedule-runs/${RUN_ID}/accept`
          ? {
              body: run({
                status: 'accepted',
                result: {
                  booked: PLACEMENTS.slice(1).map((p, i) => ({ appointmentId: `a-${i}`, participantId: p.participantId, kind: p.kind, startsAt: p.startsAt })),
                  conflicts: [{ ...PLACEMENTS[0]!, message: 'Not free at Tue 24 Nov 10:00–10:53: Casey Clinician has a individual therapy appointment.' }],
                },
              }),
            }
          : undefined,
      (r) => {
        if (r.method !== 'GET' || !r.url.startsWith(`/api/v1/schedule-runs/${RUN_ID}`)) return undefined;
        polls += 1;
        const building = { phase: 'building-network', done: null, total: null, site: 1, sites: 1 } as const;
        return { body: polls === 1 ? run({ status: 'queued', proposal: null, progress: building }) : run({}) };
      },
    );
    const { queryClient } = renderPage(<AutoSchedulePage />, { path: '/auto-schedule', at: '/auto-schedule' });
    fireEvent.click(await screen.findByRole('button', { name: 'Start a run' }));
    await waitFor(() => expect(server.requests.some((r) => r.method === 'POST' && r.url === '/api/v1/schedule-runs')).toBe(true));
    expect(server.requests.find((r) => r.method === 'POST')!.body).toEqual({ programId: null });
    expect(await screen.findByText('Solving the week…')).toBeTruthy();
    expect(screen.getByText(/^Building the network · \d+ s elapsed$/)).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Run progress: Building the network' }).getAttribute('aria-valuenow')).toBe('23');
    // The page asks again while the run is queued.
    await queryClient.refetchQueries({ queryKey: ['schedule-runs', RUN_ID] });

    expect(await screen.findByText('3 appointments placed; 1 could not be.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Casey Clinician' })).toBeTruthy();
    expect(screen.getByText('The clinicians who could see them are at their daily limit whenever both are free.')).toBeTruthy();
    expect(screen.getByText('Cleo Example')).toBeTruthy();

    fireEvent.click(screen.getByText('By participant'));
    expect(await screen.findByRole('heading', { name: 'Ana Example' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Casey Clinician' })).toBeNull();

    expect(screen.getByText('3 of 3 chosen')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Book 3 chosen' }));
    const dialog = await screen.findByRole('dialog');
    expect(server.requests.some((r) => r.url.endsWith('/accept'))).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Book 3 appointments' }));
    await waitFor(() => expect(server.requests.some((r) => r.url.endsWith('/accept'))).toBe(true));
    expect(server.requests.find((r) => r.url.endsWith('/accept'))!.body).toEqual({ placementIds: PLACEMENTS.map((p) => p.id) });
    expect(await screen.findByText('Week booked')).toBeTruthy();
    expect(screen.getByText(/2 appointments booked; 1 not booked/)).toBeTruthy();
    expect(screen.getByText(/Casey Clinician has a individual therapy appointment/)).toBeTruthy();
    // The clash is not booked: it may be chosen again; the booked ones are marked.
    expect(screen.getAllByText('Booked')).toHaveLength(2);
    expect(screen.getByText('0 of 1 chosen')).toBeTruthy();
  });

  it('books only what is chosen: one appointment, a clinician’s week, or all but one', async () => {
    const server = fakeServer(
      (r) => (r.url.startsWith('/api/v1/programs') ? { body: programs } : undefined),
      (r) => (r.method === 'POST' && r.url === '/api/v1/schedule-runs' ? { status: 202, body: { id: RUN_ID, status: 'queued' } } : undefined),
      (r) =>
        r.method === 'POST' && r.url.endsWith('/accept')
          ? { status: 409, body: { type: 'about:blank', title: 'Conflict', status: 409, detail: 'Some of these placements were accepted already.' } }
          : undefined,
      (r) => (r.method === 'GET' && r.url.startsWith(`/api/v1/schedule-runs/${RUN_ID}`) ? { body: run({}) } : undefined),
    );
    renderPage(<AutoSchedulePage />, { path: '/auto-schedule', at: '/auto-schedule' });
    fireEvent.click(await screen.findByRole('button', { name: 'Start a run' }));
    await screen.findByText('3 of 3 chosen');

    // Nothing chosen: nothing to book.
    fireEvent.click(screen.getByLabelText('Choose every appointment'));
    expect(screen.getByText('0 of 3 chosen')).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Book 0 chosen' }).disabled).toBe(true);

    // Casey Clinician's week, by the group's box, then one of Pat's by its own.
    fireEvent.click(screen.getByLabelText('Choose every appointment of Casey Clinician'));
    expect(screen.getByText('2 of 3 chosen')).toBeTruthy();
    fireEvent.click(screen.getByLabelText(/^Book psychiatry for Ana Example with Pat Prescriber/));
    expect(screen.getByText('3 of 3 chosen')).toBeTruthy();
    // By participant: unchoosing Ben's week leaves Ana's two.
    fireEvent.click(screen.getByText('By participant'));
    fireEvent.click(await screen.findByLabelText('Choose every appointment of Ben Example'));
    expect(screen.getByText('2 of 3 chosen')).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('Choose every appointment').indeterminate).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Book 2 chosen' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Book 2 appointments' }));
    await waitFor(() => expect(server.requests.some((r) => r.url.endsWith('/accept'))).toBe(true));
    expect(server.requests.find((r) => r.url.endsWith('/accept'))!.body).toEqual({ placementIds: [PLACEMENTS[0]!.id, PLACEMENTS[2]!.id] });
    // A refusal is shown in the dialog, which stays open.
    expect(await within(screen.getByRole('dialog')).findByText('Some of these placements were accepted already.')).toBeTruthy();
  });

  it('runs one program when one is chosen, and shows why a start was refused', async () => {
    const server = fakeServer(
      (r) => (r.url.startsWith('/api/v1/programs') ? { body: programs } : undefined),
      (r) =>
        r.method === 'POST' && r.url === '/api/v1/schedule-runs'
          ? { status: 403, body: { type: 'about:blank', title: 'Not allowed', status: 403, detail: 'You do not have access to this.' } }
          : undefined,
    );
    const user = userEvent.setup();
    renderPage(<AutoSchedulePage />, { path: '/auto-schedule', at: '/auto-schedule' });
    await user.click((await screen.findAllByLabelText(/^Schedule/))[0]!);
    await user.click(await screen.findByRole('option', { name: 'Adult IOP', hidden: true }));
    await user.click(screen.getByRole('button', { name: 'Start a run' }));
    expect(await screen.findByText('You do not have access to this.')).toBeTruthy();
    expect(server.requests.find((r) => r.method === 'POST')!.body).toEqual({ programId: PROGRAM });
  });
});

describe('a run over sites in different time zones', () => {
  it('shows each placement at its own site’s local time, not the proposal’s first zone', async () => {
    const newYork = { id: PLACEMENTS[0]!.siteId, name: 'Riverside', timeZone: 'America/New_York', address: null, version: 1 };
    fakeServer(
      (r) => (r.url.startsWith('/api/v1/programs') ? { body: programs } : undefined),
      (r) => (r.url.startsWith('/api/v1/sites') ? { body: { items: [newYork] } } : undefined),
      (r) => (r.method === 'POST' && r.url === '/api/v1/schedule-runs' ? { status: 202, body: { id: RUN_ID, status: 'queued' } } : undefined),
      // The proposal's one zone is another site's (its first program is at a Los Angeles site).
      (r) => (r.method === 'GET' && r.url.startsWith(`/api/v1/schedule-runs/${RUN_ID}`) ? { body: run({ proposal: { ...run({}).proposal!, timeZone: 'America/Los_Angeles' } }) } : undefined),
    );
    renderPage(<AutoSchedulePage />, { path: '/auto-schedule', at: '/auto-schedule' });
    fireEvent.click(await screen.findByRole('button', { name: 'Start a run' }));
    expect(await screen.findByText('3 appointments placed; 1 could not be.')).toBeTruthy();
    // 2026-11-24T15:00Z is 10:00 in New York (07:00 in Los Angeles).
    await waitFor(() => expect(screen.getByRole('checkbox', { name: /Ana Example with Casey Clinician, .*10:00/ })).toBeTruthy());
    expect(screen.queryByRole('checkbox', { name: /Ana Example with Casey Clinician, .*07:00/ })).toBeNull();
  });
});
