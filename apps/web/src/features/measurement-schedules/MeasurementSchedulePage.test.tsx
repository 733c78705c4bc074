import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEFAULT_MEASUREMENT_SCHEDULES } from '@trellis/core';
import { AuthProvider } from '../../app/auth-context.tsx';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { fakeServer, renderPage } from '../../test/render.tsx';
import { DIRECTOR } from '../../test/fixtures.ts';
import { MeasurementSchedulePage } from './MeasurementSchedulePage.tsx';

const PROGRAM = '33333333-3333-4333-8333-333333333333';
const PATH = `/api/v1/programs/${PROGRAM}/measurement-schedule`;
const SHORT: Record<string, string> = { 'phq-9': 'PHQ-9', 'gad-7': 'GAD-7', audit: 'AUDIT', 'dast-10': 'DAST-10', bam: 'BAM' };
const view = {
  programId: PROGRAM,
  programName: 'Adult Substance Use IOP',
  focus: 'substance_use',
  isDefault: true,
  rules: DEFAULT_MEASUREMENT_SCHEDULES.substance_use.map((r) => ({ ...r, shortName: SHORT[r.instrument]! })),
};

afterEach(() => vi.unstubAllGlobals());

describe('measurement schedule page', () => {
  it('starts from the defaults, and saves the instruments chosen', async () => {
    const user = userEvent.setup();
    const server = fakeServer(
      (r) => (/^\/api\/v1\/me(\?|$)/.test(r.url) ? { body: { ...DIRECTOR, permissions: [...DIRECTOR.permissions, 'setup.read', 'setup.write'] } } : undefined),
      (r) => (r.url === PATH ? { body: r.method === 'PUT' ? { ...view, isDefault: false } : view } : undefined),
    );
    renderPage(
      <AuthProvider>
        <RequireAuth>
          <MeasurementSchedulePage />
        </RequireAuth>
      </AuthProvider>,
      { path: '/setup/programs/:programId/measurement-schedule', at: `/setup/programs/${PROGRAM}/measurement-schedule` },
    );
    const bam = await screen.findByRole<HTMLInputElement>('checkbox', { name: 'BAM' });
    expect(bam.checked).toBe(true);
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'PCL-5' }).checked).toBe(false);
    await user.click(bam);
    await user.click(screen.getByRole('button', { name: 'Save schedule' }));
    await vi.waitFor(() => expect(server.requests.some((r) => r.method === 'PUT')).toBe(true));
    const body = server.requests.find((r) => r.method === 'PUT')!.body as { rules: { instrument: string }[] };
    expect(body.rules.map((r) => r.instrument)).toEqual(['phq-9', 'gad-7', 'audit', 'dast-10']);
  });

  it('names a chosen instrument that is never asked, and sends nothing', async () => {
    const user = userEvent.setup();
    const server = fakeServer(
      (r) => (/^\/api\/v1\/me(\?|$)/.test(r.url) ? { body: { ...DIRECTOR, permissions: [...DIRECTOR.permissions, 'setup.read', 'setup.write'] } } : undefined),
      (r) => (r.url === PATH ? { body: view } : undefined),
    );
    renderPage(
      <AuthProvider>
        <RequireAuth>
          <MeasurementSchedulePage />
        </RequireAuth>
      </AuthProvider>,
      { path: '/setup/programs/:programId/measurement-schedule', at: `/setup/programs/${PROGRAM}/measurement-schedule` },
    );
    await user.click(await screen.findByRole('checkbox', { name: 'PCL-5' }));
    await user.click(screen.getByRole('button', { name: 'Save schedule' }));
    expect(await screen.findByText(/PCL-5: choose at admission/)).toBeTruthy();
    expect(server.requests.some((r) => r.method === 'PUT')).toBe(false);
  });
});
