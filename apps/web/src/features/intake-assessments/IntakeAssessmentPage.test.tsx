import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { IntakeAssessmentContent, IntakeAssessmentView } from '@trellis/core';
import { AuthProvider } from '../../app/auth-context.tsx';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { fakeServer, renderPage, type FakeRequest } from '../../test/render.tsx';
import { DIRECTOR } from '../../test/fixtures.ts';
import { IntakeAssessmentPage } from './IntakeAssessmentPage.tsx';

const ID = '99999999-9999-4999-8999-999999999999';
const EP = '11111111-1111-4111-8111-111111111111';
const CLINICIAN = { ...DIRECTOR, permissions: [...DIRECTOR.permissions, 'intake-assessment.read', 'intake-assessment.write'] };

const complete: IntakeAssessmentContent = {
  presentingProblem: 'Drinking more.',
  mentalHealthHistory: 'Depression in 2022.',
  substanceUse: { noneReported: true },
  currentSymptoms: 'Low mood.',
  stressorsAndSupports: { homeStability: 'stable_supportive', stressors: 'Work', supportsRecovery: 'Sister' },
  medical: { conditions: 'None', needs: 'None', treatFirst: false },
  medications: 'None',
  legal: 'None',
  obligations: { workSchool: 'Job', family: 'None' },
  strengths: 'Motivated',
  riskScreen: { suicidalIdeation: 'none', harmToOthers: 'none', withdrawalRisk: 'none', eatingDisorderNeedsMealSupport: false, readiness: 'ready' },
};

const draft: IntakeAssessmentView = {
  id: ID,
  episodeId: EP,
  participantId: '22222222-2222-4222-8222-222222222222',
  inquiryId: null,
  status: 'draft',
  author: { id: DIRECTOR.id, name: DIRECTOR.name },
  createdAt: '2026-11-18T15:00:00.000Z',
  updatedAt: '2026-11-18T15:00:00.000Z',
  signedAt: null,
  addendumCount: 0,
  version: 1,
  flags: [],
  displayName: 'Rowan Synthetic',
  content: {},
  contentHash: null,
  intact: null,
  addenda: [],
};

function open(stored: () => IntakeAssessmentView, handler: (r: FakeRequest) => { status?: number; body?: unknown } | undefined = () => undefined) {
  const server = fakeServer(
    (r) => (r.url.startsWith('/api/v1/me') ? { body: CLINICIAN } : undefined),
    handler,
    (r) => (r.url === `/api/v1/intake-assessments/${ID}` && r.method === 'GET' ? { body: stored() } : undefined),
  );
  renderPage(
    <AuthProvider>
      <RequireAuth>
        <IntakeAssessmentPage />
      </RequireAuth>
    </AuthProvider>,
    { path: '/intake-assessments/:assessmentId', at: `/intake-assessments/${ID}` },
  );
  return server;
}

afterEach(() => vi.unstubAllGlobals());

describe('intake assessment page', () => {
  it('saves the draft by itself after typing and says so', async () => {
    const user = userEvent.setup();
    const server = open(
      () => draft,
      (r) => (r.method === 'PUT' ? { body: { ...draft, version: 2, content: (r.body as { content: IntakeAssessmentContent }).content } } : undefined),
    );
    const problem = await screen.findByRole('textbox', { name: 'Presenting problem' });
    await user.type(problem, 'Drinking more');
    expect(screen.getByRole('status').textContent).toBe('Unsaved changes');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved'), { timeout: 5000 });
    const put = server.requests.find((r) => r.method === 'PUT');
    expect(put?.body).toEqual({ version: 1, content: { presentingProblem: 'Drinking more' } });
  });

  it('offers to reload after a stale save, keeping the text typed, and saves over the newer version', async () => {
    const user = userEvent.setup();
    let stored = draft;
    const server = open(
      () => stored,
      (r) => {
        if (r.method !== 'PUT') return undefined;
        const body = r.body as { version: number; content: IntakeAssessmentContent };
        if (body.version === 1) return { status: 409, body: { title: 'Changed by someone else', status: 409, detail: 'Reload.', errors: [] } };
        return { body: { ...stored, version: body.version + 1, content: body.content } };
      },
    );
    await user.type(await screen.findByRole('textbox', { name: 'Legal' }), 'None');
    stored = { ...draft, version: 2, content: { legal: 'Theirs' } };
    await user.click(await screen.findByRole('button', { name: 'Reload, keeping my text' }, { timeout: 5000 }));
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Legal' }).value).toBe('None');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved'), { timeout: 5000 });
    expect(server.requests.filter((r) => r.method === 'PUT').at(-1)?.body).toEqual({ version: 2, content: { legal: 'None' } });
  });

  it('names the first missing answer instead of signing an incomplete draft', async () => {
    const user = userEvent.setup();
    const server = open(() => ({ ...draft, content: { presentingProblem: 'Drinking more.' } }));
    await user.click(await screen.findByRole('button', { name: 'Sign…' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/Mental health history is required to sign/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Sign' }));
    expect(await screen.findByText('Check the answer marked below')).toBeTruthy();
    expect(server.requests.some((r) => r.url.endsWith('/sign'))).toBe(false);
  });

  it('signs a complete draft after confirmation, then shows it read-only and takes an addendum', async () => {
    const user = userEvent.setup();
    const signed: IntakeAssessmentView = {
      ...draft,
      status: 'signed',
      version: 2,
      content: complete,
      signedAt: '2026-11-18T15:30:00.000Z',
      contentHash: 'a'.repeat(64),
      intact: true,
      flags: [{ flag: 'not_yet_motivated', because: 'Readiness: Not ready' }],
    };
    const server = open(
      () => ({ ...draft, content: complete }),
      (r) => {
        if (r.url.endsWith('/sign')) return { body: signed };
        if (r.url.endsWith('/addenda'))
          return { status: 201, body: { ...signed, addendumCount: 1, addenda: [{ id: 'ad-1', text: (r.body as { text: string }).text, author: signed.author, writtenAt: '2026-11-19T15:00:00.000Z', contentHash: 'b'.repeat(64) }] } };
        return undefined;
      },
    );
    await user.click(await screen.findByRole('button', { name: 'Sign…' }));
    expect(screen.queryByRole('link', { name: 'Download PDF of this assessment' })).toBeNull();
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Sign' }));
    expect(await screen.findByText('Signed')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Download PDF of this assessment' }).getAttribute('href')).toBe(`/api/v1/intake-assessments/${draft.id}/pdf`);
    expect(server.requests.find((r) => r.url.endsWith('/sign'))?.body).toEqual({ version: 1 });
    expect(screen.queryByRole('textbox', { name: 'Presenting problem' })).toBeNull();
    const guidance = screen.getByRole('alert', { name: 'Level-of-care guidance from the answers' });
    expect(within(guidance).getByText('Not yet motivated for intensive treatment')).toBeTruthy();
    expect(within(guidance).getByText(/not the licensed ASAM Criteria algorithm/)).toBeTruthy();
    await user.type(screen.getByRole('textbox', { name: /New addendum/ }), 'Sister confirmed.');
    await user.click(screen.getByRole('button', { name: 'Add addendum' }));
    expect(await screen.findByText('Sister confirmed.')).toBeTruthy();
  });
});
