import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Program } from '@trellis/core';
import { fakeServer, renderPage } from '../../test/render.tsx';
import { PROGRAM_ID, program } from '../../test/fixtures.ts';
import { RequiredServicesModal, describeRequirement } from './RequiredServicesModal.tsx';

function open(p: Program, status = 200) {
  const server = fakeServer((r) =>
    r.method === 'PATCH' && r.url === `/api/v1/programs/${PROGRAM_ID}`
      ? status === 200
        ? { body: { ...p, ...(r.body as object), version: p.version + 1 } }
        : { status, body: { type: 'about:blank', title: 'Conflict', status, detail: 'Someone changed this program since you opened it.' } }
      : undefined,
  );
  renderPage(<RequiredServicesModal program={p} onClose={() => undefined} />, { path: '/setup', at: '/setup' });
  return server;
}
const patches = (server: ReturnType<typeof fakeServer>) => server.requests.filter((r) => r.method === 'PATCH');

afterEach(() => vi.unstubAllGlobals());

describe('required services of a program', () => {
  it('says a requirement as the clinic does', () => {
    expect(describeRequirement({ kind: 'psychiatry', count: 1, everyWeeks: 4 })).toBe('1 psychiatry every 4 weeks');
    expect(describeRequirement({ kind: 'individual', count: 2, everyWeeks: 1 })).toMatch(/^2 individual .* every week$/);
  });

  it('sets the program’s own lines from the default, refuses a line every 13 weeks before sending, and saves with the version read', async () => {
    const user = userEvent.setup();
    const server = open(program);
    const useDefault = await screen.findByRole('switch', { name: /Use Trellis’s default/ });
    expect((useDefault as HTMLInputElement).checked).toBe(true);
    await user.click(useDefault);
    // The default's three lines to start from.
    expect(screen.getAllByLabelText(/^Every … weeks/)).toHaveLength(3);
    const weeks = screen.getAllByLabelText(/^Every … weeks/)[1]!;
    await user.clear(weeks);
    await user.type(weeks, '13');
    await user.click(screen.getByRole('button', { name: 'Save required services' }));
    expect(await screen.findByText(/at most 12/)).toBeTruthy();
    expect(patches(server)).toHaveLength(0);
    await user.clear(weeks);
    await user.type(weeks, '2');
    // Family goes: two lines left.
    await user.click(screen.getByRole('button', { name: 'Remove line 3' }));
    await user.click(screen.getByRole('button', { name: 'Save required services' }));
    await waitFor(() => expect(patches(server)).toHaveLength(1));
    expect(patches(server)[0]!.body).toEqual({
      version: 1,
      requiredServices: [
        { kind: 'individual', count: 1, everyWeeks: 1 },
        { kind: 'psychiatry', count: 1, everyWeeks: 2 },
      ],
    });
  }, 60_000);

  it('returns a program to the default with null, and shows a refusal', async () => {
    const user = userEvent.setup();
    const server = open({ ...program, version: 4, requiredServices: [{ kind: 'individual', count: 2, everyWeeks: 1 }] }, 409);
    const useDefault = await screen.findByRole('switch', { name: /Use Trellis’s default/ });
    expect((useDefault as HTMLInputElement).checked).toBe(false);
    expect(screen.getAllByLabelText(/^How many/)).toHaveLength(1);
    await user.click(useDefault);
    await user.click(screen.getByRole('button', { name: 'Save required services' }));
    await waitFor(() => expect(patches(server)).toHaveLength(1));
    expect(patches(server)[0]!.body).toEqual({ version: 4, requiredServices: null });
    expect(await screen.findByText('Someone changed this program since you opened it.')).toBeTruthy();
  }, 60_000);
});
