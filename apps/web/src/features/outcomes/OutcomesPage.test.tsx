import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AcknowledgementReport, OutcomesReport } from '@trellis/core';
import { AuthProvider } from '../../app/auth-context.tsx';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { fakeServer, renderPage } from '../../test/render.tsx';
import { DIRECTOR, PROGRAM_ID, program } from '../../test/fixtures.ts';
import { OutcomesPage } from './OutcomesPage.tsx';
import { formatChange, formatShare, formatWait } from './outcome-format.ts';

const me = { ...DIRECTOR, permissions: [...DIRECTOR.permissions, 'outcomes.read' as const] };

const phq = {
  instrument: 'phq-9' as const,
  shortName: 'PHQ-9',
  scored: 14,
  noBaseline: 1,
  singleScore: 1,
  measured: 12,
  reliableImprovement: { count: 7, of: 12 },
  reliableDeterioration: { count: 1, of: 12 },
  response: { count: 5, of: 10 },
  remission: { count: 3, of: 10 },
  meanChange: -6.42,
  meanBaseline: 16.5,
  meanLatest: 10.08,
};
const audit = { ...phq, instrument: 'audit' as const, shortName: 'AUDIT', reliableImprovement: null, reliableDeterioration: null, response: null, remission: null };

function report(overrides: Partial<OutcomesReport> = {}): OutcomesReport {
  return {
    status: 'discharged',
    groupBy: 'program',
    period: { from: '2025-11-19', to: '2026-11-18' },
    today: '2026-11-18',
    baselineWindowDays: 14,
    groups: [{ id: PROGRAM_ID, name: 'Adult IOP', programName: null, episodes: 15, instruments: [phq, audit] }],
    total: { episodes: 15, instruments: [phq, audit] },
    ...overrides,
  };
}

const ack: AcknowledgementReport = {
  period: 'week',
  from: '2026-08-27',
  to: '2026-11-18',
  today: '2026-11-18',
  programs: [
    {
      programId: PROGRAM_ID,
      programName: 'Adult IOP',
      periods: [{ periodStart: '2026-11-16', alerts: 3, acknowledged: 2, unacknowledged: 1, medianSeconds: 720, p90Seconds: 3900 }],
      total: { alerts: 3, acknowledged: 2, unacknowledged: 1, medianSeconds: 720, p90Seconds: 3900 },
    },
  ],
  total: { alerts: 3, acknowledged: 2, unacknowledged: 1, medianSeconds: 720, p90Seconds: 3900 },
};

function open(outcomes: (url: string) => OutcomesReport, at = '/outcomes') {
  const server = fakeServer(
    (r) => (r.url.startsWith('/api/v1/me') ? { body: me } : undefined),
    (r) => (r.url.startsWith('/api/v1/programs') ? { body: { items: [program] } } : undefined),
    (r) => (r.url.startsWith('/api/v1/outcomes/time-to-acknowledgement') ? { body: ack } : undefined),
    (r) => (r.url.startsWith('/api/v1/outcomes') ? { body: outcomes(r.url) } : undefined),
  );
  renderPage(
    <AuthProvider>
      <RequireAuth>
        <OutcomesPage />
      </RequireAuth>
    </AuthProvider>,
    { path: '/outcomes', at },
  );
  return server;
}

describe('the outcomes page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows each figure with the number of participants behind it, and a dash where a measure defines none', async () => {
    open(() => report());
    const table = await screen.findByRole('table', { name: 'Outcomes by Program' });
    const phqRow = within(table).getByRole('row', { name: /PHQ-9/ });
    expect(phqRow.textContent).toContain('12 of 14');
    expect(phqRow.textContent).toContain('7 of 12 (58%)');
    expect(phqRow.textContent).toContain('5 of 10 (50%)');
    expect(phqRow.textContent).toContain('−6.4');
    expect(within(table).getByRole('row', { name: /AUDIT/ }).textContent).toContain('————');
    expect(screen.getByText(/15 participants discharged/)).toBeTruthy();
  });

  it('asks the server again when the grouping changes, and keeps the choice in the address', async () => {
    const server = open((url) => report(url.includes('groupBy=track') ? { groupBy: 'track', groups: [{ id: 't1', name: 'Evening', programName: 'Adult IOP', episodes: 15, instruments: [phq] }] } : {}));
    await screen.findByRole('table', { name: 'Outcomes by Program' });
    await userEvent.click(screen.getByRole('radio', { name: 'Track' }));
    const table = await screen.findByRole('table', { name: 'Outcomes by Track' });
    expect(within(table).getByText('Evening')).toBeTruthy();
    expect(server.requests.some((r) => r.url.includes('groupBy=track'))).toBe(true);
  });

  it('says plainly when nobody was discharged in the period', async () => {
    open(() => report({ groups: [], total: { episodes: 0, instruments: [] } }));
    expect(await screen.findByText('Nobody was discharged in this period')).toBeTruthy();
    expect(screen.queryByRole('table', { name: /Outcomes by/ })).toBeNull();
  });

  it('active participants take no period', async () => {
    const server = open(() => report({ status: 'active', period: null }), '/outcomes?status=active&from=2026-01-01');
    await screen.findByText(/active today/);
    expect(screen.queryByLabelText('Discharged from')).toBeNull();
    const asked = server.requests.filter((r) => r.url.startsWith('/api/v1/outcomes?'));
    expect(asked.every((r) => !r.url.includes('from='))).toBe(true);
  });

  it('shows time to acknowledgement with the alerts still open', async () => {
    open(() => report());
    const table = await screen.findByRole('table', { name: 'Time to acknowledge safety alerts' });
    await waitFor(() => expect(within(table).getByText('12 min')).toBeTruthy());
    expect(within(table).getByText('1 h 5 min')).toBeTruthy();
    expect(within(table).getByText(/Adult IOP: 3 alerts/)).toBeTruthy();
  });
});

describe('outcome wording', () => {
  it.each([
    [null, '—'],
    [{ count: 0, of: 0 }, 'none measured'],
    [{ count: 1, of: 3 }, '1 of 3 (33%)'],
  ])('share %j → %s', (share, words) => expect(formatShare(share)).toBe(words));
  it.each([
    [-6.42, '−6.4'],
    [2, '+2'],
    [0.01, '0'],
    [null, '—'],
  ])('change %s → %s', (change, words) => expect(formatChange(change)).toBe(words));
  it.each([
    [45, '45 s'],
    [720, '12 min'],
    [3600, '1 h'],
    [3900, '1 h 5 min'],
    [2 * 86400 + 4 * 3600, '2 d 4 h'],
    [null, '—'],
  ])('wait %s s → %s', (seconds, words) => expect(formatWait(seconds)).toBe(words));
});
