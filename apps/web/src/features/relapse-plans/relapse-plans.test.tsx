import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthProvider } from '../../app/auth-context.tsx';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { fakeServer, renderPage } from '../../test/render.tsx';
import { DIRECTOR } from '../../test/fixtures.ts';
import { PortalRelapsePlanPage, PortalSafetyPlanPage } from '../portal/PortalPlanPage.tsx';
import { formFieldOf } from './relapse-plan-form.ts';
import { RelapsePlanPage } from './RelapsePlanPage.tsx';

const PARTICIPANT = '22222222-2222-4222-8222-222222222222';
const WRITER = { ...DIRECTOR, permissions: [...DIRECTOR.permissions, 'clinical-note.read', 'safety-plan.write'] };
const PATH = `/api/v1/participants/${PARTICIPANT}/relapse-plan`;
const PLAN = {
  triggers: ['Payday evenings'],
  warningSigns: ['Skipping meetings'],
  copingStrategies: ['Urge surfing'],
  peopleToCall: [{ name: 'Sam (synthetic)', phone: '555 0100' }],
  afterASlip: ['Tell my counsellor the next day'],
};
const CURRENT = {
  participantId: PARTICIPANT,
  version: 2,
  plan: PLAN,
  savedAt: '2026-11-18T15:00:00.000Z',
  savedBy: { id: DIRECTOR.id, name: DIRECTOR.name },
};

afterEach(() => vi.unstubAllGlobals());

function open(me: unknown, view: unknown) {
  const server = fakeServer(
    (r) => (r.url.startsWith('/api/v1/me') ? { body: me } : undefined),
    (r) =>
      r.url === PATH && r.method === 'PUT'
        ? { body: { ...CURRENT, version: 1, plan: (r.body as { plan: unknown }).plan } }
        : undefined,
    (r) => (r.url === PATH ? { body: view } : undefined),
  );
  renderPage(
    <AuthProvider>
      <RequireAuth>
        <RelapsePlanPage />
      </RequireAuth>
    </AuthProvider>,
    { path: '/participants/:participantId/relapse-plan', at: `/participants/${PARTICIPANT}/relapse-plan` },
  );
  return server;
}

describe('relapse prevention plan page', () => {
  it('saves the first version from the five sections, one entry per line, people to call as rows', async () => {
    const user = userEvent.setup();
    const server = open(WRITER, { current: null, versions: [] });
    expect(await screen.findByText('No plan yet')).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/My triggers/), {
      target: { value: 'Payday evenings\n \nOld friends from the bar' },
    });
    fireEvent.change(screen.getByLabelText(/If I slip, I will/), { target: { value: 'Call my sponsor' } });
    const people = screen.getByRole('group', { name: 'People I can call' });
    await user.click(within(people).getByRole('button', { name: 'Add a person' }));
    fireEvent.change(within(people).getByLabelText('Name'), { target: { value: 'Sam (synthetic)' } });
    await user.click(screen.getByRole('button', { name: 'Save as version 1' }));
    await vi.waitFor(() => expect(server.requests.some((r) => r.method === 'PUT')).toBe(true));
    const body = server.requests.find((r) => r.method === 'PUT')!.body as {
      basedOnVersion: number;
      plan: Record<string, unknown>;
    };
    expect(body.basedOnVersion).toBe(0);
    expect(body.plan).toEqual({
      triggers: ['Payday evenings', 'Old friends from the bar'],
      warningSigns: [],
      copingStrategies: [],
      peopleToCall: [{ name: 'Sam (synthetic)', phone: null }],
      afterASlip: ['Call my sponsor'],
    });
  });

  it('prints the current version with the crisis lines, and is read-only without the permission', async () => {
    open(
      { ...DIRECTOR, permissions: [...DIRECTOR.permissions, 'clinical-note.read'] },
      {
        current: CURRENT,
        versions: [{ version: 2, savedAt: CURRENT.savedAt, savedByName: DIRECTOR.name }],
      },
    );
    const printed = await screen.findByTestId('relapse-plan-print');
    expect(printed.textContent).toContain('If I slip, I will');
    expect(printed.textContent).toContain('Sam (synthetic) — 555 0100');
    expect(printed.textContent).toContain('988 Suicide & Crisis Lifeline');
    expect(screen.getByRole('button', { name: 'Print version 2' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Save as version/ })).toBeNull();
  });

  it('places the server’s problems on the section they name', () => {
    expect(formFieldOf('body.plan.peopleToCall.0.name')).toBe('peopleToCall.0.name');
    expect(formFieldOf('body.plan.triggers.3')).toBe('triggers');
    expect(formFieldOf('plan.afterASlip')).toBe('afterASlip');
  });
});

describe('relapse prevention plan in the portal', () => {
  it('shows the participant their plan on screen with a print button', async () => {
    fakeServer(
      (r) => (r.url === '/api/v1/portal/relapse-plan' ? { body: { current: CURRENT, versions: [] } } : undefined),
      (r) =>
        r.url === '/api/v1/portal/me'
          ? { body: { name: 'Avery', email: 'avery@portal.test', sessionIdleMinutes: 15 } }
          : undefined,
    );
    renderPage(<PortalRelapsePlanPage />, { path: '/portal/relapse-plan', at: '/portal/relapse-plan' });
    const plan = await screen.findByTestId('relapse-plan-print');
    expect(plan.className).toContain('plan-print--screen');
    expect(within(plan).getByRole('heading', { name: 'My early warning signs' })).toBeTruthy();
    expect(plan.textContent).toContain('Skipping meetings');
    expect(screen.getByRole('button', { name: 'Print' })).toBeTruthy();
  });

  it('says when there is no plan yet', async () => {
    fakeServer(
      (r) => (r.url === '/api/v1/portal/relapse-plan' ? { body: { current: null, versions: [] } } : undefined),
      (r) =>
        r.url === '/api/v1/portal/me'
          ? { body: { name: 'Avery', email: 'avery@portal.test', sessionIdleMinutes: 15 } }
          : undefined,
    );
    renderPage(<PortalRelapsePlanPage />, { path: '/portal/relapse-plan', at: '/portal/relapse-plan' });
    expect(await screen.findByText('No relapse prevention plan yet')).toBeTruthy();
  });

  it('shows the participant their safety plan read-only and printable, with the crisis lines', async () => {
    const safety = {
      warningSigns: ['Not sleeping'],
      internalCoping: [],
      distractions: { people: [], places: ['The library'] },
      helpers: [],
      professionals: [],
      safeEnvironment: [],
      reasonsForLiving: ['My daughter'],
    };
    fakeServer(
      (r) =>
        r.url === '/api/v1/portal/safety-plan'
          ? { body: { current: { ...CURRENT, plan: safety }, versions: [] } }
          : undefined,
      (r) =>
        r.url === '/api/v1/portal/me'
          ? { body: { name: 'Avery', email: 'avery@portal.test', sessionIdleMinutes: 15 } }
          : undefined,
    );
    renderPage(<PortalSafetyPlanPage />, { path: '/portal/safety-plan', at: '/portal/safety-plan' });
    const plan = await screen.findByTestId('safety-plan-print');
    expect(plan.className).toContain('plan-print--screen');
    expect(plan.textContent).toContain('Step 7: Reasons for living');
    expect(plan.textContent).toContain('988 Suicide & Crisis Lifeline');
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.getByRole('button', { name: 'Print' })).toBeTruthy();
  });
});
