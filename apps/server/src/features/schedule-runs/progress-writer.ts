import type { ScheduleRunProgress } from '@trellis/core';

/** A queued run's progress is written at most this often; reports in between are folded into the next write. */
export const PROGRESS_WRITE_EVERY_MS = 250;

/**
 * Keeps a queued run's progress in its row for the page to poll: at most one write every PROGRESS_WRITE_EVERY_MS (the
 * latest report then), one write at a time, none once the run left the queue. Measured on this process's monotonic
 * clock, not the injected one: it paces writes, it dates nothing.
 */
export class ProgressWriter {
  #last = -Infinity;
  #pending: ScheduleRunProgress | null = null;
  #timer: NodeJS.Timeout | null = null;
  #writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly write: (progress: ScheduleRunProgress) => Promise<void>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  report(progress: ScheduleRunProgress): void {
    this.#pending = progress;
    const wait = this.#last + PROGRESS_WRITE_EVERY_MS - this.now();
    if (wait <= 0) this.#flush();
    else this.#timer ??= setTimeout(() => this.#flush(), wait);
  }

  #flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const progress = this.#pending;
    if (!progress) return;
    this.#pending = null;
    this.#last = this.now();
    // A failed write only loses a progress report; the run goes on.
    this.#writing = this.#writing.then(() => this.write(progress)).catch(() => undefined);
  }

  /** Drops what is not written yet and waits for the write under way, so nothing lands after the run's last write. */
  async stop(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending = null;
    await this.#writing;
  }
}
