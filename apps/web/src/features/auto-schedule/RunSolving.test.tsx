import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, screen } from '@testing-library/react';
import { renderPage } from '../../test/render.tsx';
import { formatElapsed, RunSolving } from './RunSolving.tsx';

afterEach(() => vi.useRealTimers());

describe('a run while it solves', () => {
  it.each([
    [0, '0 s'],
    [-5000, '0 s'],
    [7400, '7 s'],
    [65_000, '1 min 05 s'],
  ])('writes %i ms as %s', (ms, text) => expect(formatElapsed(ms)).toBe(text));

  it('says it is queued and counts the seconds since it started', () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(new Date('2026-11-20T15:00:00.000Z'));
    renderPage(<RunSolving startedAt={Date.parse('2026-11-20T14:59:58.000Z')} />, { path: '/', at: '/' });
    expect(screen.getByRole('status').textContent).toContain('Queued, solving on the server · 2 s elapsed');
    act(() => {
      vi.advanceTimersByTime(61_000);
    });
    expect(screen.getByRole('status').textContent).toContain('1 min 03 s elapsed');
  });
});
