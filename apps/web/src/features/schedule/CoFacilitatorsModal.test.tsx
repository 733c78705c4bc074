import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeServer, renderPage, type FakeRequest } from '../../test/render.tsx';
import { sent } from '../../test/forms.ts';
import { DIRECTOR, FACILITATOR, SESSION_ID, sessionSummary, staff } from '../../test/fixtures.ts';
import { CoFacilitatorsModal } from './CoFacilitatorsModal.tsx';

type Answer = { status?: number; body?: unknown } | undefined;
const url = `/api/v1/sessions/${SESSION_ID}/co-facilitators`;

function open(session: ReturnType<typeof sessionSummary>, save: (r: FakeRequest) => Answer, onClose: () => void = () => undefined) {
  const server = fakeServer(
    (r) => (r.method === 'GET' && r.url.startsWith('/api/v1/staff') ? { body: { items: staff } } : undefined),
    (r) => (r.method !== 'GET' ? save(r) : undefined),
  );
  renderPage(<CoFacilitatorsModal session={session} onClose={onClose} />, { path: '/', at: '/' });
  return server;
}

/** The picker's input (the dialog is titled "Co-facilitators" too). */
const picker = async () => (await screen.findAllByLabelText(/^Co-facilitators/)).find((el) => el.tagName === 'INPUT')!;

afterEach(() => vi.unstubAllGlobals());

describe('changing a session’s co-facilitators', () => {
  const led = sessionSummary({ facilitatorId: FACILITATOR.id, facilitatorName: FACILITATOR.name, coFacilitators: [] });

  it('adds a co-facilitator, never offering the lead facilitator, and closes once saved', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    const server = open(led, () => ({ body: { ...led, coFacilitators: [{ id: DIRECTOR.id, name: DIRECTOR.name }] } }), onClose);
    await user.click(await picker());
    expect(screen.queryByRole('option', { name: FACILITATOR.name, hidden: true })).toBeNull();
    await user.click((await screen.findAllByRole('option', { name: DIRECTOR.name, hidden: true })).at(-1)!);
    await user.click(screen.getByRole('button', { name: 'Save co-facilitators' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(sent(server.requests, 'PUT', url)).toEqual([{ coFacilitatorIds: [DIRECTOR.id] }]);
  });

  it('removes every co-facilitator by sending an empty list', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    const withCo = { ...led, coFacilitators: [{ id: DIRECTOR.id, name: DIRECTOR.name }] };
    const server = open(withCo, () => ({ body: led }), onClose);
    expect((await screen.findAllByText(DIRECTOR.name)).length).toBeGreaterThan(0);
    // Backspace in the picker takes off the last one named.
    await user.click(await picker());
    await user.keyboard('{Backspace}');
    await user.click(screen.getByRole('button', { name: 'Save co-facilitators' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(sent(server.requests, 'PUT', url)).toEqual([{ coFacilitatorIds: [] }]);
  });

  it('shows a clash the server names under the picker and stays open', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    open(
      led,
      () => ({
        status: 409,
        body: { title: 'Conflict', status: 409, detail: 'Busy', errors: [{ path: 'body.coFacilitatorIds.0', message: `${DIRECTOR.name} is away then (leave)` }] },
      }),
      onClose,
    );
    await user.click(await picker());
    await user.click((await screen.findAllByRole('option', { name: DIRECTOR.name, hidden: true })).at(-1)!);
    await user.click(screen.getByRole('button', { name: 'Save co-facilitators' }));
    expect(await screen.findByText(/is away then \(leave\)/)).toBeTruthy();
    expect(onClose).not.toHaveBeenCalled();
  });
});
