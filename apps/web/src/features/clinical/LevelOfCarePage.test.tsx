import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthProvider } from '../../app/auth-context.tsx';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { fakeServer, renderPage } from '../../test/render.tsx';
import { DIRECTOR } from '../../test/fixtures.ts';
import { LevelOfCarePage } from './LevelOfCarePage.tsx';

const EPISODE_ID = '77777777-7777-4777-8777-777777777777';
const CLINICIAN = { ...DIRECTOR, permissions: [...DIRECTOR.permissions, 'clinical-note.read', 'level-of-care.write'] };
const READER = { ...DIRECTOR, permissions: [...DIRECTOR.permissions, 'clinical-note.read'] };

const saved = {
  id: '88888888-8888-4888-8888-888888888888',
  episodeId: EPISODE_ID,
  assessedOn: '2026-11-02',
  edition: 'asam-3',
  ratings: [1, 2, 3, 4, 5, 6].map((dimension) => ({ dimension, dimensionName: `Dimension ${dimension}`, rating: 2, rationale: 'Synthetic.' })),
  flags: [],
  recommendedLevel: 'iop',
  chosenLevel: 'op',
  varianceReason: 'participant_preference',
  varianceNote: null,
  guidance: { floor: 'iop', suggested: 'iop', floorDimensions: [1, 2, 3, 4, 5, 6], againstIop: false, notice: 'Guidance only.' },
  assessedBy: { id: DIRECTOR.id, name: DIRECTOR.name },
  createdAt: '2026-11-02T15:00:00.000Z',
};

function open(me: typeof CLINICIAN, history: unknown[] = [], intakeAssessments: unknown[] = []) {
  const server = fakeServer(
    (r) => (r.url.startsWith('/api/v1/me') ? { body: me } : undefined),
    (r) => (r.url === `/api/v1/episodes/${EPISODE_ID}/intake-assessments` ? { body: { assessments: intakeAssessments } } : undefined),
    (r) =>
      r.url === `/api/v1/episodes/${EPISODE_ID}/level-of-care`
        ? r.method === 'POST'
          ? { status: 201, body: saved }
          : { body: { assessments: history } }
        : undefined,
  );
  renderPage(
    <AuthProvider>
      <RequireAuth>
        <LevelOfCarePage />
      </RequireAuth>
    </AuthProvider>,
    { path: '/episodes/:episodeId/level-of-care', at: `/episodes/${EPISODE_ID}/level-of-care` },
  );
  return server;
}

afterEach(() => vi.unstubAllGlobals());

/** Picks an option of a native select by its label. */
async function choose(user: ReturnType<typeof userEvent.setup>, label: RegExp, option: string) {
  await user.selectOptions(await screen.findByRole('combobox', { name: label }), option);
}

describe('level-of-care page', () => {
  it('shows the history to a reader, without the form', async () => {
    open(READER, [saved]);
    expect(await screen.findByText(/Variance: Participant preference/)).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'New assessment' })).toBeNull();
    const link = screen.getByRole('link', { name: /^Download PDF of the assessment of / });
    expect(link.getAttribute('href')).toBe(`/api/v1/episodes/${EPISODE_ID}/level-of-care/${saved.id}/pdf`);
  });

  it('updates the guidance as ratings change and labels it as not the ASAM algorithm', async () => {
    const user = userEvent.setup();
    open(CLINICIAN);
    const guidance = await screen.findByRole('alert', { name: 'Guidance' });
    expect(within(guidance).getByText(/not the licensed ASAM/)).toBeTruthy();
    expect(within(guidance).getByText('Outpatient')).toBeTruthy();
    const d3 = screen.getByRole('radiogroup', { name: /Dimension 3:/ });
    await user.click(within(d3).getByText('3 Significant'));
    expect(within(guidance).getByText('Partial hospitalization')).toBeTruthy();
    expect(within(guidance).getByText(/set by dimension 3/)).toBeTruthy();
  });

  it('refuses to save without rationales, and asks for a variance reason when the levels differ', async () => {
    const user = userEvent.setup();
    const server = open(CLINICIAN);
    await user.click(await screen.findByRole('button', { name: 'Save assessment' }));
    expect(await screen.findAllByText('Is required: say why, in a sentence')).toHaveLength(6);
    for (let d = 1; d <= 6; d++) {
      await user.click(screen.getByLabelText(new RegExp(`Rationale for dimension ${d}`)));
      await user.paste('Synthetic reason.');
    }
    await choose(user, /^Level recommended/, 'Intensive outpatient');
    await choose(user, /^Level chosen/, 'Outpatient');
    await user.click(screen.getByRole('button', { name: 'Save assessment' }));
    expect(await screen.findByText(/Is required when the level chosen differs/)).toBeTruthy();
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    await choose(user, /^Variance reason/, 'Participant preference');
    await user.click(screen.getByRole('button', { name: 'Save assessment' }));
    await waitFor(() => expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1));
    expect(server.requests.find((r) => r.method === 'POST')?.body).toMatchObject({
      edition: 'asam-4',
      recommendedLevel: 'iop',
      chosenLevel: 'op',
      varianceReason: 'participant_preference',
      varianceNote: null,
      ratings: [1, 2, 3, 4, 5, 6].map((dimension) => ({ dimension, rating: 0, rationale: 'Synthetic reason.' })),
    });
  }, 60_000);

  it('starts with the flags the signed intake assessment points to, labelled as guidance', async () => {
    const signedIntake = {
      id: '99999999-9999-4999-8999-999999999999',
      episodeId: EPISODE_ID,
      participantId: '22222222-2222-4222-8222-222222222222',
      inquiryId: null,
      status: 'signed',
      author: { id: DIRECTOR.id, name: DIRECTOR.name },
      createdAt: '2026-11-02T15:00:00.000Z',
      updatedAt: '2026-11-02T16:00:00.000Z',
      signedAt: '2026-11-02T16:00:00.000Z',
      addendumCount: 0,
      version: 2,
      flags: [
        { flag: 'no_stable_supportive_home', because: 'Home: No home' },
        { flag: 'not_yet_motivated', because: 'Readiness: Not ready' },
      ],
    };
    open({ ...CLINICIAN, permissions: [...CLINICIAN.permissions, 'intake-assessment.read'] }, [], [signedIntake]);
    expect(await screen.findByRole('alert', { name: /Prefilled from the intake assessment/ })).toBeTruthy();
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'No stable or supportive home' }).checked).toBe(true);
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Not yet motivated for intensive treatment' }).checked).toBe(true);
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Imminent risk to self or others' }).checked).toBe(false);
  });
});
