import type { WeekTense } from '@trellis/core';

/** "this week" for the week under way, "that week" for any other (the server says which a week is). */
export function thisOrThatWeek(tense: WeekTense): string {
  return tense === 'current' ? 'this week' : 'that week';
}
