import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { NoteView } from '@trellis/core';
import { AuthProvider } from '../../app/auth-context.tsx';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { fakeServer, renderPage, type FakeRequest } from '../../test/render.tsx';
import { FACILITATOR } from '../../test/fixtures.ts';
import { NotesPage } from './NotesPage.tsx';

const EPISODE_ID = '77777777-7777-4777-8777-777777777777';
const NOTE_ID = '88888888-8888-4888-8888-888888888881';
const WRITER = { ...FACILITATOR, permissions: [...FACILITATOR.permissions, 'clinical-note.read', 'note.sign', 'note.cosign'] };

const draft: NoteView = {
  id: NOTE_ID,
  episodeId: EPISODE_ID,
  participantId: '22222222-2222-4222-8222-222222222221',
  kind: 'individual',
  privacy: 'record',
  format: 'dap',
  sessionId: null,
  startsAt: '2026-11-18T14:00:00.000Z',
  endsAt: '2026-11-18T14:50:00.000Z',
  durationMinutes: 50,
  timeZone: 'America/Los_Angeles',
  status: 'draft',
  author: { id: FACILITATOR.id, name: FACILITATOR.name },
  signedAt: null,
  lateEntry: false,
  cosignature: null,
  addendumCount: 0,
  version: 1,
  sections: { data: 'Reported sleeping better.', assessment: '', plan: '' },
  objectives: [],
  facilitators: [],
  contentHash: null,
  intact: null,
  cosignedBy: null,
  cosignedAt: null,
  cosignAttestation: null,
  addenda: [],
};
const summary = (n: NoteView) => {
  const { sections: _s, objectives: _o, facilitators: _f, contentHash: _h, intact: _i, cosignedBy: _b, cosignedAt: _a, cosignAttestation: _t, addenda: _d, ...rest } = n;
  return rest;
};

type Answer = { status?: number; body?: unknown } | undefined;

function open(onWrite: (r: FakeRequest) => Answer, stored: () => NoteView = () => draft) {
  const server = fakeServer(
    (r) => (r.url.startsWith('/api/v1/me') ? { body: WRITER } : undefined),
    (r) => (r.method === 'GET' && r.url === `/api/v1/episodes/${EPISODE_ID}/notes` ? { body: { timeZone: 'America/Los_Angeles', notes: [summary(stored())] } } : undefined),
    (r) => (r.method === 'GET' && r.url === `/api/v1/notes/${NOTE_ID}` ? { body: stored() } : undefined),
    (r) => (r.method !== 'GET' ? onWrite(r) : undefined),
  );
  renderPage(
    <AuthProvider>
      <RequireAuth>
        <NotesPage />
      </RequireAuth>
    </AuthProvider>,
    { path: '/episodes/:episodeId/notes', at: `/episodes/${EPISODE_ID}/notes` },
  );
  return server;
}

const writes = (server: { requests: FakeRequest[] }) => server.requests.filter((r) => r.method !== 'GET');

afterEach(() => vi.unstubAllGlobals());

