/** Whether a program week is over, under way or still to come, so pages speak of it in the right tense. */
export type WeekTense = 'past' | 'current' | 'future';

export function weekTense(monday: string, today: string): WeekTense {
  const sunday = new Date(Date.parse(`${monday}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
  if (sunday < today) return 'past';
  return monday > today ? 'future' : 'current';
}

/** "this week" for the week under way, "that week" for any other. */
export function thisOrThatWeek(tense: WeekTense): string {
  return tense === 'current' ? 'this week' : 'that week';
}
