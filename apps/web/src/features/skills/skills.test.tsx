import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SKILL_TOPIC_IDS } from '@trellis/core';
import { AuthProvider } from '../../app/auth-context.tsx';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { fakeServer, renderPage, type FakeRequest } from '../../test/render.tsx';
import { DIRECTOR } from '../../test/fixtures.ts';
import { PortalSkillsPage, PortalSkillTopicPage } from '../portal/PortalSkillsPage.tsx';
import { EpisodeSkillsPage } from './EpisodeSkillsPage.tsx';
import { ProgramSkillsPage } from './ProgramSkillsPage.tsx';

afterEach(() => vi.unstubAllGlobals());

const PROGRAM = '11111111-1111-4111-8111-111111111111';
const EPISODE = '22222222-2222-4222-8222-222222222222';
const AT = '2026-11-18T15:00:00.000Z';

function asStaff(
  me: unknown,
  page: React.ReactNode,
  path: string,
  at: string,
  ...handlers: ((r: FakeRequest) => { status?: number; body?: unknown } | undefined)[]
) {
  const server = fakeServer((r) => (/^\/api\/v1\/me(\?|$)/.test(r.url) ? { body: me } : undefined), ...handlers);
  renderPage(
    <AuthProvider>
      <RequireAuth>{page}</RequireAuth>
    </AuthProvider>,
    { path, at },
  );
  return server;
}

describe('skills library, staff side', () => {
  it('publishes the chosen topics for a program', async () => {
    const user = userEvent.setup();
    const view = {
      programId: PROGRAM,
      topics: SKILL_TOPIC_IDS.map((topic) => ({ topic, publishedAt: topic === 'communication' ? AT : null })),
    };
    const server = asStaff(
      { ...DIRECTOR, permissions: [...DIRECTOR.permissions, 'setup.read', 'setup.write'] },
      <ProgramSkillsPage />,
      '/setup/programs/:programId/skills',
      `/setup/programs/${PROGRAM}/skills`,
      (r) =>
        r.url.startsWith('/api/v1/programs?') || r.url === '/api/v1/programs' ? { body: { items: [] } } : undefined,
      (r) =>
        r.url === `/api/v1/programs/${PROGRAM}/skills` ? { body: r.method === 'PUT' ? { ...view } : view } : undefined,
    );
    const communication = await screen.findByRole('checkbox', { name: /Saying what you need/ });
    expect((communication as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByRole('checkbox', { name: /Coping with cravings/ }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(server.requests.some((r) => r.method === 'PUT')).toBe(true));
    expect(server.requests.find((r) => r.method === 'PUT')!.body).toEqual({
      topics: ['communication', 'coping_with_cravings'],
    });
  });

  it('shows homework read and unread, and assigns a published topic', async () => {
    const user = userEvent.setup();
    const skills = {
      published: ['coping_with_cravings', 'mindfulness_grounding'],
      assignments: [
        {
          id: '33333333-3333-4333-8333-333333333333',
          episodeId: EPISODE,
          topic: 'coping_with_cravings',
          assignedBy: { id: DIRECTOR.id, name: 'Dana Director' },
          assignedAt: AT,
          readAt: null,
        },
        {
          id: '44444444-4444-4444-8444-444444444444',
          episodeId: EPISODE,
          topic: 'communication',
          assignedBy: { id: DIRECTOR.id, name: 'Dana Director' },
          assignedAt: AT,
          readAt: AT,
        },
      ],
    };
    const server = asStaff(
      { ...DIRECTOR, permissions: [...DIRECTOR.permissions, 'clinical-note.read', 'treatment-plan.write'] },
      <EpisodeSkillsPage />,
      '/episodes/:episodeId/skills',
      `/episodes/${EPISODE}/skills`,
      (r) =>
        r.url === `/api/v1/episodes/${EPISODE}/skill-assignments`
          ? r.method === 'POST'
            ? {
                status: 201,
                body: {
                  ...skills.assignments[0],
                  id: '55555555-5555-4555-8555-555555555555',
                  topic: 'mindfulness_grounding',
                },
              }
            : { body: skills }
          : undefined,
    );
    const assigned = await screen.findByRole('region', { name: 'Assigned' });
    const rows = within(assigned).getAllByRole('row');
    expect(rows[1]!.textContent).toContain('Not read yet');
    expect(rows[2]!.textContent).toMatch(/Read /);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Assign Coping with cravings' }).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Assign Mindfulness and grounding' }));
    await vi.waitFor(() => expect(server.requests.some((r) => r.method === 'POST')).toBe(true));
    expect(server.requests.find((r) => r.method === 'POST')!.body).toEqual({ topic: 'mindfulness_grounding' });
  });
});

describe('skills library in the portal', () => {
  const library = {
    topics: [
      { topic: 'mindfulness_grounding', assignedAt: null, readAt: null },
      { topic: 'coping_with_cravings', assignedAt: AT, readAt: null },
    ],
  };

  it('lists homework first, marked as homework', async () => {
    fakeServer((r) => (r.url === '/api/v1/portal/skills' ? { body: library } : undefined));
    renderPage(<PortalSkillsPage />, { path: '/portal/skills', at: '/portal/skills' });
    const items = within(await screen.findByRole('list', { name: 'Skills topics' })).getAllByRole('listitem');
    expect(items[0]!.textContent).toContain('Coping with cravings');
    expect(items[0]!.textContent).toContain('Homework');
    expect(items[1]!.textContent).not.toContain('Homework');
  });

  it('reads a topic and marks the homework read', async () => {
    const user = userEvent.setup();
    const server = fakeServer(
      (r) => (r.url === '/api/v1/portal/skills' ? { body: library } : undefined),
      (r) =>
        r.method === 'POST' && r.url === '/api/v1/portal/skills/coping_with_cravings/read'
          ? { body: { topic: 'coping_with_cravings', readAt: AT } }
          : undefined,
    );
    renderPage(<PortalSkillTopicPage />, { path: '/portal/skills/:topic', at: '/portal/skills/coping_with_cravings' });
    expect(await screen.findByRole('heading', { name: 'Coping with cravings' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Try this' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'I have read this' }));
    await vi.waitFor(() => expect(server.requests.some((r) => r.method === 'POST')).toBe(true));
  });

  it('says a topic outside the library is not there', async () => {
    fakeServer((r) => (r.url === '/api/v1/portal/skills' ? { body: library } : undefined));
    renderPage(<PortalSkillTopicPage />, { path: '/portal/skills/:topic', at: '/portal/skills/communication' });
    expect(await screen.findByText('This topic is not in your library')).toBeTruthy();
  });
});