describe('notes page', () => {
  it('lists the episode’s notes with their status, and opens a draft in the editor', async () => {
    const user = userEvent.setup();
    open(() => undefined);
    await user.click(await screen.findByRole('button', { name: /Open Individual note/ }));
    expect((await screen.findByLabelText<HTMLTextAreaElement>(/^Data/)).value).toBe('Reported sleeping better.');
    expect(screen.getAllByText('Draft').length).toBeGreaterThan(0);
  });

  it('saves with Ctrl+S; a save overtaken by someone else offers a reload that keeps the text typed', async () => {
    const user = userEvent.setup();
    let stored = draft;
    const server = open((r) => {
      const body = r.body as { version: number };
      if (r.method === 'PUT' && body.version === 1) return { status: 409, body: { title: 'Changed by someone else', status: 409, detail: 'Reload.', errors: [] } };
      if (r.method === 'PUT') return { body: { ...stored, version: 3, sections: { ...stored.sections, plan: 'Mine' } } };
      return undefined;
    }, () => stored);
    await user.click(await screen.findByRole('button', { name: /Open Individual note/ }));
    const plan = await screen.findByLabelText(/^Plan/);
    await user.type(plan, 'Mine');
    // Someone else saved version 2 meanwhile.
    stored = { ...draft, version: 2, sections: { ...draft.sections, assessment: 'Theirs' } };
    await user.keyboard('{Control>}s{/Control}');
    await user.click(await screen.findByRole('button', { name: 'Reload, keeping my text' }));
    expect(screen.getByLabelText<HTMLTextAreaElement>(/^Plan/).value).toBe('Mine');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    await waitFor(() => expect(writes(server)).toHaveLength(2));
    expect(writes(server)[1]!.body).toMatchObject({ version: 2, sections: { plan: 'Mine', data: 'Reported sleeping better.' } });
  });

  it('shows and takes the session’s times on the site’s clock, not the device’s', async () => {
    const user = userEvent.setup();
    const server = open((r) => (r.method === 'PUT' ? { body: { ...draft, version: 2 } } : undefined));
    // 14:00 UTC is 06:00 in Los Angeles, wherever this test's device is.
    expect(await screen.findByRole('button', { name: /Open Individual note, .*2026, 06:00 PST/ })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /Open Individual note/ }));
    const started = await screen.findByLabelText<HTMLInputElement>(/^Started/);
    expect(started.value).toBe('2026-11-18T06:00');
    expect(screen.getByLabelText<HTMLInputElement>(/^Ended/).value).toBe('2026-11-18T06:50');
    expect(screen.getAllByText('Site time (America/Los_Angeles)').length).toBe(2);
    await user.clear(started);
    await user.type(started, '2026-11-18T07:15');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    await waitFor(() => expect(writes(server)).toHaveLength(1));
    expect(writes(server)[0]!.body).toMatchObject({ startsAt: '2026-11-18T15:15:00Z', endsAt: '2026-11-18T14:50:00Z' });
  });

  it('asks before signing and puts the server’s refusal under the empty section', async () => {
    const user = userEvent.setup();
    const server = open((r) =>
      r.url.endsWith('/sign')
        ? { status: 422, body: { title: 'Not possible', status: 422, detail: 'Every section must be filled in.', errors: [{ path: 'body.sections.assessment', message: 'is required to sign' }] } }
        : undefined,
    );
    await user.click(await screen.findByRole('button', { name: /Open Individual note/ }));
    await screen.findByLabelText(/^Plan/);
    await user.click(screen.getByRole('button', { name: 'Sign…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign this note?' });
    await user.click(within(dialog).getByRole('button', { name: 'Sign' }));
    expect(await screen.findByText('is required to sign')).toBeTruthy();
    expect(writes(server).map((r) => r.url)).toEqual([`/api/v1/notes/${NOTE_ID}/sign`]);
  });

  it('shows a signed note read-only, with its hash and a pending co-signature, and takes an addendum', async () => {
    const user = userEvent.setup();
    const signed: NoteView = {
      ...draft,
      status: 'signed',
      author: { id: 'intern-1', name: 'Ivy Intern' },
      signedAt: '2026-11-19T16:00:00.000Z',
      lateEntry: true,
      cosignature: 'pending',
      contentHash: 'a'.repeat(64),
      intact: true,
      sections: { data: 'D', assessment: 'A', plan: 'P' },
    };
    const server = open((r) => (r.url.endsWith('/addenda') ? { status: 201, body: signed } : undefined), () => signed);
    await user.click(await screen.findByRole('button', { name: /Open Individual note/ }));
    expect(await screen.findByText('a'.repeat(64))).toBeTruthy();
    expect(screen.getAllByText('Late entry').length).toBeGreaterThan(0);
    expect(screen.getAllByText('Co-signature pending').length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Co-sign as supervisor' })).toBeTruthy();
    expect(screen.queryByLabelText(/^Plan/)).toBeNull();
    expect(screen.getByText(/Session: .*2026, 06:00 PST – 06:50 \(50 min, site time\)/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Download PDF of this note' }).getAttribute('href')).toBe(`/api/v1/notes/${NOTE_ID}/pdf`);
    await user.type(screen.getByLabelText(/^New addendum/), 'PHQ-9 was 13.');
    await user.click(screen.getByRole('button', { name: 'Add addendum' }));
    await waitFor(() => expect(writes(server)).toHaveLength(1));
    expect(writes(server)[0]!.body).toEqual({ text: 'PHQ-9 was 13.' });
  });
});
