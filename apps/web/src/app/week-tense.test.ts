import { describe, expect, it } from 'vitest';
import { weekTense } from './week-tense.ts';

describe('weekTense', () => {
  it.each([
    ['2026-11-23', '2026-11-30', 'past'],
    ['2026-11-23', '2026-11-29', 'current'],
    ['2026-11-23', '2026-11-23', 'current'],
    ['2026-11-30', '2026-11-29', 'future'],
    ['2025-12-29', '2026-01-05', 'past'],
  ])('the week of %s seen on %s is %s', (monday, today, tense) => {
    expect(weekTense(monday, today)).toBe(tense);
  });
});
