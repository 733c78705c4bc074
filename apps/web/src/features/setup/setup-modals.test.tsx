import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEFAULT_PER_DIEM_MIN_HOURS } from '@trellis/core';
import type { Site } from '../../api/types.ts';
import { fakeServer, renderPage, type FakeRequest } from '../../test/render.tsx';
import { badField, choose, sent } from '../../test/forms.ts';
import { program, rooms, ROOM_ID, SITE_ID } from '../../test/fixtures.ts';
import { SiteModal } from './SiteModal.tsx';
import { RoomModal } from './RoomModal.tsx';
import { ProgramModal } from './ProgramModal.tsx';
import { ClosuresPanel } from './ClosuresPanel.tsx';

type Answer = { status?: number; body?: unknown } | undefined;

const site: Site = { id: SITE_ID, name: 'Main Street', timeZone: 'America/New_York', address: null, version: 2 };

function open(element: React.ReactNode, save: (r: FakeRequest) => Answer) {
  const onClose = vi.fn();
  const server = fakeServer(
    (r) => (r.method === 'GET' && r.url.startsWith('/api/v1/sites') ? { body: { items: [site] } } : undefined),
    (r) => (r.method === 'GET' && r.url.startsWith('/api/v1/closures') ? { body: { items: [] } } : undefined),
    (r) => (r.method !== 'GET' ? save(r) : undefined),
  );
  renderPage(element, { path: '/', at: '/' });
  return { server, onClose };
}

afterEach(() => vi.unstubAllGlobals());

