import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import type { NotesAttention, PlanReviewsDue } from '@trellis/core';
import { AuthProvider } from '../../app/auth-context.tsx';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { fakeServer, renderPage } from '../../test/render.tsx';
import { DIRECTOR } from '../../test/fixtures.ts';
import { SupervisionPage } from './SupervisionPage.tsx';

const EP = '11111111-1111-4111-8111-111111111111';
const NOTE = '22222222-2222-4222-8222-222222222222';
const summary = {
  id: NOTE,
  episodeId: EP,
  participantId: '33333333-3333-4333-8333-333333333333',
  kind: 'individual' as const,
  privacy: 'record' as const,
  format: 'dap' as const,
  sessionId: null,
  startsAt: '2026-11-16T15:00:00Z',
  endsAt: '2026-11-16T16:00:00Z',
  durationMinutes: 60,
  timeZone: 'America/New_York',
  status: 'draft' as const,
  author: { id: 'u-intern', name: 'Ira Intern' },
  signedAt: null,
  lateEntry: false,
  cosignature: null,
  addendumCount: 0,
  version: 1,
};
const attention: NotesAttention = {
  overdue: [{ ...summary, participantName: 'Rowan Synthetic', dueAt: '2026-11-17T16:00:00Z' }],
  cosignPending: [],
};
const reviews: PlanReviewsDue = {
  today: '2026-11-18',
  rows: [
    {
      episodeId: EP,
      participantId: summary.participantId,
      displayName: 'Rowan Synthetic',
      programName: 'Adult IOP',
      planVersion: 1,
      primaryClinician: { id: 'u-intern', name: 'Ira Intern' },
      dueOn: '2026-10-31',
      reason: 'cycle',
      state: 'overdue',
    },
  ],
};

const ASSESSMENT = '44444444-4444-4444-8444-444444444444';
const unsigned = {
  rows: [
    {
      id: ASSESSMENT,
      participantId: null,
      episodeId: null,
      displayName: 'Casey Asker',
      author: { id: 'u-intake', name: 'Indy Intake' },
      startedAt: '2026-11-16T15:00:00.000Z',
      updatedAt: '2026-11-17T15:00:00.000Z',
    },
  ],
};

function open(answers: { attention?: unknown; reviews?: unknown; failing?: boolean; unsigned?: unknown }) {
  fakeServer(
    (r) => (r.url.startsWith('/api/v1/me') ? { body: DIRECTOR } : undefined),
    (r) => (r.url === '/api/v1/notes/attention' ? (answers.failing ? { status: 500, body: { title: 'Server error', status: 500 } } : { body: answers.attention }) : undefined),
    (r) => (r.url === '/api/v1/treatment-plans/reviews-due' ? { body: answers.reviews } : undefined),
    (r) => (r.url === '/api/v1/intake-assessments/unsigned' ? { body: answers.unsigned ?? { rows: [] } } : undefined),
  );
  renderPage(
    <AuthProvider>
      <RequireAuth>
        <SupervisionPage />
      </RequireAuth>
    </AuthProvider>,
    { path: '/supervision', at: '/supervision' },
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('supervision page', () => {
  it('lists overdue notes and plan reviews, each row opening its item, and says what is empty', async () => {
    open({ attention, reviews, unsigned });
    const overdue = await screen.findByRole('region', { name: 'Notes past their deadline' });
    const link = await within(overdue).findByRole('link', { name: /Open Individual note, .* of Rowan Synthetic/ });
    expect(link.getAttribute('href')).toBe(`/episodes/${EP}/notes?note=${NOTE}`);
    expect(within(overdue).getByText('Ira Intern')).toBeTruthy();
    const cosign = screen.getByRole('region', { name: 'Co-signatures pending' });
    expect(within(cosign).getByText(/No supervisee’s note is waiting/)).toBeTruthy();
    const plans = screen.getByRole('region', { name: 'Plan reviews due' });
    const plan = await within(plans).findByRole('link', { name: 'Open Rowan Synthetic’s treatment plan' });
    expect(plan.getAttribute('href')).toBe(`/episodes/${EP}/treatment-plan`);
    expect(within(plans).getByText('Overdue')).toBeTruthy();
    const assessments = screen.getByRole('region', { name: 'Assessments unsigned' });
    const assessment = await within(assessments).findByRole('link', { name: 'Open Casey Asker’s intake assessment' });
    expect(assessment.getAttribute('href')).toBe(`/intake-assessments/${ASSESSMENT}`);
    expect(within(assessments).getByText('Indy Intake')).toBeTruthy();
  });

  it('shows a list that failed to load with a retry while the other answers', async () => {
    open({ failing: true, reviews: { today: '2026-11-18', rows: [] } });
    expect(await screen.findByText(/No plan review is due/)).toBeTruthy();
    expect(await screen.findByText('Every intake assessment is signed.')).toBeTruthy();
    expect(await screen.findByText('Could not load notes past their deadline', {}, { timeout: 10_000 })).toBeTruthy();
  });
});
