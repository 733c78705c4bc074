import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeServer, renderPage, type FakeRequest } from '../../test/render.tsx';
import { PortalHomePage } from './PortalHomePage.tsx';
import { PortalSetPasswordPage } from './PortalSetPasswordPage.tsx';
import { PortalAccountCard } from './PortalAccountCard.tsx';

afterEach(() => vi.unstubAllGlobals());

const PARTICIPANT = '0b7f3f5e-2d4a-4c1e-9d3b-0a1b2c3d4e5f';

const week = {
  timeZone: 'America/New_York',
  today: '2026-11-18',
  monday: '2026-11-16',
  sunday: '2026-11-22',
  sessions: [
    { id: 's1', title: 'Process group', kind: 'group_therapy', localDate: '2026-11-16', startsAt: '2026-11-16T14:00:00.000Z', endsAt: '2026-11-16T15:30:00.000Z', cancelled: false, siteName: 'Main St', room: { name: 'Cedar Room', kind: 'physical', meetingUrl: null } },
    { id: 's2', title: 'DBT skills', kind: 'skills', localDate: '2026-11-18', startsAt: '2026-11-18T15:30:00.000Z', endsAt: '2026-11-18T17:30:00.000Z', cancelled: false, siteName: 'Main St', room: { name: 'Video 1', kind: 'virtual', meetingUrl: 'https://meet.example.test/v1' } },
    { id: 's3', title: 'Process group', kind: 'group_therapy', localDate: '2026-11-20', startsAt: '2026-11-20T14:00:00.000Z', endsAt: '2026-11-20T15:30:00.000Z', cancelled: true, siteName: 'Main St', room: null },
  ],
  hours: { attendedHours: 3.5, scheduledHours: 7, projectedHours: 10.5, requiredHours: 9, status: 'on-track' },
};

const answer = (method: string, url: string, body: unknown, status = 200) => (r: FakeRequest) =>
  r.method === method && r.url === url ? { status, body } : undefined;

describe('participant portal pages', () => {
  it('shows today’s session at its time in the site’s zone with its telehealth link, the week, and the hours', async () => {
    fakeServer(answer('GET', '/api/v1/portal/week', week), answer('GET', '/api/v1/portal/calendar-feed', { active: false, createdAt: null }));
    renderPage(<PortalHomePage />, { path: '/portal', at: '/portal' });
    const today = await screen.findByRole('region', { name: /Today/ });
    expect(today.textContent).toContain('DBT skills');
    expect(today.textContent).toMatch(/10:30/);
    expect(screen.getByRole('link', { name: 'Join online session' }).getAttribute('href')).toBe('https://meet.example.test/v1');
    const later = screen.getByRole('region', { name: /Later this week/ });
    expect(later.textContent).toContain('Cancelled');
    expect(later.textContent).not.toContain('Cedar Room');
    expect(screen.getByRole('region', { name: 'Your hours this week' }).textContent).toMatch(/3\.5 of 9 h/);
  });

  it('shows the calendar address once it is made', async () => {
    const user = userEvent.setup();
    const server = fakeServer(
      answer('GET', '/api/v1/portal/week', week),
      answer('GET', '/api/v1/portal/calendar-feed', { active: false, createdAt: null }),
      answer('POST', '/api/v1/portal/calendar-feed', { url: 'http://localhost:3000/api/v1/public/calendar-feeds/abc/calendar.ics', createdAt: '2026-11-18T15:00:00.000Z' }, 201),
    );
    renderPage(<PortalHomePage />, { path: '/portal', at: '/portal' });
    await user.click(await screen.findByRole('button', { name: 'Get my calendar address' }));
    expect((await screen.findByLabelText<HTMLInputElement>('Your calendar address')).value).toBe('http://localhost:3000/api/v1/public/calendar-feeds/abc/calendar.ics');
    expect(screen.getByRole('link', { name: 'Add to calendar' }).getAttribute('href')).toBe('webcal://localhost:3000/api/v1/public/calendar-feeds/abc/calendar.ics');
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('says an expired invitation has expired and asks for a new one', async () => {
    const user = userEvent.setup();
    const server = fakeServer(
      answer('GET', '/api/v1/public/portal-invitations/tok123456789abcdef', { state: 'expired' }),
      answer('POST', '/api/v1/public/portal-invitations/tok123456789abcdef/renewal', { sent: true }, 202),
    );
    renderPage(<PortalSetPasswordPage />, { path: '/portal/set-password', at: '/portal/set-password?token=tok123456789abcdef' });
    expect(await screen.findByText('This invitation has expired')).toBeTruthy();
    expect(screen.queryByLabelText('New password')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Send me a new link' }));
    expect(await screen.findByText('A new link is on its way')).toBeTruthy();
    expect(server.requests.some((r) => r.method === 'POST' && r.url.endsWith('/renewal'))).toBe(true);
    expect(screen.getByRole('region', { name: 'Crisis resources' })).toBeTruthy();
  });

  it('sets the password from a valid invitation', async () => {
    const user = userEvent.setup();
    const server = fakeServer(
      answer('GET', '/api/v1/public/portal-invitations/tok123456789abcdef', { state: 'valid' }),
      answer('POST', '/api/auth/reset-password', { status: true }),
    );
    renderPage(<PortalSetPasswordPage />, { path: '/portal/set-password', at: '/portal/set-password?token=tok123456789abcdef' });
    await user.type(await screen.findByLabelText(/^New password\s*\*?$/), 'a long new password 9');
    await user.type(screen.getByLabelText(/New password again/), 'a long new password 9');
    await user.click(screen.getByRole('button', { name: 'Set password' }));
    expect(await screen.findByText(/Your password is set/)).toBeTruthy();
    expect(server.requests.find((r) => r.url === '/api/auth/reset-password')?.body).toEqual({ newPassword: 'a long new password 9', token: 'tok123456789abcdef' });
  });

  it('invites a participant to the portal from the staff side, checking the email first', async () => {
    const user = userEvent.setup();
    const server = fakeServer(
      answer('GET', `/api/v1/participants/${PARTICIPANT}/portal-account`, { state: 'none', email: null, invitedAt: null }),
      answer('POST', `/api/v1/participants/${PARTICIPANT}/portal-invitation`, { state: 'invited', email: 'sam@example.test', invitedAt: '2026-11-18T15:00:00.000Z' }, 201),
    );
    renderPage(<PortalAccountCard participantId={PARTICIPANT} email={null} canInvite />, { path: '/', at: '/' });
    await user.click(await screen.findByRole('button', { name: 'Invite to portal' }));
    await user.click(screen.getByRole('button', { name: 'Send invitation' }));
    expect(await screen.findByText(/Enter the email address/)).toBeTruthy();
    expect(server.requests.some((r) => r.method === 'POST')).toBe(false);
    await user.type(screen.getByLabelText(/Email/), 'sam@example.test');
    await user.click(screen.getByRole('button', { name: 'Send invitation' }));
    expect(await screen.findByText('Invited')).toBeTruthy();
    expect(server.requests.find((r) => r.method === 'POST')?.body).toEqual({ email: 'sam@example.test' });
  });
});
