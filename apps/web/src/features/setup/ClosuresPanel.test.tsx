import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeServer, renderPage } from '../../test/render.tsx';
import { SITE_ID } from '../../test/fixtures.ts';
import { ClosuresPanel } from './ClosuresPanel.tsx';

const CLOSURE_ID = '77777777-7777-4777-8777-777777777777';
const thanksgiving = {
  id: CLOSURE_ID,
  siteId: SITE_ID,
  siteName: 'Main Street',
  fromDate: '2026-11-26',
  toDate: '2026-11-27',
  reason: 'Thanksgiving',
  cancelledSessions: 4,
};

function openClosures(canWrite: boolean) {
  let deleted = false;
  const server = fakeServer(
    (r) => (r.url.startsWith('/api/v1/sites') ? { body: { items: [] } } : undefined),
    (r) => (r.method === 'GET' && r.url.startsWith('/api/v1/closures') ? { body: { items: deleted ? [] : [thanksgiving] } } : undefined),
    (r) => {
      if (r.method !== 'DELETE' || r.url !== `/api/v1/closures/${CLOSURE_ID}`) return undefined;
      deleted = true;
      return { body: { restoredSessions: 3, stillClosedSessions: 1 } };
    },
  );
  renderPage(<ClosuresPanel canWrite={canWrite} />, { path: '/setup/closures', at: '/setup/closures' });
  return server;
}

afterEach(() => vi.unstubAllGlobals());

describe('deleting a closure', () => {
  it('says what happens to the sessions it cancelled and deletes only once confirmed', async () => {
    const user = userEvent.setup();
    const server = openClosures(true);
    await user.click(await screen.findByRole('button', { name: 'Delete the closure Thanksgiving at Main Street' }, { timeout: 8000 }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this closure?' });
    expect(within(dialog).getByText(/The 4 sessions it cancelled will be scheduled again, unless another closure still covers their day/)).toBeTruthy();
    expect(within(dialog).getByText(/cancelled one by one, for another reason, stay cancelled/)).toBeTruthy();

    await user.click(within(dialog).getByRole('button', { name: 'Keep closure' }));
    expect(server.requests.some((r) => r.method === 'DELETE')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Delete the closure Thanksgiving at Main Street' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Delete closure' }));
    expect(await screen.findByText('3 sessions scheduled again; 1 session still cancelled by another closure.', undefined, { timeout: 8000 })).toBeTruthy();
    expect(server.requests.filter((r) => r.method === 'DELETE').map((r) => r.url)).toEqual([`/api/v1/closures/${CLOSURE_ID}`]);
    await waitFor(() => expect(screen.queryByText('Thanksgiving')).toBeNull());
  });

  it('offers no delete to someone who may only read setup', async () => {
    openClosures(false);
    expect(await screen.findByText('Thanksgiving', undefined, { timeout: 8000 })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Delete the closure/ })).toBeNull();
  });
});
