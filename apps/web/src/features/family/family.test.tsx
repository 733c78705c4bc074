import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { EpisodeView, FamilyMember } from '@trellis/core';
import { fakeServer, renderPage, type FakeRequest } from '../../test/render.tsx';
import { PortalSetPasswordPage } from '../portal/PortalSetPasswordPage.tsx';
import { ConsentModal } from './ConsentModal.tsx';
import { FamilyCard } from './FamilyCard.tsx';
import { FamilyHomePage } from './FamilyHomePage.tsx';
import { FamilyMemberModal } from './FamilyMemberModal.tsx';
import { OwnDisclosuresCard } from './OwnDisclosuresCard.tsx';

afterEach(() => vi.unstubAllGlobals());

const PARTICIPANT = '0b7f3f5e-2d4a-4c1e-9d3b-0a1b2c3d4e5f';
const PROGRAM = '5f4a8c2e-1d3b-4a6f-9e7c-2b8d0f1a3c5e';
const NOTICE = '42 CFR part 2 prohibits unauthorized use or disclosure of these records.';

const answer =
  (method: string, url: string, body: unknown, status = 200) =>
  (r: FakeRequest) =>
    r.method === method && r.url === url ? { status, body } : undefined;

const me = (allowed: string[]) => ({
  name: 'Jordan Family',
  email: 'jordan@family.test',
  participantName: 'Avery Family',
  allowed,
  consentEndsOn: allowed.length ? '2026-11-30' : null,
  sessionIdleMinutes: 15,
  guardian: { status: 'not_guardian', reason: null, may: [], mayNot: [] },
});

const jordan: FamilyMember = {
  id: 'm1',
  name: 'Jordan Family',
  relationship: 'parent',
  email: 'jordan@family.test',
  isGuardian: false,
  account: 'active',
  version: 1,
  consent: {
    id: 'c1',
    programId: PROGRAM,
    programName: 'Adult Substance Use IOP',
    part2: true,
    categories: ['family_sessions', 'attendance'],
    purpose: 'Support at home',
    revocationAcknowledged: true,
    endsOn: '2026-11-30',
    signedBy: 'Avery Family',
    signedOn: '2026-11-16',
    revokedAt: null,
    inForce: true,
  },
};

const disclosure = {
  id: 'd1',
  disclosedAt: '2026-11-18T15:00:00.000Z',
  recipientName: 'Jordan Family',
  programName: 'Adult Substance Use IOP',
  category: 'attendance',
  description: 'Attendance summary, week of 2026-11-16',
};

describe('family portal', () => {
  it('shows only what the consent allows: the family sessions at the site’s time and the attendance, each with the Part 2 notice', async () => {
    const server = fakeServer(
      answer('GET', '/api/v1/family/me', me(['family_sessions', 'attendance'])),
      answer('GET', '/api/v1/family/sessions', {
        timeZone: 'America/New_York',
        items: [
          {
            id: 'a0',
            startsAt: '2026-11-13T21:00:00.000Z',
            endsAt: '2026-11-13T21:50:00.000Z',
            status: 'attended',
            location: null,
          },
          {
            id: 'a1',
            startsAt: '2026-11-20T21:00:00.000Z',
            endsAt: '2026-11-20T21:50:00.000Z',
            status: 'booked',
            location: 'Cedar Room',
          },
        ],
        notice: NOTICE,
      }),
      answer('GET', '/api/v1/family/attendance', {
        weekOf: '2026-11-16',
        attendedHours: 6,
        requiredHours: 9,
        notice: NOTICE,
      }),
    );
    renderPage(<FamilyHomePage />, { path: '/family', at: '/family' });
    const sessions = await screen.findByRole('region', { name: 'Family sessions' });
    expect(await within(sessions).findByText('Cedar Room')).toBeTruthy();
    // 21:00 UTC is 16:00 in New York (standard time).
    expect(sessions.textContent).toMatch(/\b(16:00|4:00\sPM)/);
    expect(sessions.textContent).toContain(NOTICE);
    // Family sessions record attendance too: a past one says it was attended.
    expect(within(sessions).getByText('Attended')).toBeTruthy();
    const attendance = screen.getByRole('region', { name: 'Attendance this week' });
    expect(await within(attendance).findByText(/6 of 9 hours/)).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Learning together' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Treatment goals' })).toBeNull();
    expect(server.requests.map((r) => r.url)).not.toContain('/api/v1/family/plan-goals');
  });

  it('says nothing is shared when the consent allows nothing now', async () => {
    const server = fakeServer(answer('GET', '/api/v1/family/me', me([])));
    renderPage(<FamilyHomePage />, { path: '/family', at: '/family' });
    expect(await screen.findByText('Nothing is shared with you right now')).toBeTruthy();
    expect(server.requests).toHaveLength(1);
  });

  it('uses the portal’s invitation page with the family portal’s words and sign-in', async () => {
    fakeServer(answer('GET', '/api/v1/public/portal-invitations/tok123456789abcdef', { state: 'valid' }));
    renderPage(<PortalSetPasswordPage kind="family" />, {
      path: '/family/set-password',
      at: '/family/set-password?token=tok123456789abcdef',
    });
    expect(await screen.findByText('Welcome to the family portal')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to sign-in' }).getAttribute('href')).toBe('/family/sign-in');
    expect(screen.getByRole('region', { name: 'Crisis resources' })).toBeTruthy();
  });
});

