import { describe, expect, it } from 'vitest';
import { thisOrThatWeek } from './week-tense.ts';

describe('thisOrThatWeek', () => {
  it.each([
    ['current', 'this week'],
    ['past', 'that week'],
    ['future', 'that week'],
  ] as const)('calls a %s week %s', (tense, words) => {
    expect(thisOrThatWeek(tense)).toBe(words);
  });
});
