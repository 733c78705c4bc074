import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeServer, renderPage, type FakeRequest } from '../../test/render.tsx';
import { PortalTreatmentPlanPage } from './PortalTreatmentPlanPage.tsx';

afterEach(() => vi.unstubAllGlobals());

const HASH = 'a'.repeat(64);
const plan = {
  programName: 'Adult Mental Health IOP',
  number: 2,
  effectiveOn: '2026-11-16',
  contentHash: HASH,
  clinicianSignedAt: '2026-11-17T15:00:00.000Z',
  words: {
    goals: [
      {
        goal: 'Return to work part time',
        because: 'Low mood keeping me from work',
        steps: [
          {
            id: 's1',
            step: 'Walk three mornings a week',
            byDate: '2026-12-30',
            howWeWillKnow: 'Activity log',
            support: ['Working on the links between thoughts, feelings and actions (CBT), twice a week'],
          },
        ],
      },
    ],
    schedule: '4 days a week, 3 hours a day, for about 8 weeks',
    strengths: 'Keeps a routine',
    whenReadyToFinish: 'Back at work two days a week',
  },
  participantSignature: null,
};
const signed = {
  ...plan,
  participantSignature: { signedName: 'Avery Synthetic', signedAt: '2026-11-18T15:00:00.000Z', method: 'portal' },
};

describe('the participant’s plan in the portal', () => {
  it('reads the goals and steps in plain words, and signs with the hash of the plan on screen', async () => {
    const user = userEvent.setup();
    let signedYet = false;
    const server = fakeServer(
      (r: FakeRequest) =>
        r.method === 'GET' && r.url === '/api/v1/portal/treatment-plans'
          ? { body: { plans: [signedYet ? signed : plan] } }
          : undefined,
      (r: FakeRequest) => {
        if (r.method !== 'POST') return undefined;
        signedYet = true;
        return { status: 201, body: signed };
      },
    );
    renderPage(<PortalTreatmentPlanPage />, { path: '/portal/plan', at: '/portal/plan' });
    const goal = await screen.findByRole('region', { name: 'Goal 1' });
    expect(goal.textContent).toContain('Return to work part time');
    expect(goal.textContent).toContain('Walk three mornings a week');
    expect(goal.textContent).toContain('twice a week');
    expect(screen.getByText('4 days a week, 3 hours a day, for about 8 weeks')).toBeTruthy();

    // Nothing is sent until the box is ticked and the name typed.
    await user.click(screen.getByRole('button', { name: 'Sign my plan' }));
    expect(await screen.findByText('Must be ticked to sign')).toBeTruthy();
    expect(screen.getByText('Type your name to sign')).toBeTruthy();
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    await user.click(screen.getByRole('checkbox', { name: /I have read my plan/ }));
    await user.type(screen.getByLabelText('Type your full name to sign'), 'Avery Synthetic');
    await user.click(screen.getByRole('button', { name: 'Sign my plan' }));
    await vi.waitFor(() => expect(server.requests.some((r) => r.method === 'POST')).toBe(true));
    expect(server.requests.find((r) => r.method === 'POST')!.body).toEqual({
      contentHash: HASH,
      signedName: 'Avery Synthetic',
      agreed: true,
    });
    const done = await screen.findByText('You signed this plan');
    expect(
      within(done.closest('[role="alert"]') ?? done.parentElement!).getByText(/Signed as Avery Synthetic/),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sign my plan' })).toBeNull();
  });

  it('says when there is no plan yet', async () => {
    fakeServer((r: FakeRequest) => (r.url === '/api/v1/portal/treatment-plans' ? { body: { plans: [] } } : undefined));
    renderPage(<PortalTreatmentPlanPage />, { path: '/portal/plan', at: '/portal/plan' });
    expect(await screen.findByText('No plan yet')).toBeTruthy();
  });
});
