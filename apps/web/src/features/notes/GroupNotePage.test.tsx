import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { GroupNoteView } from '@trellis/core';
import { AuthProvider } from '../../app/auth-context.tsx';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { fakeServer, renderPage, type FakeRequest } from '../../test/render.tsx';
import { ALEX, BLAIR, FACILITATOR, SESSION_ID } from '../../test/fixtures.ts';
import { GroupNotePage } from './GroupNotePage.tsx';

const WRITER = { ...FACILITATOR, permissions: [...FACILITATOR.permissions, 'clinical-note.read', 'note.sign'] };
const OBJ_1 = '11111111-aaaa-4aaa-8aaa-111111111111';
const OBJ_2 = '22222222-aaaa-4aaa-8aaa-222222222222';
const empty = { participation: '', response: '', risk: '', plan: '' };

const view: GroupNoteView = {
  id: null,
  sessionId: SESSION_ID,
  session: {
    title: 'Process group',
    programName: 'Adult IOP',
    localDate: '2026-11-23',
    startsAt: '2026-11-23T14:00:00Z',
    endsAt: '2026-11-23T17:00:00Z',
    timeZone: 'America/New_York',
    facilitatorId: FACILITATOR.id,
  },
  status: 'draft',
  version: 0,
  author: null,
  signedAt: null,
  shared: { topic: '', curriculumItem: '', modality: '', covered: '' },
  facilitators: [{ id: FACILITATOR.id, name: FACILITATOR.name }],
  attendees: [
    { participantId: ALEX, displayName: 'Alex Avery', attendance: 'present', sections: empty, objectives: [], planObjectives: [], noteId: null },
    {
      participantId: BLAIR,
      displayName: 'Blair Brook',
      attendance: 'late',
      sections: empty,
      objectives: [],
      planObjectives: [
        { objectiveId: OBJ_1, description: 'Use urge surfing when cravings peak', goal: 'Stay sober at weekends', targetDate: '2026-12-30', planVersion: 1 },
        { objectiveId: OBJ_2, description: 'Call a sponsor twice a week', goal: 'Stay sober at weekends', targetDate: '2026-12-30', planVersion: 1 },
      ],
      noteId: null,
    },
  ],
  nearDuplicates: [],
};

type Answer = { status?: number; body?: unknown } | undefined;

function open(onWrite: (r: FakeRequest) => Answer, stored: GroupNoteView = view) {
  const server = fakeServer(
    (r) => (r.url.startsWith('/api/v1/me') ? { body: WRITER } : undefined),
    (r) => (r.method === 'GET' && r.url === `/api/v1/sessions/${SESSION_ID}/group-note` ? { body: stored } : undefined),
    (r) => (r.method !== 'GET' ? onWrite(r) : undefined),
  );
  renderPage(
    <AuthProvider>
      <RequireAuth>
        <GroupNotePage />
      </RequireAuth>
    </AuthProvider>,
    { path: '/sessions/:sessionId/group-note', at: `/sessions/${SESSION_ID}/group-note` },
  );
  return server;
}

afterEach(() => vi.unstubAllGlobals());

describe('group note page', () => {
  it('shows the shared part once and an entry for each attendee, and saves the draft as the API reads it', async () => {
    const user = userEvent.setup();
    const server = open((r) => (r.method === 'PUT' ? { body: { ...view, version: 1 } } : undefined));
    expect(await screen.findByRole('heading', { name: 'Alex Avery' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Blair Brook' })).toBeTruthy();
    await user.type(screen.getByLabelText(/^Topic/), 'Cravings');
    // Each entry is a group named for its participant, so the four same-named fields of each can be told apart.
    const blair = screen.getByRole('group', { name: 'Blair Brook’s entry' });
    expect(within(blair).getAllByRole('textbox')).toHaveLength(4);
    await user.type(within(blair).getByRole('textbox', { name: 'Participation' }), 'Arrived late; joined the practice.');
    await user.keyboard('{Control>}s{/Control}');
    await waitFor(() => expect(server.requests.filter((r) => r.method === 'PUT')).toHaveLength(1));
    const body = server.requests.find((r) => r.method === 'PUT')!.body as { version: number; shared: { topic: string }; attendees: { participantId: string; sections: { participation: string } }[]; facilitatorIds: string[] };
    expect(body.version).toBe(0);
    expect(body.shared.topic).toBe('Cravings');
    expect(body.facilitatorIds).toEqual([FACILITATOR.id]);
    expect(body.attendees.map((a) => [a.participantId, a.sections.participation])).toEqual([
      [ALEX, ''],
      [BLAIR, 'Arrived late; joined the practice.'],
    ]);
  });

  it('offers each attendee’s plan objectives to rate with one click each, and saves the picks', async () => {
    const user = userEvent.setup();
    const server = open((r) => (r.method === 'PUT' ? { body: { ...view, version: 1 } } : undefined));
    expect(await screen.findByText(/No signed treatment plan yet/)).toBeTruthy();
    const first = screen.getByRole('group', { name: 'Progress: Use urge surfing when cravings peak' });
    const second = screen.getByRole('group', { name: 'Progress: Call a sponsor twice a week' });
    await user.click(within(first).getByRole('radio', { name: 'Progressing' }));
    await user.click(within(second).getByRole('radio', { name: 'Met' }));
    await user.click(within(second).getByRole('radio', { name: 'Not rated' }));
    await user.click(within(second).getByRole('radio', { name: 'Not progressing' }));
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    await waitFor(() => expect(server.requests.filter((r) => r.method === 'PUT')).toHaveLength(1));
    const body = server.requests.find((r) => r.method === 'PUT')!.body as { attendees: { participantId: string; objectives: unknown[] }[] };
    expect(body.attendees.map((a) => [a.participantId, a.objectives])).toEqual([
      [ALEX, []],
      [
        BLAIR,
        [
          { objectiveId: OBJ_1, progress: 'progressing' },
          { objectiveId: OBJ_2, progress: 'not_progressing' },
        ],
      ],
    ]);
  });

  it('names near-duplicate entries and signs only when the clinician accepts them', async () => {
    const user = userEvent.setup();
    const saved: GroupNoteView = {
      ...view,
      id: '99999999-9999-4999-8999-999999999999',
      version: 2,
      nearDuplicates: [{ a: { participantId: ALEX, displayName: 'Alex Avery' }, b: { participantId: BLAIR, displayName: 'Blair Brook' }, similarity: 0.93 }],
    };
    const server = open((r) => (r.url.endsWith('/sign') ? { body: { ...saved, status: 'signed', nearDuplicates: [] } } : undefined), saved);
    expect(await screen.findByText(/Alex Avery and Blair Brook: 93% alike/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Sign…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign the group note?' });
    await user.click(within(dialog).getByRole('checkbox', { name: /nearly the same/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Sign' }));
    await waitFor(() => expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1));
    expect(server.requests.find((r) => r.method === 'POST')!.body).toEqual({ version: 2, acceptNearDuplicates: true });
  });

  it('says to take the roll first when nobody attended', async () => {
    open(() => undefined, { ...view, attendees: [] });
    expect(await screen.findByText(/Take the roll first/)).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Sign…' }).disabled).toBe(true);
  });
});
