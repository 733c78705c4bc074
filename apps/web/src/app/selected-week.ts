/**
 * The program week last chosen on the census or the schedule, so the other page opens on the same week. Kept for
 * this tab (sessionStorage); only a date, nothing about anyone. null means "this week".
 */
const KEY = 'trellis.week';
const MONDAY = /^\d{4}-\d{2}-\d{2}$/;

export function rememberedWeek(): string | null {
  try {
    const value = window.sessionStorage.getItem(KEY);
    return value && MONDAY.test(value) ? value : null;
  } catch {
    return null;
  }
}

export function rememberWeek(monday: string | null): void {
  try {
    if (monday) window.sessionStorage.setItem(KEY, monday);
    else window.sessionStorage.removeItem(KEY);
  } catch {
    // Storage refused: each page keeps its own week in its address.
  }
}
