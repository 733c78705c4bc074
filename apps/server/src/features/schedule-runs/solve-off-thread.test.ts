import { describe, expect, it } from 'vitest';
import { autoScheduleWeek, seededRandom, type SolverProgress } from '@trellis/core';
import { realisticWeek } from '../../../../../packages/core/src/scheduling/auto-scheduler.fixtures.ts';
import { solveOffThread } from './solve-off-thread.ts';

describe('solving off the request thread', () => {
  it('gives the proposal and progress reports the solver gives in-process, while the event loop keeps turning', async () => {
    const week = realisticWeek(seededRandom(11), { participants: 60, clinicians: 3, rooms: 2 });
    let turns = 0;
    const timer = setInterval(() => turns++, 5);
    const heard: SolverProgress[] = [];
    const proposal = await solveOffThread(week, (p) => heard.push(p));
    clearInterval(timer);
    const inProcess: SolverProgress[] = [];
    expect(proposal).toEqual(autoScheduleWeek(week, { onProgress: (p) => inProcess.push(p) }));
    // Every progress report reaches this thread, in order, before the proposal.
    expect(heard).toEqual(inProcess);
    expect(heard.at(-1)?.phase).toBe('explaining-unplaced');
    expect(proposal.placements.length).toBeGreaterThan(0);
    // Starting the worker and solving take a while; the loop served timers throughout.
    expect(turns).toBeGreaterThan(3);
  });
});
