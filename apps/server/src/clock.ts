/** The source of "now"; tests replace it to stand on a week edge or a daylight-saving day. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved; for tests. */
export function fixedClock(at: string | Date): Clock & { set(at: string | Date): void; advanceMinutes(m: number): void } {
  let current = new Date(at);
  return {
    now: () => new Date(current),
    set: (next) => {
      current = new Date(next);
    },
    advanceMinutes: (m) => {
      current = new Date(current.getTime() + m * 60_000);
    },
  };
}

/**
 * A clock that starts at a chosen instant and then runs with real time (TRELLIS_CLOCK; the browser tests use it to
 * stand the demo at a chosen hour of a chosen week).
 */
export function clockFrom(start: string | Date, real: () => number = Date.now): Clock {
  const offset = new Date(start).getTime() - real();
  return { now: () => new Date(real() + offset) };
}
