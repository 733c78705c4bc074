import { describe, expect, it } from 'vitest';
import { clockFrom } from './clock.ts';

describe('a clock started at a chosen instant (TRELLIS_CLOCK)', () => {
  it('starts at the instant and runs on with real time', () => {
    let real = Date.parse('2030-01-01T12:00:00Z');
    const clock = clockFrom('2026-03-08T06:30:00Z', () => real);
    expect(clock.now().toISOString()).toBe('2026-03-08T06:30:00.000Z');
    real += 90 * 60_000;
    expect(clock.now().toISOString()).toBe('2026-03-08T08:00:00.000Z');
  });
});
