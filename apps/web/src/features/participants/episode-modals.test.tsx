import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Episode } from '../../api/types.ts';
import { fakeServer, renderPage, type FakeRequest } from '../../test/render.tsx';
import { badField, choose, sent } from '../../test/forms.ts';
import { eveningTrack, PROGRAM_ID, TRACK_ID } from '../../test/fixtures.ts';
import { DischargeModal } from './DischargeModal.tsx';
import { MoveTrackModal } from './MoveTrackModal.tsx';

type Answer = { status?: number; body?: unknown } | undefined;

const EPISODE_ID = '99999999-9999-4999-8999-999999999991';
const DAYTIME_ID = '33333333-3333-4333-8333-333333333334';

const episode: Episode = {
  id: EPISODE_ID,
  participantId: '22222222-2222-4222-8222-222222222221',
  programId: PROGRAM_ID,
  programName: 'Adult IOP',
  levelOfCare: 'iop',
  part2: false,
  admittedOn: '2026-11-02',
  expectedWeeks: 8,
  primaryClinicianId: null,
  primaryClinicianName: null,
  status: 'active',
  dischargedOn: null,
  disposition: null,
  dischargeNote: null,
  currentTrackId: DAYTIME_ID,
  currentTrackName: 'Daytime',
  memberships: [{ trackId: DAYTIME_ID, trackName: 'Daytime', fromDate: '2026-11-02', toDate: null }],
  version: 4,
};

function open(element: React.ReactNode, save: (r: FakeRequest) => Answer) {
  const server = fakeServer(
    (r) => (r.method === 'GET' && r.url.startsWith('/api/v1/tracks') ? { body: { items: [eveningTrack()] } } : undefined),
    (r) => (r.method !== 'GET' ? save(r) : undefined),
  );
  renderPage(element, { path: '/', at: '/' });
  return server;
}

// The forms start from today in the browser's zone: a fixed day, not the wall clock.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-25T17:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('discharging an episode', () => {
  it('asks how the episode ended before going on', async () => {
    const user = userEvent.setup();
    const server = open(<DischargeModal episode={episode} participantName="Avery Quill" onClose={() => undefined} />, () => undefined);
    await user.click(await screen.findByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('Choose how the episode ended')).toBeTruthy();
    expect(screen.queryByText('Confirm discharge')).toBeNull();
    expect(server.requests).toHaveLength(0);
  });

  it('sends the discharge with the episode’s version once confirmed', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    const server = open(<DischargeModal episode={episode} participantName="Avery Quill" onClose={onClose} />, () => ({
      body: { ...episode, status: 'discharged', dischargedOn: '2026-11-25', disposition: 'completed', version: 5 },
    }));
    await choose(user, /^Disposition/, /Completed/);
    await user.type(screen.getByLabelText(/^Note/), ' Stepped down to outpatient ');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.click(await screen.findByRole('button', { name: 'Discharge Avery Quill' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(sent(server.requests, 'POST', `/api/v1/episodes/${EPISODE_ID}/discharge`)).toEqual([
      { dischargedOn: '2026-11-25', disposition: 'completed', note: 'Stepped down to outpatient', version: 4 },
    ]);
  });

  it('goes back to the form with the server’s refusal under the date', async () => {
    const user = userEvent.setup();
    open(<DischargeModal episode={episode} participantName="Avery Quill" onClose={() => undefined} />, () =>
      badField('body.dischargedOn', 'is before attendance recorded on 2026-11-24'),
    );
    await choose(user, /^Disposition/, /Completed/);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.click(await screen.findByRole('button', { name: 'Discharge Avery Quill' }));
    expect(await screen.findByText('is before attendance recorded on 2026-11-24')).toBeTruthy();
    expect(screen.getByLabelText(/^Discharge date/).getAttribute('aria-invalid')).toBe('true');
  });
});

describe('moving an episode to another track', () => {
  it('asks for the new track, and sends nothing without it', async () => {
    const user = userEvent.setup();
    const server = open(<MoveTrackModal episode={episode} onClose={() => undefined} />, () => undefined);
    await user.click(await screen.findByRole('button', { name: 'Move track' }));
    expect(await screen.findByText('Choose the new track')).toBeTruthy();
    expect(server.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
  });

  it('sends the move from today with the episode’s version', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    const server = open(<MoveTrackModal episode={episode} onClose={onClose} />, () => ({
      body: { ...episode, currentTrackId: TRACK_ID, currentTrackName: 'Evening', version: 5 },
    }));
    await choose(user, /^New track/, /^Evening/);
    await user.click(screen.getByRole('button', { name: 'Move track' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(sent(server.requests, 'POST', `/api/v1/episodes/${EPISODE_ID}/track-moves`)).toEqual([
      { trackId: TRACK_ID, fromDate: '2026-11-25', version: 4 },
    ]);
  });

  it('puts the server’s refusal under the field it names', async () => {
    const user = userEvent.setup();
    open(<MoveTrackModal episode={episode} onClose={() => undefined} />, () => ({
      status: 422,
      body: { type: 'about:blank', title: 'Unprocessable', status: 422, detail: 'The track is full.', errors: [{ path: 'body.trackId', message: 'Evening has no places left' }] },
    }));
    await choose(user, /^New track/, /^Evening/);
    await user.click(screen.getByRole('button', { name: 'Move track' }));
    expect(await screen.findByText('Evening has no places left')).toBeTruthy();
    expect(screen.getAllByLabelText(/^New track/)[0]?.getAttribute('aria-invalid')).toBe('true');
  });
});
