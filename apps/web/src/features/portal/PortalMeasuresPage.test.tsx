import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MEASURES, publicQuestionnaire } from '@trellis/core';
import { fakeServer, renderPage, type FakeRequest } from '../../test/render.tsx';
import { PortalMeasuresPage } from './PortalMeasuresPage.tsx';

afterEach(() => vi.unstubAllGlobals());

const EPISODE = '11111111-1111-4111-8111-111111111111';
const MEASURES_VIEW = {
  due: [
    {
      episodeId: EPISODE,
      programName: 'Adult Mental Health IOP',
      reason: 'interval',
      dueOn: '2026-11-16',
      questionnaire: publicQuestionnaire(MEASURES['phq-9'].instrument),
    },
  ],
  checkIn: [{ episodeId: EPISODE, programName: 'Adult Mental Health IOP', lastCheckedInAt: null }],
};

function open(receipt: { showCrisisResources: boolean }) {
  const server = fakeServer(
    (r: FakeRequest) =>
      r.method === 'GET' && r.url === '/api/v1/portal/measures' ? { body: MEASURES_VIEW } : undefined,
    (r: FakeRequest) => (r.method === 'POST' ? { status: 201, body: { status: 'received', ...receipt } } : undefined),
  );
  renderPage(<PortalMeasuresPage />, { path: '/portal/check-in', at: '/portal/check-in' });
  return server;
}

describe('check-in and questionnaires in the portal', () => {
  it('lists the daily check-in and what is due, in plain words', async () => {
    open({ showCrisisResources: false });
    expect(await screen.findByRole('button', { name: 'Check in now' })).toBeTruthy();
    expect(screen.getByText('You have not checked in yet.')).toBeTruthy();
    const due = screen.getByRole('region', { name: 'Questionnaires for you' });
    expect(due.textContent).toContain('a regular check on how you are doing');
    expect(within(due).getByRole('button', { name: 'Answer the PHQ-9' })).toBeTruthy();
  });

  it('sends a check-in for the episode, and puts the crisis resources first after a risk answer', async () => {
    const user = userEvent.setup();
    const server = open({ showCrisisResources: true });
    await user.click(await screen.findByRole('button', { name: 'Check in now' }));
    await user.type(screen.getByLabelText(/Hours you slept/), '6');
    await user.click(
      within(screen.getByRole('radiogroup', { name: /alcohol or drug use/ })).getByRole('radio', { name: 'No' }),
    );
    await user.click(
      within(screen.getByRole('radiogroup', { name: /thoughts of death/ })).getByRole('radio', { name: 'Yes' }),
    );
    await user.click(screen.getByRole('button', { name: 'Send my check-in' }));
    expect(await screen.findByText('Please reach out now — you do not have to wait')).toBeTruthy();
    expect(screen.getByText(/will follow up with you today/)).toBeTruthy();
    const post = server.requests.find((r) => r.method === 'POST')!;
    expect(post.url).toBe(`/api/v1/portal/episodes/${EPISODE}/measures/check-in`);
    expect(post.body).toMatchObject({ sleepHours: 6, anyUse: false, selfHarmThoughts: true });
  });

  it('opens a due questionnaire and sends its answers to the portal', async () => {
    const user = userEvent.setup();
    const server = open({ showCrisisResources: false });
    await user.click(await screen.findByRole('button', { name: 'Answer the PHQ-9' }));
    expect(await screen.findByRole('heading', { name: MEASURES_VIEW.due[0]!.questionnaire.title })).toBeTruthy();
    for (const group of screen.getAllByRole('radiogroup')) await user.click(within(group).getAllByRole('radio')[0]!);
    await user.click(screen.getByRole('button', { name: 'Send my answers' }));
    expect(await screen.findByText('Thank you')).toBeTruthy();
    expect(screen.queryByText('Please reach out now — you do not have to wait')).toBeNull();
    expect(server.requests.find((r) => r.method === 'POST')!.url).toBe(
      `/api/v1/portal/episodes/${EPISODE}/measures/phq-9`,
    );
  });

  it('sends one answer for two quick taps: the button is disabled while sending, under the form’s Idempotency-Key', async () => {
    const user = userEvent.setup();
    const posts: { url: string; key: string | null }[] = [];
    let answer: (r: Response) => void = () => {};
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
      if ((init?.method ?? 'GET') === 'GET')
        return Promise.resolve(new Response(JSON.stringify(MEASURES_VIEW), { headers: { 'Content-Type': 'application/json' } }));
      posts.push({ url, key: new Headers(init?.headers).get('Idempotency-Key') });
      return new Promise<Response>((resolve) => (answer = resolve));
    });
    renderPage(<PortalMeasuresPage />, { path: '/portal/check-in', at: '/portal/check-in' });
    await user.click(await screen.findByRole('button', { name: 'Check in now' }));
    await user.type(screen.getByLabelText(/Hours you slept/), '7');
    await user.click(within(screen.getByRole('radiogroup', { name: /alcohol or drug use/ })).getByRole('radio', { name: 'No' }));
    await user.click(within(screen.getByRole('radiogroup', { name: /thoughts of death/ })).getByRole('radio', { name: 'No' }));
    const send = screen.getByRole('button', { name: 'Send my check-in' });
    await user.dblClick(send);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.key).toMatch(/^[0-9a-f-]{36}$/);
    expect((send as HTMLButtonElement).disabled).toBe(true);
    answer(new Response(JSON.stringify({ status: 'received', showCrisisResources: false }), { status: 201, headers: { 'Content-Type': 'application/json' } }));
    expect(await screen.findByText('Thank you')).toBeTruthy();
    expect(posts).toHaveLength(1);
  });
});
