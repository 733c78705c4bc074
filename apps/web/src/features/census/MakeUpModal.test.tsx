import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeServer, renderPage, type FakeRequest } from '../../test/render.tsx';
import { sent } from '../../test/forms.ts';
import { ALEX, BLAIR, CASEY, eveningTrack, PROGRAM_ID, rooms, staff, TRACK_ID } from '../../test/fixtures.ts';
import { ledger, makeUpAnswer, WEDNESDAY_EVENING } from './make-up.fixtures.ts';
import { MakeUpModal } from './MakeUpModal.tsx';

type Answer = { status?: number; body?: unknown } | undefined;

function open(book: (r: FakeRequest) => Answer = () => undefined, census?: (r: FakeRequest) => Answer) {
  const onClose = vi.fn();
  const server = fakeServer(
    (r) => (census && r.method === 'GET' && r.url.startsWith('/api/v1/census') ? census(r) : undefined),
    (r) => (r.method === 'GET' && r.url.startsWith(`/api/v1/participants/${ALEX}/make-up-options`) ? { body: makeUpAnswer } : undefined),
    (r) =>
      r.method === 'GET' && r.url.includes('/roster-candidates')
        ? { body: { items: [ALEX, BLAIR].map((id, i) => ({ participantId: id, displayName: i === 0 ? 'Alex Rivera' : 'Blair Chen', trackId: TRACK_ID, trackName: 'Evening', onTrack: true })) } }
        : undefined,
    (r) => (r.method === 'GET' && r.url.startsWith('/api/v1/tracks') ? { body: { items: [eveningTrack()] } } : undefined),
    (r) => (r.method === 'GET' && r.url.startsWith('/api/v1/rooms') ? { body: { items: rooms } } : undefined),
    (r) => (r.method === 'GET' && r.url.startsWith('/api/v1/staff') ? { body: { items: staff } } : undefined),
    (r) => (r.method === 'POST' ? book(r) : undefined),
  );
  renderPage(<MakeUpModal participantId={ALEX} displayName="Alex Rivera" onClose={onClose} />, { path: '/', at: '/' });
  return { server, onClose };
}

afterEach(() => vi.unstubAllGlobals());

describe('the make-up modal', () => {
  it('lists the options with the hours each recovers, most first', async () => {
    open();
    const list = await screen.findByRole('list', { name: 'Make-up options' }, { timeout: 8000 });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((i) => i.textContent)).toEqual([expect.stringMatching(/Evening group.*\+3 h/), expect.stringMatching(/Open hour.*1 place left.*\+1 h/)]);
    expect(screen.getByText(/3 h short of the requirement this week/)).toBeTruthy();
  });

  it('books one after a confirmation, and closes', async () => {
    const user = userEvent.setup();
    const { server, onClose } = open(() => ({
      status: 201,
      body: { sessionId: WEDNESDAY_EVENING, participantId: ALEX, episodeId: 'e-1', booked: true, ledger: ledger(540, 'on-track') },
    }));
    await user.click(await screen.findByRole('button', { name: /Book Evening group/ }, { timeout: 8000 }));
    // Nothing is sent before the confirmation.
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    expect(screen.getByText(/recovers 3 h toward this week/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Book make-up' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(sent(server.requests, 'POST', `/api/v1/sessions/${WEDNESDAY_EVENING}/guests`)).toEqual([{ participantId: ALEX }]);
  });

  it('shows why a booking was refused (the last place went a moment ago) and stays open', async () => {
    const user = userEvent.setup();
    const { onClose } = open(() => ({
      status: 422,
      body: { type: 'about:blank', title: 'Unprocessable', status: 422, detail: 'Open hour cannot be booked as a make-up: the session is full.', errors: [{ path: 'params.id', message: 'the session is full' }] },
    }));
    await user.click(await screen.findByRole('button', { name: /Book Open hour/ }, { timeout: 8000 }));
    await user.click(screen.getByRole('button', { name: 'Book make-up' }));
    expect(await screen.findByText(/the session is full/)).toBeTruthy();
    expect(onClose).not.toHaveBeenCalled();
  });

  it('plans a one-off make-up session on the participant’s track, prefilled with just them', async () => {
    const user = userEvent.setup();
    open();
    await user.click(await screen.findByRole('button', { name: 'Plan a one-off make-up session' }, { timeout: 8000 }));
    expect(await screen.findByRole('dialog', { name: 'Add a one-off session' })).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>(/^Title/).value).toBe('Make-up');
    expect(screen.getByRole<HTMLInputElement>('switch', { name: /Only chosen participants/ }).checked).toBe(true);
    expect((await screen.findByRole<HTMLInputElement>('checkbox', { name: 'Alex Rivera' })).checked).toBe(true);
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Blair Chen' }).checked).toBe(false);
  });

  it('offers the one-off for everyone of the program at risk this week, chosen beforehand and editable', async () => {
    const user = userEvent.setup();
    const row = (participantId: string, displayName: string, status: 'at-risk' | 'met') => ({
      participantId,
      displayName,
      episodeId: `e-${displayName}`,
      programId: PROGRAM_ID,
      programName: 'Adult IOP',
      trackId: TRACK_ID,
      trackName: 'Evening',
      primaryClinicianId: null,
      primaryClinicianName: null,
      ledger: ledger(360, status),
      services: { required: 0, booked: 0, due: 0, missing: 0 },
    });
    const census = {
      week: { monday: '2026-11-16', sunday: '2026-11-22', timeZone: 'America/New_York', today: '2026-11-18', tense: 'current' },
      rows: [row(ALEX, 'Alex Rivera', 'at-risk'), row(BLAIR, 'Blair Chen', 'at-risk'), row(CASEY, 'Casey Okafor', 'met')],
      counts: { met: 1, onTrack: 0, atRisk: 2, short: 0, rollsNotTaken: 0 },
    };
    const { server } = open(undefined, () => ({ body: census }));
    expect(await screen.findByRole('radio', { name: 'All 2 participants of Adult IOP at risk this week' }, { timeout: 8000 })).toHaveProperty('checked', true);
    const censusAsk = server.requests.find((r) => r.url.startsWith('/api/v1/census'))!;
    expect(censusAsk.url).toContain(`programId=${PROGRAM_ID}`);
    expect(censusAsk.url).toContain('week=2026-11-16');

    await user.click(screen.getByRole('button', { name: 'Plan a one-off make-up session' }));
    expect(await screen.findByRole('dialog', { name: 'Add a one-off session' })).toBeTruthy();
    expect((await screen.findByRole<HTMLInputElement>('checkbox', { name: 'Alex Rivera' })).checked).toBe(true);
    const blair = screen.getByRole<HTMLInputElement>('checkbox', { name: 'Blair Chen' });
    expect(blair.checked).toBe(true);
    // Still the coordinator's choice.
    await user.click(blair);
    expect(blair.checked).toBe(false);
  });
});
