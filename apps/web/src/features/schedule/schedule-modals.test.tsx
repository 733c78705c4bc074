import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeServer, renderPage, type FakeRequest } from '../../test/render.tsx';
import { badField, sent } from '../../test/forms.ts';
import {
  DIRECTOR,
  eveningTrack,
  rooms,
  SESSION_ID,
  sessionSummary,
  SITE_ID,
  staff,
  TRACK_ID,
} from '../../test/fixtures.ts';
import { AddSessionModal } from './AddSessionModal.tsx';
import { CancelSessionModal } from './CancelSessionModal.tsx';

type Answer = { status?: number; body?: unknown } | undefined;

function open(element: React.ReactNode, save: (r: FakeRequest) => Answer) {
  const server = fakeServer(
    (r) => (r.method === 'GET' && r.url.startsWith('/api/v1/rooms') ? { body: { items: rooms } } : undefined),
    (r) => (r.method === 'GET' && r.url.startsWith('/api/v1/staff') ? { body: { items: staff } } : undefined),
    (r) => (r.method !== 'GET' ? save(r) : undefined),
  );
  renderPage(element, { path: '/', at: '/' });
  return server;
}

const addSession = (onClose: () => void = () => undefined) => (
  <AddSessionModal siteId={SITE_ID} tracks={[eveningTrack()]} defaultDate="2026-11-25" onClose={onClose} />
);

async function typeTime(user: ReturnType<typeof userEvent.setup>, label: string, time: string) {
  await user.click(screen.getByLabelText(new RegExp(`^${label}`)));
  await user.keyboard(time.replace(':', ''));
}

afterEach(() => vi.unstubAllGlobals());

describe('adding a one-off session', () => {
  it('says under each field what core’s session rules need, and sends nothing', async () => {
    const user = userEvent.setup();
    const server = open(addSession(), () => undefined);
    await user.click(await screen.findByRole('button', { name: 'Add session' }));
    expect(await screen.findByText('Enter a title')).toBeTruthy();
    expect(screen.getByText('Enter a start time')).toBeTruthy();
    expect(screen.getByText('Enter an end time')).toBeTruthy();
    expect(server.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
  });

  it('sends the session as the API reads it', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    const server = open(addSession(onClose), () => ({
      status: 201,
      body: sessionSummary({ title: 'Make-up group', localDate: '2026-11-25', oneOff: true }),
    }));
    await user.type(await screen.findByLabelText(/^Title/), ' Make-up group ');
    await typeTime(user, 'Starts', '10:00');
    await typeTime(user, 'Ends', '11:30');
    await user.click(screen.getByRole('button', { name: 'Add session' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(sent(server.requests, 'POST', '/api/v1/sessions')).toEqual([
      {
        trackId: TRACK_ID,
        localDate: '2026-11-25',
        startTime: '10:00',
        endTime: '11:30',
        title: 'Make-up group',
        kind: 'group_therapy',
        facilitatorId: null,
        roomId: null,
        capacity: 12,
      },
    ]);
  });

  it('sends the co-facilitators picked, and shows a clash under their field', async () => {
    const user = userEvent.setup();
    const server = open(addSession(), () => ({
      status: 409,
      body: {
        title: 'Conflict',
        status: 409,
        detail: 'Busy',
        errors: [
          {
            path: 'body.coFacilitatorIds.0',
            message: `${DIRECTOR.name} has the group “Evening” at Wed 25 Nov 10:00–11:00`,
          },
        ],
      },
    }));
    await user.type(await screen.findByLabelText(/^Title/), 'Make-up group');
    await typeTime(user, 'Starts', '10:00');
    await typeTime(user, 'Ends', '11:30');
    await user.click(screen.getAllByLabelText(/^Co-facilitators/)[0]!);
    await user.click((await screen.findAllByRole('option', { name: DIRECTOR.name, hidden: true })).at(-1)!);
    await user.click(screen.getByRole('button', { name: 'Add session' }));
    expect(await screen.findByText(/has the group “Evening”/)).toBeTruthy();
    expect(sent(server.requests, 'POST', '/api/v1/sessions')).toEqual([
      expect.objectContaining({ coFacilitatorIds: [DIRECTOR.id] }),
    ]);
  });

  it('puts the server’s refusal under the field it names', async () => {
    const user = userEvent.setup();
    open(addSession(), () => badField('body.localDate', 'is a day the site is closed (Thanksgiving)'));
    await user.type(await screen.findByLabelText(/^Title/), 'Make-up group');
    await typeTime(user, 'Starts', '10:00');
    await typeTime(user, 'Ends', '11:30');
    await user.click(screen.getByRole('button', { name: 'Add session' }));
    expect(await screen.findByText('is a day the site is closed (Thanksgiving)')).toBeTruthy();
  });
});

describe('cancelling a session', () => {
  const session = sessionSummary();

  it('asks for the reason participants and staff will see, and sends nothing without it', async () => {
    const user = userEvent.setup();
    const server = open(<CancelSessionModal session={session} onClose={() => undefined} />, () => undefined);
    await user.type(await screen.findByLabelText(/^Reason/), '   ');
    await user.click(screen.getByRole('button', { name: 'Cancel session' }));
    expect(
      await screen.findByText('Say why the session is cancelled; participants and staff will see it'),
    ).toBeTruthy();
    expect(server.requests).toHaveLength(0);
  });

  it('sends the reason, trimmed', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    const server = open(<CancelSessionModal session={session} onClose={onClose} />, () => ({
      body: { ...session, status: 'cancelled', cancelReason: 'Facilitator ill' },
    }));
    await user.type(await screen.findByLabelText(/^Reason/), ' Facilitator ill ');
    await user.click(screen.getByRole('button', { name: 'Cancel session' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(sent(server.requests, 'POST', `/api/v1/sessions/${SESSION_ID}/cancel`)).toEqual([
      { reason: 'Facilitator ill' },
    ]);
  });

  it('puts the server’s refusal under the reason', async () => {
    const user = userEvent.setup();
    open(<CancelSessionModal session={session} onClose={() => undefined} />, () =>
      badField('body.reason', 'must be at most 500 characters'),
    );
    await user.type(await screen.findByLabelText(/^Reason/), 'Snow');
    await user.click(screen.getByRole('button', { name: 'Cancel session' }));
    expect(await screen.findByText('must be at most 500 characters')).toBeTruthy();
    expect(screen.getByLabelText(/^Reason/).getAttribute('aria-invalid')).toBe('true');
  });
});
