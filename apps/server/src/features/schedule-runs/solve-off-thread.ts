/** Solves a week in a worker thread (solve-worker.ts), so the event loop keeps serving requests meanwhile. */
import { Worker } from 'node:worker_threads';
import type { WeekProposal, WeekToSchedule } from '@trellis/core';

export function solveOffThread(week: WeekToSchedule): Promise<WeekProposal> {
  const worker = new Worker(new URL('./solve-worker.mjs', import.meta.url), { workerData: week });
  return new Promise((resolve, reject) => {
    worker.once('message', (proposal: WeekProposal) => resolve(proposal));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`The scheduler stopped (exit code ${code}).`));
    });
  });
}
