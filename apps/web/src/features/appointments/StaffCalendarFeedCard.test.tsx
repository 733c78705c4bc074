import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeServer, renderPage, type FakeRequest } from '../../test/render.tsx';
import { STAFF_FEED_PATH, StaffCalendarFeedCard } from './StaffCalendarFeedCard.tsx';

afterEach(() => vi.unstubAllGlobals());

const URL_ONE = 'http://localhost:3000/api/v1/public/staff-calendar-feeds/one/calendar.ics';
const URL_TWO = 'http://localhost:3000/api/v1/public/staff-calendar-feeds/two/calendar.ics';
const NONE = { active: false, createdAt: null };
const MADE = { active: true, createdAt: '2026-11-18T15:00:00.000Z' };

/** A feed that remembers whether it exists, answering as the server does. */
function feedServer(start: { active: boolean; createdAt: string | null }, urls: string[] = [URL_ONE, URL_TWO]) {
  let state = start;
  const made = [...urls];
  return fakeServer((r: FakeRequest) => {
    if (r.url !== STAFF_FEED_PATH) return undefined;
    if (r.method === 'GET') return { body: state };
    if (r.method === 'POST') {
      state = MADE;
      return { status: 201, body: { url: made.shift(), createdAt: MADE.createdAt } };
    }
    if (r.method === 'DELETE') {
      state = NONE;
      return { body: NONE };
    }
    return undefined;
  });
}

const render = () => renderPage(<StaffCalendarFeedCard />, { path: '/my-day', at: '/my-day' });
const card = () => screen.getByRole('region', { name: 'My calendar in my phone' });

describe('my calendar feed card', () => {
  it('says what the feed shows, makes the address once, and warns that anyone with it sees the schedule', async () => {
    const user = userEvent.setup();
    const server = feedServer(NONE);
    render();
    expect(screen.getByLabelText('Checking your calendar address')).toBeTruthy();
    await user.click(await screen.findByRole('button', { name: 'Get my calendar address' }));
    expect((await screen.findByLabelText<HTMLInputElement>('Your calendar address')).value).toBe(URL_ONE);
    expect(screen.getByRole('link', { name: 'Add to calendar' }).getAttribute('href')).toBe(
      'webcal://localhost:3000/api/v1/public/staff-calendar-feeds/one/calendar.ics',
    );
    expect(screen.getByRole('button', { name: 'Copy address' })).toBeTruthy();
    expect(card().textContent).toContain('never a participant’s name');
    expect(card().textContent).toMatch(/Anyone with this address can see your schedule/);
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('does not show an existing address again, and asks before making a new one', async () => {
    const user = userEvent.setup();
    const server = feedServer(MADE, [URL_TWO]);
    render();
    expect(await screen.findByText(/You have a calendar address, made/)).toBeTruthy();
    expect(screen.queryByLabelText('Your calendar address')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Make a new calendar address' }));
    const dialog = await screen.findByRole('dialog', { name: 'Make a new calendar address?' });
    await user.click(within(dialog).getByRole('button', { name: 'Go back' }));
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Make a new calendar address' }));
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Make a new calendar address?' })).getByRole('button', {
        name: 'Make a new address',
      }),
    );
    expect((await screen.findByLabelText<HTMLInputElement>('Your calendar address')).value).toBe(URL_TWO);
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('asks before turning the address off, then hides it and offers a new one', async () => {
    const user = userEvent.setup();
    const server = feedServer(NONE);
    render();
    await user.click(await screen.findByRole('button', { name: 'Get my calendar address' }));
    await screen.findByLabelText('Your calendar address');
    await user.click(screen.getByRole('button', { name: 'Turn off calendar address' }));
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Turn off your calendar address?' })).getByRole('button', {
        name: 'Turn off',
      }),
    );
    expect(await screen.findByRole('button', { name: 'Get my calendar address' })).toBeTruthy();
    expect(screen.queryByLabelText('Your calendar address')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Turn off calendar address' })).toBeNull();
    expect(server.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
  });

  it('says when the address could not be checked, and tries again', async () => {
    const user = userEvent.setup();
    let fail = true;
    fakeServer((r) => {
      if (r.url !== STAFF_FEED_PATH || r.method !== 'GET') return undefined;
      return fail
        ? { status: 500, body: { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'Down.' } }
        : { body: NONE };
    });
    render();
    expect(await screen.findByText('Could not check your calendar address')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Get my calendar address' })).toBeNull();
    fail = false;
    await user.click(screen.getByRole('button', { name: /try again|retry/i }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Get my calendar address' })).toBeTruthy());
  });

  it('says when the address could not be made', async () => {
    const user = userEvent.setup();
    fakeServer((r) =>
      r.url !== STAFF_FEED_PATH
        ? undefined
        : r.method === 'GET'
          ? { body: NONE }
          : {
              status: 503,
              body: { type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'Busy, try again.' },
            },
    );
    render();
    await user.click(await screen.findByRole('button', { name: 'Get my calendar address' }));
    expect(await screen.findByText('Could not make a calendar address')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('Busy, try again.');
    expect(screen.queryByLabelText('Your calendar address')).toBeNull();
  });
});
