/** Solves a week in a worker thread (solve-worker.ts), so the event loop keeps serving requests meanwhile. */
import { Worker } from 'node:worker_threads';
import type { SolverProgress, WeekProposal, WeekToSchedule } from '@trellis/core';

/** What the worker posts: the solver's progress reports, then the proposal. */
export type SolveMessage = { type: 'progress'; progress: SolverProgress } | { type: 'proposal'; proposal: WeekProposal };

export function solveOffThread(week: WeekToSchedule, onProgress: (progress: SolverProgress) => void = () => undefined): Promise<WeekProposal> {
  const worker = new Worker(new URL('./solve-worker.mjs', import.meta.url), { workerData: week });
  return new Promise((resolve, reject) => {
    worker.on('message', (message: SolveMessage) => {
      if (message.type === 'progress') onProgress(message.progress);
      else resolve(message.proposal);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`The scheduler stopped (exit code ${code}).`));
    });
  });
}
