/**
 * Who is expected at a session: the roster rule. The SQL view `trellis_expected_attendance` and the function
 * `trellis_session_roster` (apps/server/drizzle, "roster rule") implement exactly this predicate; a server test holds
 * every roster, count and ledger query to it.
 */

/** A stretch of days, both ends inclusive; `to: null` is open-ended. Dates are 'YYYY-MM-DD'. */
export interface DateSpan {
  from: string;
  to: string | null;
}

/** Whether `date` falls within `span` (inclusive at both ends). */
export function spanCovers(span: DateSpan, date: string): boolean {
  return span.from <= date && (span.to === null || date <= span.to);
}

export interface RosterEpisode {
  admittedOn: string;
  dischargedOn: string | null;
}

export interface RosterSession {
  localDate: string;
  /** A session with a chosen roster (e.g. a make-up) expects only the participants chosen for it. */
  chosenRoster: boolean;
}

/**
 * Whether a participant is expected at a session, through one of their track memberships (for a track session) or
 * through a roster row for the session (`chosen`): on a session with a chosen roster they were chosen for it; on a
 * track session they were booked as a guest (a make-up from another track). The session's local date must fall
 * within the membership's dates (memberships count on track sessions only) and within the episode's admission and
 * discharge dates (both inclusive: a participant admitted or discharged that day is expected). A guest who is also a
 * member that day is expected once, through the membership.
 */
export function isExpectedAt(
  session: RosterSession,
  episode: RosterEpisode,
  via: { membership: DateSpan } | { chosen: true },
): boolean {
  if (!spanCovers({ from: episode.admittedOn, to: episode.dischargedOn }, session.localDate)) return false;
  if ('chosen' in via) return true;
  return !session.chosenRoster && spanCovers(via.membership, session.localDate);
}
