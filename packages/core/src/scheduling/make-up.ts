/**
 * Make-up sessions: when a participant's projected hours fall below the requirement, the other sessions of their
 * program this week that they could still join, ranked by the hours they would recover. Pure: the server loads the
 * sessions and the participant's busy time (their own sessions and appointments, their unavailability); this decides.
 */
import type { WeeklyHoursLedger } from '../ledger.ts';
import type { ProgramWeek } from '../time.ts';
import { normaliseIntervals, overlapsAny, type Interval } from './intervals.ts';

/** A session of the participant's program this week, as a make-up candidate. */
export interface MakeUpCandidate {
  sessionId: string;
  localDate: string;
  startsAt: string;
  endsAt: string;
  /** An unbilled break inside the session, in minutes. */
  breakMinutes: number;
  capacity: number;
  /** Participants expected there now (the roster rule), guests included. */
  expectedCount: number;
  /** The participant is expected there already: their own track's session, or booked before. */
  alreadyExpected: boolean;
  cancelled: boolean;
  /** Whether the session's kind counts toward weekly hours. */
  counts: boolean;
}

/** Why a candidate is not offered, checked in this order (the first that applies is given). */
export const MAKE_UP_REFUSALS = ['cancelled', 'not-counted', 'started', 'outside-week', 'not-in-program', 'already-expected', 'full', 'clash'] as const;
export type MakeUpRefusal = (typeof MAKE_UP_REFUSALS)[number];

export const MAKE_UP_REFUSAL_TEXT: Record<MakeUpRefusal, string> = {
  cancelled: 'the session is cancelled',
  'not-counted': 'the session does not count toward weekly hours',
  started: 'the session has already started',
  'outside-week': 'the session is not in this program week',
  'not-in-program': 'the participant is not in the program on that date',
  'already-expected': 'the participant is already expected at this session',
  full: 'the session is full',
  clash: 'the participant is busy then',
};

export interface MakeUpContext {
  /** The instant the options are computed at: a session that has started is no longer an option. */
  now: string;
  week: ProgramWeek;
  /** The participant's episode dates (admission, discharge or null): a make-up must fall within them. */
  activeFrom: string;
  activeTo: string | null;
  /** Minutes still missing from the requirement (makeUpShortfall). */
  shortfallMinutes: number;
  /** The participant's busy time: their own sessions and appointments, their unavailability. */
  busy: readonly Interval[];
}

export interface MakeUpOption {
  sessionId: string;
  /** The session's counted minutes (its length less the break). */
  minutes: number;
  /** Of those, the minutes that go toward the requirement still missing. */
  recoveredMinutes: number;
  /** Places left under the session's capacity. */
  placesLeft: number;
}

/** Minutes the week still lacks against its requirement once everything scheduled is attended (0 when none). */
export function makeUpShortfall(ledger: Pick<WeeklyHoursLedger, 'requiredMinutes' | 'projectedMinutes' | 'status'>): number {
  if (ledger.status === 'met' || ledger.status === 'on-track') return 0;
  return Math.max(0, ledger.requiredMinutes - ledger.projectedMinutes);
}

function sessionMinutes(c: MakeUpCandidate): number {
  const length = (Date.parse(c.endsAt) - Date.parse(c.startsAt)) / 60_000;
  return Math.max(0, Math.round(length - Math.max(0, c.breakMinutes)));
}

/** Why one candidate cannot be offered, or null when it can (the same rule lists options and books one). */
export function makeUpRefusal(ctx: MakeUpContext, c: MakeUpCandidate, busy: readonly Interval[] = normaliseIntervals(ctx.busy)): MakeUpRefusal | null {
  if (c.cancelled) return 'cancelled';
  if (!c.counts || sessionMinutes(c) === 0) return 'not-counted';
  const start = Date.parse(c.startsAt);
  if (start <= Date.parse(ctx.now)) return 'started';
  if (c.localDate < ctx.week.monday || c.localDate > ctx.week.sunday) return 'outside-week';
  if (c.localDate < ctx.activeFrom || (ctx.activeTo !== null && c.localDate > ctx.activeTo)) return 'not-in-program';
  if (c.alreadyExpected) return 'already-expected';
  if (c.expectedCount >= c.capacity) return 'full';
  if (overlapsAny(busy, { start, end: Date.parse(c.endsAt) })) return 'clash';
  return null;
}

/**
 * The sessions a participant could join this week to make up hours, most hours recovered first (then the soonest):
 * not cancelled, counting toward hours, not yet started, within the week and the episode, with a place left, and
 * clear of the participant's own time. A session longer than the shortfall recovers only the shortfall, so a shorter
 * session that closes the gap ranks with a longer one and the sooner wins.
 */
export function makeUpOptions(
  ctx: MakeUpContext,
  candidates: readonly MakeUpCandidate[],
): { options: MakeUpOption[]; refused: { sessionId: string; reason: MakeUpRefusal }[] } {
  const busy = normaliseIntervals(ctx.busy);
  const offered: (MakeUpOption & { start: number })[] = [];
  const refused: { sessionId: string; reason: MakeUpRefusal }[] = [];
  for (const c of candidates) {
    const reason = makeUpRefusal(ctx, c, busy);
    if (reason) {
      refused.push({ sessionId: c.sessionId, reason });
      continue;
    }
    const minutes = sessionMinutes(c);
    offered.push({
      sessionId: c.sessionId,
      minutes,
      recoveredMinutes: Math.min(minutes, Math.max(0, ctx.shortfallMinutes)),
      placesLeft: c.capacity - c.expectedCount,
      start: Date.parse(c.startsAt),
    });
  }
  offered.sort(
    (a, b) => b.recoveredMinutes - a.recoveredMinutes || a.start - b.start || (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0),
  );
  return { options: offered.map(({ start: _start, ...o }) => o), refused };
}
