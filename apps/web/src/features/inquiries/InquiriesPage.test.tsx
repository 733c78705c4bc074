import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthProvider } from '../../app/auth-context.tsx';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { fakeServer, renderPage } from '../../test/render.tsx';
import { DIRECTOR } from '../../test/fixtures.ts';
import { InquiriesPage } from './InquiriesPage.tsx';

const inquiry = {
  id: '5d7c8a0e-1f2b-4c3d-8e9f-0a1b2c3d4e5f',
  status: 'new',
  source: 'web_form',
  name: 'Jordan Fielding',
  phone: '555-010-0142',
  email: null,
  preferredContact: 'text',
  programId: null,
  programName: 'Adult Mental Health IOP',
  payer: 'commercial',
  message: 'Evenings work best.',
  notes: null,
  nextStep: null,
  participantId: null,
  episodeId: null,
  referredTo: null,
  referralReason: null,
  createdAt: '2026-11-18T12:00:00.000Z',
  updatedAt: '2026-11-18T12:00:00.000Z',
  version: 1,
};
const counts = { new: 1, contacted: 2, screening: 0, assessment_scheduled: 0, admitted: 0, referred_elsewhere: 0, closed: 0 };

afterEach(() => vi.unstubAllGlobals());

describe('the inquiries board', () => {
  it('shows a column with its counts, and moves an inquiry with a next step', async () => {
    const user = userEvent.setup();
    const server = fakeServer(
      (r) => (r.url.startsWith('/api/v1/me') ? { body: { ...DIRECTOR, permissions: ['inquiry.read', 'inquiry.write', 'intake-assessment.read'] } } : undefined),
      (r) =>
        r.method === 'GET' && r.url === '/api/v1/inquiries?status=new' ? { body: { counts, items: [inquiry], nextCursor: null } } : undefined,
      (r) => (r.url.startsWith('/api/v1/inquiries/pipeline') ? { body: { from: '2026-08-21', to: '2026-11-18', figures: [] } } : undefined),
      (r) => (r.method === 'GET' && r.url === '/api/v1/inquiries?status=contacted' ? { body: { counts, items: [], nextCursor: null } } : undefined),
      (r) => (r.method === 'PATCH' ? { body: { ...inquiry, status: 'contacted', nextStep: 'Call back Thursday', version: 2 } } : undefined),
    );
    renderPage(
      <AuthProvider>
        <RequireAuth>
          <InquiriesPage />
        </RequireAuth>
      </AuthProvider>,
      { path: '/inquiries', at: '/inquiries' },
    );
    const card = await screen.findByRole('article', { name: 'Jordan Fielding' });
    expect(within(card).getByText(/555-010-0142 — prefers text message/)).toBeTruthy();
    expect(within(card).getByText('“Evenings work best.”')).toBeTruthy();
    const assessment = within(card).getByRole('link', { name: 'Intake assessment of Jordan Fielding' });
    expect(assessment.getAttribute('href')).toBe(`/inquiries/${inquiry.id}/intake-assessments`);
    expect(screen.getByRole('tab', { name: /Contacted/ }).textContent).toContain('2');

    await user.click(within(card).getAllByLabelText('Status')[0]!);
    await user.click(await screen.findByRole('option', { name: 'Contacted', hidden: true }));
    await user.type(within(card).getByLabelText('Next step'), 'Call back Thursday');
    await user.click(within(card).getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(server.requests.some((r) => r.method === 'PATCH')).toBe(true));
    expect(server.requests.find((r) => r.method === 'PATCH')).toMatchObject({
      url: `/api/v1/inquiries/${inquiry.id}`,
      body: { version: 1, status: 'contacted', nextStep: 'Call back Thursday', notes: '' },
    });

    await user.click(screen.getByRole('tab', { name: /Contacted/ }));
    expect(await screen.findByText('No inquiries here.')).toBeTruthy();
  });
});