describe('the site form', () => {
  it('says what is missing under each field, and sends nothing', async () => {
    const user = userEvent.setup();
    const { server } = open(<SiteModal site={site} onClose={() => undefined} />, () => ({ body: site }));
    await user.clear(await screen.findByLabelText(/^Name/));
    await user.click(screen.getByRole('button', { name: 'Save site' }));
    expect(await screen.findByText('Enter the site’s name')).toBeTruthy();
    expect(server.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
  });

  it('sends the edit as the API reads it: trimmed, blanks as null, with the version read', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    const { server } = open(<SiteModal site={site} onClose={onClose} />, () => ({ body: { ...site, name: 'Riverside', version: 3 } }));
    await user.clear(await screen.findByLabelText(/^Name/));
    await user.type(screen.getByLabelText(/^Name/), '  Riverside ');
    await user.click(screen.getByRole('button', { name: 'Save site' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(sent(server.requests, 'PATCH', `/api/v1/sites/${SITE_ID}`)).toEqual([
      { version: 2, name: 'Riverside', timeZone: 'America/New_York', address: null },
    ]);
  });

  it('puts the server’s refusal under the field it names', async () => {
    const user = userEvent.setup();
    open(<SiteModal site={null} onClose={() => undefined} />, () => badField('body.address', 'must be at most 300 characters'));
    await user.type(await screen.findByLabelText(/^Name/), 'Riverside');
    await user.click(screen.getByRole('button', { name: 'Add site' }));
    const address = screen.getByLabelText(/^Address/);
    await waitFor(() => expect(address.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('must be at most 300 characters')).toBeTruthy();
  });
});

describe('the room form', () => {
  it('asks a virtual room for an https meeting link', async () => {
    const user = userEvent.setup();
    const { server } = open(<RoomModal room={null} sites={[site]} defaultSiteId={SITE_ID} onClose={() => undefined} />, () => undefined);
    await user.click(await screen.findByText('Virtual room'));
    await user.type(screen.getByLabelText(/^Name/), 'Telehealth 1');
    await user.click(screen.getByRole('button', { name: 'Add room' }));
    expect(await screen.findByText('A virtual room needs its meeting link')).toBeTruthy();
    await user.type(screen.getByLabelText(/^Meeting link/), 'http://meet.example.test/a');
    await user.click(screen.getByRole('button', { name: 'Add room' }));
    expect(await screen.findByText('Must be an https:// address')).toBeTruthy();
    expect(server.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
  });

  it('sends only what an edit may change, with the version read', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    const room = rooms[0]!;
    const { server } = open(<RoomModal room={room} sites={[site]} defaultSiteId={SITE_ID} onClose={onClose} />, () => ({ body: { ...room, capacity: 10, version: 2 } }));
    const capacity = await screen.findByLabelText(/^Capacity/);
    await user.clear(capacity);
    await user.type(capacity, '10');
    await user.click(screen.getByRole('button', { name: 'Save room' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(sent(server.requests, 'PATCH', `/api/v1/rooms/${ROOM_ID}`)).toEqual([
      { version: 1, name: 'Cedar Room', capacity: 10, meetingUrl: null, active: true },
    ]);
  });

  it('puts the server’s refusal under the field it names', async () => {
    const user = userEvent.setup();
    open(<RoomModal room={null} sites={[site]} defaultSiteId={SITE_ID} onClose={() => undefined} />, () => badField('body.name', 'is already a room at this site'));
    await user.type(await screen.findByLabelText(/^Name/), 'Cedar Room');
    await user.click(screen.getByRole('button', { name: 'Add room' }));
    expect(await screen.findByText('is already a room at this site')).toBeTruthy();
    expect(screen.getByLabelText(/^Name/).getAttribute('aria-invalid')).toBe('true');
  });
});

describe('the program form', () => {
  it('holds weekly hours to quarter hours and the minimum to the maximum', async () => {
    const user = userEvent.setup();
    const { server } = open(<ProgramModal program={program} sites={[site]} onClose={() => undefined} />, () => undefined);
    const minimum = await screen.findByLabelText(/^Weekly hours, minimum/);
    await user.clear(minimum);
    await user.type(minimum, '9.1');
    await user.click(screen.getByRole('button', { name: 'Save program' }));
    expect(await screen.findByText('Must be in quarter hours')).toBeTruthy();
    await user.clear(minimum);
    await user.type(minimum, '12');
    await user.type(screen.getByLabelText(/^Weekly hours, maximum/), '10');
    await user.click(screen.getByRole('button', { name: 'Save program' }));
    expect(await screen.findByText('Must not be more than the maximum (10 h)')).toBeTruthy();
    expect(server.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
  });

  it('sends a new program without the fields only an edit has', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    const { server } = open(<ProgramModal program={null} sites={[site]} onClose={onClose} />, () => ({ body: { ...program, name: 'Evening IOP' } }));
    await user.type(await screen.findByLabelText(/^Name/), 'Evening IOP');
    await user.click(screen.getByRole('button', { name: 'Add program' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const [body] = sent(server.requests, 'POST', '/api/v1/programs');
    expect(body).toEqual({
      siteId: SITE_ID,
      name: 'Evening IOP',
      levelOfCare: 'iop',
      population: 'adult',
      focus: 'mental_health',
      minWeeklyHours: 9,
      maxWeeklyHours: 19,
      perDiemMinHours: DEFAULT_PER_DIEM_MIN_HOURS,
    });
  });

  it('puts the server’s refusal under the field it names', async () => {
    const user = userEvent.setup();
    const { server } = open(<ProgramModal program={program} sites={[site]} onClose={() => undefined} />, () =>
      badField('body.focus', 'cannot change Part 2 status once the program has episodes'),
    );
    await choose(user, /^Focus/, /Substance use/);
    await user.click(screen.getByRole('button', { name: 'Save program' }));
    expect(await screen.findByText('cannot change Part 2 status once the program has episodes')).toBeTruthy();
    expect(screen.getAllByLabelText(/^Focus/)[0]?.getAttribute('aria-invalid')).toBe('true');
    expect(sent(server.requests, 'PATCH', `/api/v1/programs/${program.id}`)).toMatchObject([{ version: 1, focus: 'substance_use', active: true }]);
  });
});

describe('the closures form', () => {
  it('asks for the site, the first day and a reason before sending', async () => {
    const user = userEvent.setup();
    const { server } = open(<ClosuresPanel canWrite />, () => undefined);
    await user.click(await screen.findByRole('button', { name: 'Close these days' }));
    expect(await screen.findByText('Choose the site')).toBeTruthy();
    expect(screen.getByText('Enter the first day')).toBeTruthy();
    expect(screen.getByText('Say why the site is closed')).toBeTruthy();
    expect(server.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
  });

  it('sends a one-day closure with the same first and last day', async () => {
    const user = userEvent.setup();
    const { server } = open(<ClosuresPanel canWrite />, () => ({
      body: {
        closure: { id: '88888888-8888-4888-8888-888888888888', siteId: SITE_ID, siteName: 'Main Street', fromDate: '2026-11-26', toDate: '2026-11-26', reason: 'Thanksgiving', cancelledSessions: 2 },
        cancelledSessions: 2,
        keptSessions: 0,
      },
    }));
    await choose(user, /^Site/, 'Main Street');
    await user.type(screen.getByLabelText(/^First day/), '2026-11-26');
    await user.type(screen.getByLabelText(/^Reason/), ' Thanksgiving ');
    await user.click(screen.getByRole('button', { name: 'Close these days' }));
    expect(await screen.findByText('2 sessions cancelled.')).toBeTruthy();
    expect(sent(server.requests, 'POST', '/api/v1/closures')).toEqual([
      { siteId: SITE_ID, fromDate: '2026-11-26', toDate: '2026-11-26', reason: 'Thanksgiving' },
    ]);
  });

  it('puts the server’s refusal under the field it names', async () => {
    const user = userEvent.setup();
    open(<ClosuresPanel canWrite />, () => badField('body.toDate', 'must not be before the first day'));
    await choose(user, /^Site/, 'Main Street');
    await user.type(screen.getByLabelText(/^First day/), '2026-11-26');
    await user.type(screen.getByLabelText(/^Reason/), 'Thanksgiving');
    await user.click(screen.getByRole('button', { name: 'Close these days' }));
    expect(await screen.findByText('must not be before the first day')).toBeTruthy();
    expect(screen.getByLabelText(/^Last day/).getAttribute('aria-invalid')).toBe('true');
  });
});
