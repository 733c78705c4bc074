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
    { participantId: ALEX, displayName: 'Alex Avery', attendance: 'present', sections: empty, objectives: [], noteId: null },
    { participantId: BLAIR, displayName: 'Blair Brook', attendance: 'late', sections: empty, objectives: [], noteId: null },
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
    await user.type(screen.getAllByLabelText(/^Participation/)[1]!, 'Arrived late; joined the practice.');
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
