/**
 * Runs core's auto-scheduler in a worker thread: the solve is CPU work of up to seconds for a large census, and on the
 * request thread it would stall every request meanwhile (design.md, "Measured on these machines").
 */
import { parentPort, workerData } from 'node:worker_threads';
import { autoScheduleWeek, type WeekToSchedule } from '@trellis/core';

parentPort!.postMessage(autoScheduleWeek(workerData as WeekToSchedule));
