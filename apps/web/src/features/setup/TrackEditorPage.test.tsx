import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthProvider } from '../../app/auth-context.tsx';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { fakeServer, renderPage, type FakeRequest } from '../../test/render.tsx';
import { badField } from '../../test/forms.ts';
import { DIRECTOR, eveningTrack, FACILITATOR, program, rooms, staff, TRACK_ID } from '../../test/fixtures.ts';
import type { Track } from '../../api/types.ts';
import { TrackEditorPage } from './TrackEditorPage.tsx';

type Answer = { status?: number; body?: unknown } | undefined;

function openEditor(
  onSave: (r: FakeRequest) => Answer,
  onClashCheck: (r: FakeRequest) => Answer = () => ({ body: { items: [] } }),
  track: Track = eveningTrack(),
) {
  const server = fakeServer(
    (r) => (r.url.startsWith('/api/v1/me') ? { body: DIRECTOR } : undefined),
    (r) => (r.url.startsWith('/api/v1/programs') ? { body: { items: [program] } } : undefined),
    (r) => (r.url.startsWith('/api/v1/staff') ? { body: { items: staff } } : undefined),
    (r) => (r.url.startsWith('/api/v1/rooms') ? { body: { items: rooms } } : undefined),
    (r) => (r.url === '/api/v1/tracks/facilitator-clashes' ? onClashCheck(r) : undefined),
    (r) => (r.method === 'GET' && r.url === `/api/v1/tracks/${TRACK_ID}` ? { body: track } : undefined),
    (r) => (r.method === 'PUT' ? onSave(r) : undefined),
  );
  renderPage(
    <AuthProvider>
      <RequireAuth>
        <TrackEditorPage />
      </RequireAuth>
    </AuthProvider>,
    { path: '/setup/tracks/:trackId', at: `/setup/tracks/${TRACK_ID}` },
  );
  return server;
}

afterEach(() => vi.unstubAllGlobals());