describe('family on the participant’s page', () => {
  const episodes = [{ programId: PROGRAM, programName: 'Adult Substance Use IOP', part2: true }] as EpisodeView[];

  it('lists a member with their consent and revokes it only after confirming', async () => {
    const user = userEvent.setup();
    const server = fakeServer(
      answer('GET', `/api/v1/participants/${PARTICIPANT}/family-members`, { items: [jordan] }),
      answer('GET', `/api/v1/participants/${PARTICIPANT}/disclosures`, { items: [disclosure] }),
      answer('POST', `/api/v1/participants/${PARTICIPANT}/family-members/m1/consent/revocation`, {
        ...jordan,
        consent: { ...jordan.consent, revokedAt: '2026-11-18T15:00:00.000Z', inForce: false },
      }),
    );
    renderPage(<FamilyCard participantId={PARTICIPANT} participantName="Avery Family" episodes={episodes} canWrite />, {
      path: '/',
      at: '/',
    });
    const card = await screen.findByRole('article', { name: 'Jordan Family' });
    expect(card.textContent).toContain('Consent in force');
    expect(card.textContent).toContain('Family-session schedule, Attendance summary');
    expect(await screen.findByText('Attendance summary, week of 2026-11-16')).toBeTruthy();
    await user.click(within(card).getByRole('button', { name: 'Revoke consent' }));
    expect(server.requests.some((r) => r.method === 'POST')).toBe(false);
    const dialog = await screen.findByRole('dialog', { name: 'Revoke consent?' });
    await user.click(within(dialog).getByRole('button', { name: 'Revoke consent' }));
    await vi.waitFor(() =>
      expect(server.requests.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual([
        `/api/v1/participants/${PARTICIPANT}/family-members/m1/consent/revocation`,
      ]),
    );
  });

  it('shows the server’s refusal of an incomplete Part 2 consent under the field it names', async () => {
    const user = userEvent.setup();
    const server = fakeServer(
      answer(
        'POST',
        `/api/v1/participants/${PARTICIPANT}/family-members/m1/consent`,
        {
          type: 'about:blank',
          title: 'Unprocessable',
          status: 422,
          detail: 'A consent for this program’s records (42 CFR Part 2) must state the purpose of the disclosure.',
          errors: [{ path: 'body.purpose', message: 'is required for a Part 2 consent (purpose)' }],
        },
        422,
      ),
    );
    const member = { ...jordan, consent: null };
    renderPage(
      <ConsentModal
        participantId={PARTICIPANT}
        participantName="Avery Family"
        member={member}
        programs={[{ id: PROGRAM, name: 'Adult Substance Use IOP', part2: true }]}
        today="2026-11-18"
        onClose={() => undefined}
      />,
      { path: '/', at: '/' },
    );
    expect(await screen.findByText('42 CFR Part 2 program')).toBeTruthy();
    await user.click(screen.getByLabelText('Attendance summary'));
    await user.type(screen.getByLabelText(/Ends on/), '2026-12-31');
    await user.click(screen.getByRole('button', { name: 'Record consent' }));
    expect(await screen.findByText('is required for a Part 2 consent (purpose)')).toBeTruthy();
    expect(server.requests[0]?.body).toMatchObject({
      programId: PROGRAM,
      categories: ['attendance'],
      endsOn: '2026-12-31',
      signedOn: '2026-11-18',
      purpose: '',
    });
  });

  it('asks for the relationship before sending a new member', async () => {
    const user = userEvent.setup();
    const server = fakeServer();
    renderPage(<FamilyMemberModal participantId={PARTICIPANT} member={null} onClose={() => undefined} />, {
      path: '/',
      at: '/',
    });
    await user.type(await screen.findByLabelText(/Name/), 'Sam Family');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Choose how they are related')).toBeTruthy();
    expect(server.requests).toHaveLength(0);
  });

  it('sends an edit with the version it was read at', async () => {
    const user = userEvent.setup();
    const server = fakeServer(
      answer('PUT', `/api/v1/participants/${PARTICIPANT}/family-members/m1`, {
        ...jordan,
        isGuardian: true,
        version: 2,
      }),
    );
    renderPage(<FamilyMemberModal participantId={PARTICIPANT} member={jordan} onClose={() => undefined} />, {
      path: '/',
      at: '/',
    });
    await user.click(await screen.findByLabelText(/Legal guardian/));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() =>
      expect(server.requests[0]?.body).toEqual({
        name: 'Jordan Family',
        relationship: 'parent',
        email: 'jordan@family.test',
        isGuardian: true,
        version: 1,
      }),
    );
  });

  it('shows the participant their own accounting of disclosures', async () => {
    fakeServer(answer('GET', '/api/v1/portal/disclosures', { items: [disclosure] }));
    renderPage(<OwnDisclosuresCard />, { path: '/portal', at: '/portal' });
    const region = await screen.findByRole('region', { name: 'Who has seen your records' });
    expect(await within(region).findByText('Jordan Family')).toBeTruthy();
  });

  it('shows a guardian what they may do, the adolescent’s family with each consent, and adds a member', async () => {
    const user = userEvent.setup();
    const guardianMe = {
      ...me(['education']),
      participantName: 'Casey Teen',
      guardian: { status: 'guardian', reason: null, may: ['Add family members', 'Record a consent for each family member'], mayNot: ['Change your own consent'] },
    };
    const server = fakeServer(
      answer('GET', '/api/v1/family/me', guardianMe),
      answer('GET', '/api/v1/family/education', { items: [] }),
      answer('GET', '/api/v1/family/guardian/family-members', {
        participantName: 'Casey Teen',
        programs: [{ id: PROGRAM, name: 'Adolescent IOP' }],
        items: [{ ...jordan, name: 'Sky Sibling', relationship: 'sibling', consent: { ...jordan.consent!, part2: false, programName: 'Adolescent IOP' } }],
      }),
      answer('POST', '/api/v1/family/guardian/family-members', { ...jordan, id: 'm2', name: 'Gray Grandparent', consent: null }, 201),
    );
    renderPage(<FamilyHomePage />, { path: '/family', at: '/family' });
    const section = await screen.findByRole('region', { name: 'As Casey Teen’s guardian' });
    expect(section.textContent).toContain('Record a consent for each family member');
    expect(section.textContent).toContain('Change your own consent');
    const sibling = await within(section).findByRole('article', { name: 'Sky Sibling' });
    expect(sibling.textContent).toMatch(/May see: family-session schedule, attendance summary \(Adolescent IOP\)/);
    // Revoking asks first; going back sends nothing.
    await user.click(within(sibling).getByRole('button', { name: 'Revoke consent' }));
    const confirm = await screen.findByRole('dialog', { name: 'Revoke consent?' });
    expect(confirm.textContent).toContain('Sky Sibling will see nothing from their next visit');
    await user.click(within(confirm).getByRole('button', { name: 'Go back' }));
    expect(server.requests.some((r) => r.method === 'POST')).toBe(false);
    const add = within(section).getByRole('form', { name: 'Add a family member' });
    await user.click(within(add).getByRole('button', { name: 'Add family member' }));
    expect(await within(add).findByText('Choose how they are related')).toBeTruthy();
    await user.type(within(add).getByLabelText(/^Name/), 'Gray Grandparent');
    await user.click(within(add).getByRole('combobox', { name: /Relationship/ }));
    await user.click(await screen.findByRole('option', { name: 'Grandparent', hidden: true }));
    await user.click(within(add).getByRole('button', { name: 'Add family member' }));
    await vi.waitFor(() => expect(server.requests.some((r) => r.method === 'POST')).toBe(true));
    expect(server.requests.find((r) => r.method === 'POST')!.body).toMatchObject({ name: 'Gray Grandparent', relationship: 'grandparent' });
  });

  it('tells the guardian of an adult that their rights have ended, and why', async () => {
    fakeServer(
      answer('GET', '/api/v1/family/me', {
        ...me([]),
        guardian: { status: 'refused', reason: 'Guardian rights end when the participant turns 18.', may: [], mayNot: [] },
      }),
    );
    renderPage(<FamilyHomePage />, { path: '/family', at: '/family' });
    expect(await screen.findByText('Guardian rights have ended')).toBeTruthy();
    expect(screen.getByText(/turns 18/)).toBeTruthy();
  });
});
