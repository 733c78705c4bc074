import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthProvider } from '../../app/auth-context.tsx';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { fakeServer, renderPage } from '../../test/render.tsx';
import { DIRECTOR } from '../../test/fixtures.ts';
import { InquiryAssessmentsPage } from './AssessmentsPage.tsx';

const INQUIRY = '12121212-1212-4212-8212-121212121212';
const NEW_ID = '34343434-3434-4434-8434-343434343434';
const INTAKE = { ...DIRECTOR, role: 'intake' as const, permissions: ['participant.read', 'inquiry.read', 'intake-assessment.read', 'intake-assessment.write'] };
const summary = {
  id: '56565656-5656-4656-8656-565656565656',
  episodeId: null,
  participantId: null,
  inquiryId: INQUIRY,
  status: 'signed',
  author: { id: 'u-intake', name: 'Indy Intake' },
  createdAt: '2026-11-16T15:00:00.000Z',
  updatedAt: '2026-11-16T16:00:00.000Z',
  signedAt: '2026-11-16T16:00:00.000Z',
  addendumCount: 0,
  version: 2,
  flags: [],
};

function open(me: typeof INTAKE) {
  const server = fakeServer(
    (r) => (r.url.startsWith('/api/v1/me') ? { body: me } : undefined),
    (r) =>
      r.url === `/api/v1/inquiries/${INQUIRY}/intake-assessments`
        ? r.method === 'POST'
          ? { status: 201, body: { ...summary, id: NEW_ID, status: 'draft', signedAt: null, version: 1, displayName: 'Casey Asker', content: {}, contentHash: null, intact: null, addenda: [] } }
          : { body: { assessments: [summary] } }
        : undefined,
  );
  const page = renderPage(
    <AuthProvider>
      <RequireAuth>
        <InquiryAssessmentsPage />
      </RequireAuth>
    </AuthProvider>,
    {
      path: '/inquiries/:inquiryId/intake-assessments',
      at: `/inquiries/${INQUIRY}/intake-assessments`,
      routes: [{ path: '/intake-assessments/:assessmentId', element: <p>Assessment opened</p> }],
    },
  );
  return { server, page };
}

afterEach(() => vi.unstubAllGlobals());

describe('an inquiry’s intake assessments', () => {
  it('lists them, each opening the assessment', async () => {
    open(INTAKE);
    const link = await screen.findByRole('link', { name: /2026/ });
    expect(link.getAttribute('href')).toBe(`/intake-assessments/${summary.id}`);
    expect(screen.getByText('Signed')).toBeTruthy();
    expect(screen.getByText('Indy Intake')).toBeTruthy();
  });

  it('starts a draft and opens it', async () => {
    const user = userEvent.setup();
    const { server, page } = open(INTAKE);
    await user.click(await screen.findByRole('button', { name: 'Start an assessment' }));
    expect(await screen.findByText('Assessment opened')).toBeTruthy();
    expect(page.router.state.location.pathname).toBe(`/intake-assessments/${NEW_ID}`);
    expect(server.requests.find((r) => r.method === 'POST')?.body).toEqual({ content: {} });
  });

  it('offers no start button to a reader who may not write', async () => {
    open({ ...INTAKE, permissions: ['participant.read', 'intake-assessment.read'] });
    await screen.findByText('Indy Intake');
    expect(screen.queryByRole('button', { name: 'Start an assessment' })).toBeNull();
  });
});
