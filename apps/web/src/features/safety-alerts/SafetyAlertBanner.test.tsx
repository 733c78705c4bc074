import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SafetyAlert } from '@trellis/core';
import { fakeServer, renderPage } from '../../test/render.tsx';
import { SAFETY_ALERT_STREAM_PATH, SafetyAlertBanner } from './SafetyAlertBanner.tsx';

/** A stand-in for the browser's EventSource: the test fires the server's events by hand. */
class FakeEventSource extends EventTarget {
  static readonly CLOSED = 2;
  static opened: FakeEventSource[] = [];
  readyState = 1;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    super();
    FakeEventSource.opened.push(this);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  emit(type: string, data: unknown) {
    this.dispatchEvent(new MessageEvent(type, { data: JSON.stringify(data) }));
  }
}

const ALERT: SafetyAlert = {
  id: '00000000-0000-4000-8000-0000000000a1',
  participantId: '00000000-0000-4000-8000-0000000000b1',
  participantName: 'Robin Example',
  episodeId: '00000000-0000-4000-8000-0000000000c1',
  programName: 'Adult IOP',
  responseId: '00000000-0000-4000-8000-0000000000d1',
  kind: 'phq9-item9',
  createdAt: '2026-11-18T15:00:00.000Z',
  acknowledgedAt: null,
  acknowledgedBy: null,
  action: null,
  secondsToAcknowledge: null,
};

describe('SafetyAlertBanner', () => {
  beforeEach(() => {
    FakeEventSource.opened = [];
    vi.stubGlobal('EventSource', FakeEventSource);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows a new alert when the stream announces it, and keeps it until acknowledged with a chosen action', async () => {
    let open: SafetyAlert[] = [];
    const server = fakeServer(
      (r) => (r.method === 'GET' && r.url.startsWith('/api/v1/safety-alerts') ? { body: { items: open } } : undefined),
      (r) => {
        if (r.method !== 'POST' || !r.url.endsWith(`/safety-alerts/${ALERT.id}/acknowledgement`)) return undefined;
        open = [];
        return { body: { ...ALERT, acknowledgedAt: '2026-11-18T15:05:00.000Z', acknowledgedBy: ALERT.participantId, action: 'contacted', secondsToAcknowledge: 300 } };
      },
    );
    renderPage(<SafetyAlertBanner />, { path: '/', at: '/' });
    await waitFor(() => expect(server.requests.some((r) => r.method === 'GET')).toBe(true));
    expect(screen.queryByText(/Safety alert/)).toBeNull();
    expect(FakeEventSource.opened.map((s) => s.url)).toEqual([SAFETY_ALERT_STREAM_PATH]);

    // The stream carries only the id; the banner fetches the list again.
    open = [ALERT];
    act(() => FakeEventSource.opened[0]!.emit('safety-alert', { alertId: ALERT.id }));
    expect(await screen.findByText('Safety alert: Robin Example')).toBeTruthy();

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Acknowledge' }));
    await user.click(screen.getByRole('button', { name: 'Record acknowledgement' }));
    expect(await screen.findByText('Choose what was done')).toBeTruthy();
    expect(server.requests.filter((r) => r.method === 'POST')).toEqual([]);
    expect(screen.getByText('Safety alert: Robin Example')).toBeTruthy();

    await user.click(screen.getAllByLabelText(/^What was done/)[0]!);
    await user.click(await screen.findByRole('option', { name: 'Contacted the participant', hidden: true }));
    await user.type(screen.getByLabelText(/^Note/), 'Called, safe tonight');
    await user.click(screen.getByRole('button', { name: 'Record acknowledgement' }));

    await waitFor(() => expect(screen.queryByText('Safety alert: Robin Example')).toBeNull());
    expect(server.requests.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([{ action: 'contacted', note: 'Called, safe tonight' }]);
  });

  it('refuses an answer of the wrong shape instead of showing it', async () => {
    fakeServer((r) => (r.url.startsWith('/api/v1/safety-alerts') ? { body: { items: [{ id: 'not-an-alert' }] } } : undefined));
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    renderPage(<SafetyAlertBanner />, { path: '/', at: '/' });
    await waitFor(() => expect(error).toHaveBeenCalled());
    expect(screen.queryByText(/Safety alert/)).toBeNull();
    error.mockRestore();
  });
});
