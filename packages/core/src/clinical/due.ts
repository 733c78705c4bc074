/** Whether a dated obligation (a plan review, a certification) is upcoming, due or overdue on a given day. */
import { addDays } from '../time.ts';

/**
 * How far ahead an obligation shows as due: the supervisor view lists plan reviews "due in 7 days" (issue 6), and
 * certifications use the same window so one queue reads one way.
 */
export const DUE_SOON_DAYS = 7;

export const DUE_STATES = ['upcoming', 'due', 'overdue'] as const;
export type DueState = (typeof DUE_STATES)[number];

/** `overdue` after the due date, `due` from DUE_SOON_DAYS before it through the day itself, else `upcoming`. */
export function dueState(dueOn: string, today: string, soonDays = DUE_SOON_DAYS): DueState {
  if (today > dueOn) return 'overdue';
  if (today >= addDays(dueOn, -soonDays)) return 'due';
  return 'upcoming';
}
