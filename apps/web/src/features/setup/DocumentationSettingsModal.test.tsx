import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeServer, renderPage } from '../../test/render.tsx';
import { PROGRAM_ID, program } from '../../test/fixtures.ts';
import { DocumentationSettingsModal } from './DocumentationSettingsModal.tsx';

const stored = { programId: PROGRAM_ID, version: 3, noteDeadlineHours: 24, reviewIntervalDays: 30, supervisorSignOff: false, certificationRequired: false };

function open() {
  const server = fakeServer((r) =>
    r.url === `/api/v1/programs/${PROGRAM_ID}/plan-settings` ? { body: r.method === 'PUT' ? { ...stored, ...(r.body as object), version: 4 } : stored } : undefined,
  );
  renderPage(<DocumentationSettingsModal program={program} onClose={() => undefined} />, { path: '/setup', at: '/setup' });
  return server;
}

afterEach(() => vi.unstubAllGlobals());

describe('documentation settings', () => {
  it('refuses a note deadline over two weeks before sending, then saves the settings with the version read', async () => {
    const user = userEvent.setup();
    const server = open();
    const hours = await screen.findByLabelText(/^Note deadline, hours/);
    await user.clear(hours);
    await user.type(hours, '400');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText(/at most 336 hours/)).toBeTruthy();
    expect(server.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);
    await user.clear(hours);
    await user.type(hours, '48');
    await user.click(screen.getByRole('switch', { name: /supervisor’s sign-off/ }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(server.requests.filter((r) => r.method === 'PUT')).toHaveLength(1));
    expect(server.requests.find((r) => r.method === 'PUT')!.body).toEqual({
      version: 3,
      noteDeadlineHours: 48,
      reviewIntervalDays: 30,
      supervisorSignOff: true,
      certificationRequired: false,
    });
  }, 60_000);
});
