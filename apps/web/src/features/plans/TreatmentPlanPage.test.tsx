import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthProvider } from '../../app/auth-context.tsx';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { fakeServer, renderPage, type FakeRequest } from '../../test/render.tsx';
import { TreatmentPlanPage } from './TreatmentPlanPage.tsx';
import { CLINICIAN_ME, EPISODE_ID, draftVersion, overviewWith } from './test-fixtures.ts';

const PLAN_URL = `/api/v1/episodes/${EPISODE_ID}/treatment-plan`;
const staffList = { items: [{ id: 'user-cl-1', name: 'Cam Clinician', email: 'cam@demo.test', role: 'clinician', credentials: null, programIds: [] }] };

function open(handlers: ((r: FakeRequest) => { status?: number; body?: unknown } | undefined)[]) {
  const server = fakeServer(
    (r) => (r.url.startsWith('/api/v1/me') ? { body: CLINICIAN_ME } : undefined),
    (r) => (r.url.startsWith('/api/v1/staff') ? { body: staffList } : undefined),
    ...handlers,
  );
  renderPage(
    <AuthProvider>
      <RequireAuth>
        <TreatmentPlanPage />
      </RequireAuth>
    </AuthProvider>,
    { path: '/episodes/:episodeId/treatment-plan', at: `/episodes/${EPISODE_ID}/treatment-plan` },
  );
  return server;
}

const puts = (server: { requests: FakeRequest[] }) => server.requests.filter((r) => r.method === 'PUT');

afterEach(() => vi.unstubAllGlobals());

describe('treatment plan page', () => {
  it('offers the signed plan in force as a PDF download', async () => {
    const signed = {
      ...draftVersion(3),
      status: 'signed' as const,
      contentHash: 'b'.repeat(64),
      signedAt: '2026-11-18T16:00:00.000Z',
      signatures: [{ signer: 'clinician' as const, signedName: 'Cam Clinician', recordedBy: { id: 'user-cl-1', name: 'Cam Clinician' }, signedAt: '2026-11-18T16:00:00.000Z' }],
      missingSignatures: ['participant' as const],
    };
    const overview = { ...overviewWith(null), current: signed };
    open([(r) => (r.url === PLAN_URL ? { body: overview } : undefined)]);
    const link = await screen.findByRole('link', { name: 'Download PDF of plan version 1' });
    expect(link.getAttribute('href')).toBe(`${PLAN_URL}/versions/1/pdf`);
    expect(screen.getAllByRole('link', { name: /Download PDF/ })).toHaveLength(1);
  });

  it('offers to write the first plan when none is signed, judged meanwhile by the program minimum', async () => {
    open([(r) => (r.url === PLAN_URL ? { body: overviewWith(null) } : undefined)]);
    expect(await screen.findByText('No signed plan yet')).toBeTruthy();
    expect(screen.getByText(/judged against the program.s minimum hours/)).toBeTruthy();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Write the plan' }));
    expect(await screen.findByRole('form', { name: 'Treatment plan editor' })).toBeTruthy();
  }, 60_000);

  it('names an objective without a target date before sending anything', async () => {
    const user = userEvent.setup();
    const server = open([(r) => (r.url === PLAN_URL ? { body: overviewWith(draftVersion(1)) } : undefined)]);
    const target = await screen.findByLabelText(/^Target date 1\.1\.1/);
    await user.clear(target);
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(await screen.findByText('Enter a target date')).toBeTruthy();
    expect(puts(server)).toHaveLength(0);
  }, 60_000);

  it('on a stale save keeps the text typed, reloads their version, and saves mine over it when asked', async () => {
    const user = userEvent.setup();
    let overviewCalls = 0;
    const server = open([
      (r) => {
        if (r.url !== PLAN_URL) return undefined;
        overviewCalls += 1;
        // Someone else saved version 2 of the draft after this page opened it at version 1.
        return { body: overviewWith(overviewCalls === 1 ? draftVersion(1) : draftVersion(2, { strengths: 'Their words' })) };
      },
      (r) => {
        if (r.method !== 'PUT') return undefined;
        const body = r.body as { version: number; content: { strengths: string } };
        if (body.version === 1) {
          return { status: 409, body: { title: 'Changed by someone else', detail: 'The plan draft was changed by someone else.', errors: [{ path: 'version', message: 'expected 2, got 1' }] } };
        }
        return { body: draftVersion(3, { strengths: body.content.strengths }) };
      },
    ]);
    const strengths = await screen.findByLabelText(/^Strengths/);
    await user.clear(strengths);
    await user.type(strengths, 'My own words');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(await screen.findByText('Someone else saved this draft after you opened it')).toBeTruthy();
    expect(screen.getByLabelText<HTMLTextAreaElement>(/^Strengths/).value).toBe('My own words');

    await user.click(screen.getByRole('button', { name: 'Reload their version' }));
    await user.click(await screen.findByRole('button', { name: /Keep my text/ }));
    expect(screen.getByLabelText<HTMLTextAreaElement>(/^Strengths/).value).toBe('My own words');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    await waitFor(() => expect(puts(server)).toHaveLength(2));
    expect(puts(server)[1]!.body).toMatchObject({ version: 2, content: { strengths: 'My own words' } });
  }, 60_000);
});
