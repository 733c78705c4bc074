import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, screen } from '@testing-library/react';
import { renderPage } from '../../test/render.tsx';
import { formatElapsed, phaseText, RunSolving } from './RunSolving.tsx';

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
    renderPage(<RunSolving startedAt={Date.parse('2026-11-20T14:59:58.000Z')} progress={null} />, { path: '/', at: '/' });
    expect(screen.getByRole('status').textContent).toContain('Queued, solving on the server · 2 s elapsed');
    act(() => {
      vi.advanceTimersByTime(61_000);
    });
    expect(screen.getByRole('status').textContent).toContain('1 min 03 s elapsed');
    // No report from the server yet: no bar.
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('shows the phase the server reports as a labelled bar and in words', () => {
    renderPage(
      <RunSolving startedAt={Date.now()} progress={{ phase: 'solving', done: 12, total: 1000, site: 1, sites: 2 }} />,
      { path: '/', at: '/' },
    );
    const bar = screen.getByRole('progressbar', { name: 'Run progress: Solving, site 1 of 2 · 12 solves so far' });
    // Half of the first of two sites' four phases, of the 90 % the sites fill.
    expect(bar.getAttribute('aria-valuenow')).toBe('23');
    expect(screen.getByRole('status').textContent).toContain('Solving, site 1 of 2 · 12 solves so far · 0 s elapsed');
  });

  it.each([
    [{ phase: 'loading', done: null, total: null, site: 1, sites: 1 }, 'Reading the week'],
    [{ phase: 'solving', done: 0, total: 1000, site: 1, sites: 1 }, 'Solving'],
    [{ phase: 'solving', done: 1, total: 1000, site: 1, sites: 1 }, 'Solving · 1 solve so far'],
    [{ phase: 'explaining-unplaced', done: null, total: null, site: 3, sites: 3 }, 'Explaining who could not be placed, site 3 of 3'],
    [{ phase: 'saving', done: null, total: null, site: 3, sites: 3 }, 'Saving the proposal'],
  ] as const)('names %o as %s', (progress, text) => expect(phaseText(progress)).toBe(text));
});