describe('the track editor', () => {
  it('says the room is booked, next to the block, when the server refuses a double booking', async () => {
    const user = userEvent.setup();
    openEditor(() => ({
      status: 409,
      body: {
        type: 'about:blank',
        title: 'Room booked',
        status: 409,
        detail: 'Cedar Room is already booked on Wednesday 2026-11-25, 18:00–19:30 (Family group).',
        errors: [{ path: 'body.blocks.1.roomId', message: 'Cedar Room is already booked on Wednesday 2026-11-25, 18:00–19:30' }],
      },
    }));
    await user.click(await screen.findByRole('button', { name: 'Save track' }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Room booked')).toBeTruthy();
    expect(within(alert).getByText(/Cedar Room is already booked/)).toBeTruthy();
    expect(screen.queryByText(/changed by someone else/i)).toBeNull();
    const secondBlock = screen.getByRole('group', { name: /^Block 2/ });
    expect(within(secondBlock).getByText(/Cedar Room is already booked on Wednesday/)).toBeTruthy();
  });

  it('asks to reload when the track was changed by someone else', async () => {
    const user = userEvent.setup();
    openEditor(() => ({
      status: 409,
      body: {
        type: 'about:blank',
        title: 'Changed by someone else',
        status: 409,
        detail: 'The track was changed by someone else. Reload to see the latest version, then try again.',
        errors: [{ path: 'version', message: 'expected 4, got 3' }],
      },
    }));
    await user.click(await screen.findByRole('button', { name: 'Save track' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Changed by someone else')).toBeTruthy();
    expect(within(alert).getByText(/Reload the page/)).toBeTruthy();
  });

  it('warns, without refusing, when a block’s facilitator already runs another track’s group then', async () => {
    const server = openEditor(
      () => ({ body: eveningTrack() }),
      () => ({
        body: {
          items: [
            {
              blockIndex: 2,
              facilitatorId: FACILITATOR.id,
              facilitatorName: FACILITATOR.name,
              trackId: '88888888-8888-4888-8888-888888888888',
              trackName: 'Daytime',
              programName: 'Adult PHP',
              weekday: 4,
              startTime: '17:00',
              endTime: '18:30',
            },
          ],
        },
      }),
    );
    expect(await screen.findByText('A facilitator is booked twice', undefined, { timeout: 4000 })).toBeTruthy();
    const thirdBlock = screen.getByRole('group', { name: /^Block 3/ });
    expect(within(thirdBlock).getByText(/Fran Facilitator also runs Adult PHP · Daytime on Thursday 17:00–18:30/)).toBeTruthy();
    await waitFor(() => expect(server.requests.some((r) => r.url === '/api/v1/tracks/facilitator-clashes')).toBe(true));
    expect(server.requests.find((r) => r.url === '/api/v1/tracks/facilitator-clashes')?.body).toMatchObject({
      programId: program.id,
      trackId: TRACK_ID,
      blocks: [
        { weekday: 1, startTime: '18:00', endTime: '21:00', facilitatorId: FACILITATOR.id },
        { weekday: 3, startTime: '18:00', endTime: '21:00', facilitatorId: FACILITATOR.id },
        { weekday: 4, startTime: '18:00', endTime: '21:00', facilitatorId: FACILITATOR.id },
      ],
    });
    expect(screen.getByRole('button', { name: 'Save track' }).hasAttribute('disabled')).toBe(false);
  });

  it('says under the block what core’s track rules refuse, and sends nothing', async () => {
    const user = userEvent.setup();
    const server = openEditor(() => ({ body: eveningTrack() }));
    const first = await screen.findByRole('group', { name: /^Block 1/ });
    await user.clear(within(first).getByLabelText(/^Title/));
    await user.clear(within(first).getByLabelText(/^Capacity/));
    await user.click(screen.getByRole('button', { name: 'Save track' }));

    expect(await within(first).findByText('Enter a title')).toBeTruthy();
    expect(within(first).getByText('Enter the capacity')).toBeTruthy();
    expect(server.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);
  });

  it('sends the template as the API reads it, keeping each block’s id and break', async () => {
    const user = userEvent.setup();
    const withBreak = eveningTrack();
    withBreak.blocks[0]!.breakMinutes = 15;
    const server = openEditor(() => ({ body: { ...withBreak, name: 'Late evening', version: 4 } }), undefined, withBreak);
    const name = await screen.findByLabelText(/^Track name/);
    await user.clear(name);
    await user.type(name, ' Late evening ');
    await user.click(screen.getByRole('button', { name: 'Save track' }));

    await waitFor(() => expect(server.requests.some((r) => r.method === 'PUT')).toBe(true));
    const body = server.requests.find((r) => r.method === 'PUT')?.body as { version: number; name: string; blocks: unknown[] };
    expect(body.version).toBe(3);
    expect(body.name).toBe('Late evening');
    expect(body.blocks).toHaveLength(3);
    expect(body.blocks[0]).toEqual({
      id: withBreak.blocks[0]!.id,
      weekday: 1,
      startTime: '18:00',
      endTime: '21:00',
      title: 'Process group',
      kind: 'group_therapy',
      breakMinutes: 15,
      facilitatorId: FACILITATOR.id,
      coFacilitatorIds: [],
      roomId: withBreak.blocks[0]!.roomId,
      capacity: 12,
    });
  });

  it('picks a block’s co-facilitators, never offering its facilitator, and sends and checks them', async () => {
    const user = userEvent.setup();
    const server = openEditor(() => ({ body: eveningTrack() }));
    const first = await screen.findByRole('group', { name: /^Block 1/ });
    const picker = within(first)
      .getAllByLabelText(/^Co-facilitators/)
      .find((el) => el.tagName === 'INPUT')!;
    await user.click(picker);
    const list = await waitFor(() => document.getElementById(picker.getAttribute('aria-controls') ?? '')!);
    expect(within(list).queryByRole('option', { name: FACILITATOR.name, hidden: true })).toBeNull();
    await user.click(within(list).getByRole('option', { name: DIRECTOR.name, hidden: true }));
    await waitFor(
      () =>
        expect(
          server.requests.some(
            (r) => r.url === '/api/v1/tracks/facilitator-clashes' && JSON.stringify(r.body).includes(`"coFacilitatorIds":["${DIRECTOR.id}"]`),
          ),
        ).toBe(true),
      { timeout: 4000 },
    );
    await user.click(screen.getByRole('button', { name: 'Save track' }));
    await waitFor(() => expect(server.requests.some((r) => r.method === 'PUT')).toBe(true));
    const body = server.requests.find((r) => r.method === 'PUT')?.body as { blocks: { coFacilitatorIds: string[] }[] };
    expect(body.blocks.map((b) => b.coFacilitatorIds)).toEqual([[DIRECTOR.id], [], []]);
  });

  it('shows the server’s refusal of one co-facilitator under that block’s picker', async () => {
    const user = userEvent.setup();
    openEditor(() => badField('body.blocks.1.coFacilitatorIds.0', `${DIRECTOR.name} is no longer active`));
    await user.click(await screen.findByRole('button', { name: 'Save track' }));
    const second = screen.getByRole('group', { name: /^Block 2/ });
    expect(await within(second).findByText(`${DIRECTOR.name} is no longer active`)).toBeTruthy();
  });

  it('puts the server’s refusal of a block’s field under that block', async () => {
    const user = userEvent.setup();
    openEditor(() => badField('body.blocks.2.title', 'must be at most 120 characters'));
    await user.click(await screen.findByRole('button', { name: 'Save track' }));
    const third = screen.getByRole('group', { name: /^Block 3/ });
    expect(await within(third).findByText('must be at most 120 characters')).toBeTruthy();
    expect(within(third).getByLabelText(/^Title/).getAttribute('aria-invalid')).toBe('true');
  });

  it('shows a block’s unbilled break and sends the edited one, which does not count toward the hours', async () => {
    const user = userEvent.setup();
    const withLunch = eveningTrack();
    withLunch.blocks = withLunch.blocks.map((b, i) => (i === 0 ? { ...b, breakMinutes: 30 } : b));
    const server = openEditor(() => ({ body: withLunch }), undefined, withLunch);
    const firstBlock = await screen.findByRole('group', { name: /^Block 1/ }, { timeout: 8000 });
    const breakField = await within(firstBlock).findByRole('textbox', { name: /Unbilled break/ });
    await waitFor(() => expect((breakField as HTMLInputElement).value).toBe('30'));
    expect(within(firstBlock).getByText(/30 min break unbilled/)).toBeTruthy();

    await user.clear(breakField);
    await user.type(breakField, '45');
    await user.click(screen.getByRole('button', { name: 'Save track' }));
    await waitFor(() => expect(server.requests.some((r) => r.method === 'PUT')).toBe(true));
    const sent = server.requests.find((r) => r.method === 'PUT')?.body as { blocks: { breakMinutes: number }[] };
    expect(sent.blocks.map((b) => b.breakMinutes)).toEqual([45, 0, 0]);
  });

  it('refuses a break as long as the block before sending', async () => {
    const user = userEvent.setup();
    const server = openEditor(() => ({ body: eveningTrack() }));
    const firstBlock = await screen.findByRole('group', { name: /^Block 1/ }, { timeout: 8000 });
    const breakField = await within(firstBlock).findByRole('textbox', { name: /Unbilled break/ });
    await user.clear(breakField);
    await user.type(breakField, '180');
    await user.click(screen.getByRole('button', { name: 'Save track' }));
    expect(await within(firstBlock).findByText('Must be shorter than the block', undefined, { timeout: 8000 })).toBeTruthy();
    expect(server.requests.some((r) => r.method === 'PUT')).toBe(false);
  });
});
