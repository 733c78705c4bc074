import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthProvider } from '../../app/auth-context.tsx';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { fakeServer, renderPage } from '../../test/render.tsx';
import { DIRECTOR } from '../../test/fixtures.ts';
import { CheckInsPage } from './CheckInsPage.tsx';

const PARTICIPANT = '22222222-2222-4222-8222-222222222222';
const EPISODE = '11111111-1111-4111-8111-111111111111';
const CLINICIAN = { ...DIRECTOR, permissions: [...DIRECTOR.permissions, 'measure.read', 'measure.write'] };

const participant = {
  id: PARTICIPANT,
  givenName: 'Robin',
  familyName: 'Example',
  preferredName: null,
  pronouns: null,
  dateOfBirth: '1990-01-01',
  phone: null,
  email: null,
  emergencyContact: null,
  sexForScoring: 'unknown',
  version: 1,
  part2: false,
  episodes: [
    {
      id: EPISODE,
      participantId: PARTICIPANT,
      programId: '33333333-3333-4333-8333-333333333333',
      programName: 'Adult Mental Health IOP',
      levelOfCare: 'iop',
      part2: false,
      admittedOn: '2026-11-02',
      expectedWeeks: 8,
      primaryClinicianId: DIRECTOR.id,
      primaryClinicianName: DIRECTOR.name,
      status: 'active',
      dischargedOn: null,
      disposition: null,
      dischargeNote: null,
      currentTrackId: null,
      currentTrackName: null,
      memberships: [],
      version: 1,
    },
  ],
};

afterEach(() => vi.unstubAllGlobals());

describe('check-ins and links page', () => {
  it('enters a check-in for the open episode and says when it raised a safety alert', async () => {
    const user = userEvent.setup();
    const stored = {
      id: '44444444-4444-4444-8444-444444444444',
      participantId: PARTICIPANT,
      episodeId: EPISODE,
      mood: 5,
      anxiety: 5,
      craving: 0,
      sleepHours: 6,
      anyUse: false,
      substancesUsed: null,
      selfHarmThoughts: true,
      note: null,
      source: 'staff',
      enteredBy: DIRECTOR.id,
      checkedInAt: '2026-11-18T15:00:00.000Z',
      safetyAlertId: '55555555-5555-4555-8555-555555555555',
    };
    const server = fakeServer(
      (r) => (/^\/api\/v1\/me(\?|$)/.test(r.url) ? { body: CLINICIAN } : undefined),
      (r) => (r.url === `/api/v1/participants/${PARTICIPANT}` ? { body: participant } : undefined),
      (r) => (r.url === `/api/v1/participants/${PARTICIPANT}/check-ins` ? { body: { items: [] } } : undefined),
      (r) => (r.url === `/api/v1/episodes/${EPISODE}/check-ins` && r.method === 'POST' ? { status: 201, body: stored } : undefined),
    );
    renderPage(
      <AuthProvider>
        <RequireAuth>
          <CheckInsPage />
        </RequireAuth>
      </AuthProvider>,
      { path: '/participants/:participantId/check-ins', at: `/participants/${PARTICIPANT}/check-ins` },
    );
    const form = await screen.findByRole('form', { name: 'Enter a check-in' });
    expect(await screen.findByText('No check-ins yet')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText(/Hours slept/), { target: { value: '6' } });
    await user.click(within(within(form).getByRole('radiogroup', { name: /Any use/ })).getByRole('radio', { name: 'No' }));
    await user.click(within(within(form).getByRole('radiogroup', { name: /self-harm/ })).getByRole('radio', { name: 'Yes' }));
    await user.click(within(form).getByRole('button', { name: 'Save check-in' }));
    expect(await screen.findByText(/a safety alert was raised/)).toBeTruthy();
    const post = server.requests.find((r) => r.method === 'POST')!;
    expect(post.body).toMatchObject({ sleepHours: 6, anyUse: false, selfHarmThoughts: true });
    expect(post.body).not.toHaveProperty('score');
  });

  it('says which check-ins the participant sent from the portal', async () => {
    const item = {
      id: '66666666-6666-4666-8666-666666666666',
      participantId: PARTICIPANT,
      episodeId: EPISODE,
      mood: 6,
      anxiety: 3,
      craving: 1,
      sleepHours: 7,
      anyUse: false,
      substancesUsed: null,
      selfHarmThoughts: false,
      note: null,
      source: 'portal',
      enteredBy: null,
      checkedInAt: '2026-11-18T15:00:00.000Z',
      safetyAlertId: null,
    };
    fakeServer(
      (r) => (/^\/api\/v1\/me(\?|$)/.test(r.url) ? { body: CLINICIAN } : undefined),
      (r) => (r.url === `/api/v1/participants/${PARTICIPANT}` ? { body: participant } : undefined),
      (r) => (r.url === `/api/v1/participants/${PARTICIPANT}/check-ins` ? { body: { items: [item] } } : undefined),
    );
    renderPage(
      <AuthProvider>
        <RequireAuth>
          <CheckInsPage />
        </RequireAuth>
      </AuthProvider>,
      { path: '/participants/:participantId/check-ins', at: `/participants/${PARTICIPANT}/check-ins` },
    );
    expect(await screen.findByText('in portal')).toBeTruthy();
  });
});
