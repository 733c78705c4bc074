import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthProvider } from '../../app/auth-context.tsx';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { fakeServer, renderPage } from '../../test/render.tsx';
import { DIRECTOR } from '../../test/fixtures.ts';
import { formFieldOf } from './safety-plan-form.ts';
import { SafetyPlanPage } from './SafetyPlanPage.tsx';

const PARTICIPANT = '22222222-2222-4222-8222-222222222222';
const WRITER = { ...DIRECTOR, permissions: [...DIRECTOR.permissions, 'clinical-note.read', 'safety-plan.write'] };
const PATH = `/api/v1/participants/${PARTICIPANT}/safety-plan`;

afterEach(() => vi.unstubAllGlobals());

function open(me: unknown, view: unknown) {
  const saved = { participantId: PARTICIPANT, version: 1, savedAt: '2026-11-18T15:00:00.000Z', savedBy: { id: DIRECTOR.id, name: DIRECTOR.name } };
  const server = fakeServer(
    (r) => (r.url.startsWith('/api/v1/me') ? { body: me } : undefined),
    (r) => (r.url === PATH && r.method === 'PUT' ? { body: { ...saved, plan: (r.body as { plan: unknown }).plan } } : undefined),
    (r) => (r.url === PATH ? { body: view } : undefined),
  );
  renderPage(
    <AuthProvider>
      <RequireAuth>
        <SafetyPlanPage />
      </RequireAuth>
    </AuthProvider>,
    { path: '/participants/:participantId/safety-plan', at: `/participants/${PARTICIPANT}/safety-plan` },
  );
  return server;
}

describe('safety plan page', () => {
  it('saves the first version from the seven sections, one entry per line, people as rows', async () => {
    const user = userEvent.setup();
    const server = open(WRITER, { current: null, versions: [] });
    expect(await screen.findByText('No plan yet')).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/1\. Warning signs/), { target: { value: 'Not sleeping\n  \nPulling away' } });
    const helpers = screen.getByText(/4\. People I can ask for help/).parentElement!;
    await user.click(within(helpers).getByRole('button', { name: 'Add a person' }));
    fireEvent.change(within(helpers).getByLabelText('Name'), { target: { value: 'Sam (synthetic)' } });
    await user.click(screen.getByRole('button', { name: 'Save as version 1' }));
    await vi.waitFor(() => expect(server.requests.some((r) => r.method === 'PUT')).toBe(true));
    const body = server.requests.find((r) => r.method === 'PUT')!.body as { basedOnVersion: number; plan: Record<string, unknown> };
    expect(body.basedOnVersion).toBe(0);
    expect(body.plan.warningSigns).toEqual(['Not sleeping', 'Pulling away']);
    expect(body.plan.helpers).toEqual([{ name: 'Sam (synthetic)', phone: null }]);
  });

  it('prints the current version with the crisis lines, and is read-only without the permission', async () => {
    const plan = {
      warningSigns: ['Not sleeping'],
      internalCoping: [],
      distractions: { people: [], places: ['The library'] },
      helpers: [],
      professionals: [],
      safeEnvironment: [],
      reasonsForLiving: ['My daughter'],
    };
    const current = { participantId: PARTICIPANT, version: 2, plan, savedAt: '2026-11-18T15:00:00.000Z', savedBy: { id: DIRECTOR.id, name: DIRECTOR.name } };
    open({ ...DIRECTOR, permissions: [...DIRECTOR.permissions, 'clinical-note.read'] }, {
      current,
      versions: [
        { version: 2, savedAt: current.savedAt, savedByName: DIRECTOR.name },
        { version: 1, savedAt: '2026-11-10T15:00:00.000Z', savedByName: DIRECTOR.name },
      ],
    });
    const printed = await screen.findByTestId('safety-plan-print');
    expect(printed.textContent).toContain('Step 7: Reasons for living');
    expect(printed.textContent).toContain('My daughter');
    expect(printed.textContent).toContain('988 Suicide & Crisis Lifeline');
    expect(screen.getByRole('button', { name: 'Print version 2' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Save as version/ })).toBeNull();
  });

  it('places the server’s problems on the section they name', () => {
    expect(formFieldOf('body.plan.helpers.0.name')).toBe('helpers.0.name');
    expect(formFieldOf('body.plan.distractions.people.1.phone')).toBe('distractionsPeople.1.phone');
    expect(formFieldOf('body.plan.distractions.places.3')).toBe('distractionsPlaces');
    expect(formFieldOf('plan.warningSigns.2')).toBe('warningSigns');
  });
});
