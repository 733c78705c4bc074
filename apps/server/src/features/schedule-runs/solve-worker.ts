/**
 * Runs core's auto-scheduler in a worker thread: the solve is CPU work of up to seconds for a large census, and on the
 * request thread it would stall every request meanwhile (design.md, "Measured on these machines"). Posts the solver's
 * progress reports as they come (a handful per phase, a few per second at most while solving), then the proposal.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { autoScheduleWeek, type WeekToSchedule } from '@trellis/core';
import type { SolveMessage } from './solve-off-thread.ts';

const post = (message: SolveMessage) => parentPort!.postMessage(message);
const proposal = autoScheduleWeek(workerData as WeekToSchedule, { onProgress: (progress) => post({ type: 'progress', progress }) });
post({ type: 'proposal', proposal });
