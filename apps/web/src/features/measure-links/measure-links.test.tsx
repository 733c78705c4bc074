import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MEASURES, publicQuestionnaire } from '@trellis/core';
import { AuthProvider } from '../../app/auth-context.tsx';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { fakeServer, renderPage, type FakeRequest } from '../../test/render.tsx';
import { DIRECTOR } from '../../test/fixtures.ts';
import { MeasureLinkPage } from './MeasureLinkPage.tsx';
import { DueMeasuresPage } from './DueMeasuresPage.tsx';

const TOKEN = 'T'.repeat(43);
const LINK_PATH = `/api/v1/public/measure-links/${TOKEN}`;
const PHQ9 = { kind: 'instrument', organisationName: 'Riverside Recovery', expiresAt: '2026-11-21T15:00:00.000Z', questionnaire: publicQuestionnaire(MEASURES['phq-9'].instrument) };

afterEach(() => vi.unstubAllGlobals());

function openLink(...handlers: ((r: FakeRequest) => { status?: number; body?: unknown } | undefined)[]) {
  const server = fakeServer(...handlers);
  renderPage(<MeasureLinkPage />, { path: '/m/:token', at: `/m/${TOKEN}` });
  return server;
}

describe('a one-time link on the phone', () => {
  it('shows only the questionnaire, names unanswered items and sends nothing until all are answered', async () => {
    const user = userEvent.setup();
    const server = openLink((r) => (r.url === LINK_PATH && r.method === 'GET' ? { body: PHQ9 } : undefined));
    expect(await screen.findByRole('heading', { name: PHQ9.questionnaire.title })).toBeTruthy();
    expect(screen.getAllByRole('radiogroup')).toHaveLength(9);
    await user.click(screen.getByRole('button', { name: 'Send my answers' }));
    expect(await screen.findAllByText('Choose one answer')).toHaveLength(9);
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('sends the answers (never a score) and puts the crisis resources first after item 9 above 0', async () => {
    const user = userEvent.setup();
    const server = openLink(
      (r) => (r.url === LINK_PATH && r.method === 'GET' ? { body: PHQ9 } : undefined),
      (r) => (r.url === LINK_PATH && r.method === 'POST' ? { status: 201, body: { status: 'received', showCrisisResources: true } } : undefined),
    );
    const groups = await screen.findAllByRole('radiogroup');
    // fireEvent, not userEvent: nine groups typed by a simulated person are slow on a shared machine.
    for (const [i, group] of groups.entries()) fireEvent.click(within(group).getByRole('radio', { name: i === 8 ? 'Several days' : 'Not at all' }));
    await user.click(screen.getByRole('button', { name: 'Send my answers' }));
    expect(await screen.findByText('Please reach out now — you do not have to wait')).toBeTruthy();
    const post = server.requests.find((r) => r.method === 'POST')!;
    expect(post.body).toEqual({ answers: { q1: 0, q2: 0, q3: 0, q4: 0, q5: 0, q6: 0, q7: 0, q8: 0, q9: 1 } });
    const crisis = screen.getByRole('region', { name: 'Crisis resources' });
    expect(within(crisis).getAllByRole('link')[0]!.getAttribute('href')).toBe('tel:988');
  });

  it('says clearly when the link was already used, and still shows the crisis resources', async () => {
    openLink((r) =>
      r.url === LINK_PATH ? { status: 410, body: { title: 'Link already used', status: 410, detail: 'This link has already been used. Each link can be answered once.' } } : undefined,
    );
    expect(await screen.findByText('Link already used')).toBeTruthy();
    expect(screen.getByText(/Nothing was sent/)).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Crisis resources' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Send/ })).toBeNull();
  });

  it('takes a daily check-in, checked by core’s rules before it is sent', async () => {
    const user = userEvent.setup();
    const server = openLink(
      (r) => (r.url === LINK_PATH && r.method === 'GET' ? { body: { kind: 'check-in', organisationName: 'Riverside Recovery', expiresAt: PHQ9.expiresAt } } : undefined),
      (r) => (r.url === LINK_PATH && r.method === 'POST' ? { status: 201, body: { status: 'received', showCrisisResources: false } } : undefined),
    );
    await user.click(await screen.findByRole('button', { name: 'Send my check-in' }));
    expect(await screen.findByText('Enter the hours slept')).toBeTruthy();
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    await user.type(screen.getByLabelText(/Hours you slept/), '7.5');
    await user.click(within(screen.getByRole('radiogroup', { name: /alcohol or drug use/ })).getByRole('radio', { name: 'No' }));
    await user.click(within(screen.getByRole('radiogroup', { name: /thoughts of death/ })).getByRole('radio', { name: 'No' }));
    await user.click(screen.getByRole('button', { name: 'Send my check-in' }));
    expect(await screen.findByText('Thank you')).toBeTruthy();
    expect(server.requests.find((r) => r.method === 'POST')!.body).toEqual({
      mood: 5,
      anxiety: 5,
      craving: 0,
      sleepHours: 7.5,
      anyUse: false,
      substancesUsed: null,
      selfHarmThoughts: false,
      note: null,
    });
  });
});

describe('the due list', () => {
  const CLINICIAN = { ...DIRECTOR, permissions: [...DIRECTOR.permissions, 'measure.read', 'measure.write'] };
  const item = {
    episodeId: '11111111-1111-4111-8111-111111111111',
    participantId: '22222222-2222-4222-8222-222222222222',
    participantName: 'Ana Example',
    programName: 'Adult Mental Health IOP',
    instrument: 'phq-9',
    shortName: 'PHQ-9',
    reason: 'interval',
    dueOn: '2026-11-16',
    daysFromToday: 2,
    openLink: null,
  };
  const created = {
    id: '33333333-3333-4333-8333-333333333333',
    episodeId: item.episodeId,
    participantId: item.participantId,
    participantName: item.participantName,
    instrument: 'phq-9',
    token: TOKEN,
    path: `/m/${TOKEN}`,
    expiresAt: '2026-11-21T15:00:00.000Z',
  };

  it('lists what is due and makes links for everyone due in one action, showing each link once', async () => {
    const user = userEvent.setup();
    const server = fakeServer(
      (r) => (/^\/api\/v1\/me(\?|$)/.test(r.url) ? { body: CLINICIAN } : undefined),
      (r) =>
        r.url.startsWith('/api/v1/measures/due/links')
          ? { status: 201, body: { links: [created] } }
          : r.url.startsWith('/api/v1/measures/due')
            ? { body: { clinicianId: CLINICIAN.id, clinicianName: CLINICIAN.name, today: '2026-11-18', weekEndsOn: '2026-11-22', items: [item] } }
            : undefined,
    );
    renderPage(
      <AuthProvider>
        <RequireAuth>
          <DueMeasuresPage />
        </RequireAuth>
      </AuthProvider>,
      { path: '/measures/due', at: '/measures/due' },
    );
    await screen.findByRole('heading', { name: 'Measures due' });
    await vi.waitFor(() => expect(document.body.textContent).toContain('Ana Example'), { timeout: 5000 });
    expect(screen.getByText('2 days overdue')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Create links for everyone due (1)' }));
    expect(await screen.findByText(/Link made/)).toBeTruthy();
    expect(screen.getByTestId('measure-link-url').textContent).toBe(`${window.location.origin}/m/${TOKEN}`);
    expect(server.requests.some((r) => r.method === 'POST' && r.url === '/api/v1/measures/due/links')).toBe(true);
  });
});
