import { describe, expect, it } from 'vitest';
import { programWeekStarting, zonedInstant } from '../time.ts';
import { intervalOf } from './intervals.ts';
import { makeUpOptions, makeUpRefusal, makeUpShortfall, type MakeUpCandidate, type MakeUpContext } from './make-up.ts';

const NY = 'America/New_York';
// The program week of Monday 2 March 2026 in New York; the clocks go forward on Sunday 8 March.
const WEEK = programWeekStarting('2026-03-02', NY);
const at = (date: string, time: string) => zonedInstant(date, time, NY);

function candidate(id: string, date: string, from: string, to: string, extra: Partial<MakeUpCandidate> = {}): MakeUpCandidate {
  return {
    sessionId: id,
    localDate: date,
    startsAt: at(date, from),
    endsAt: at(date, to),
    breakMinutes: 0,
    capacity: 12,
    expectedCount: 4,
    alreadyExpected: false,
    cancelled: false,
    counts: true,
    ...extra,
  };
}

const ctx: MakeUpContext = {
  now: at('2026-03-04', '12:00'), // Wednesday noon
  week: WEEK,
  activeFrom: '2026-02-02',
  activeTo: null,
  shortfallMinutes: 180,
  busy: [intervalOf(at('2026-03-05', '09:00'), at('2026-03-05', '12:00'))], // Thursday morning: work
};

describe('makeUpRefusal: why a session cannot be a make-up', () => {
  it.each([
    { name: 'open, later this week, clear of the participant', c: candidate('a', '2026-03-04', '18:00', '21:00'), want: null },
    { name: 'cancelled', c: candidate('a', '2026-03-04', '18:00', '21:00', { cancelled: true }), want: 'cancelled' },
    { name: 'a kind that does not count', c: candidate('a', '2026-03-04', '18:00', '21:00', { counts: false }), want: 'not-counted' },
    { name: 'all break', c: candidate('a', '2026-03-04', '18:00', '18:30', { breakMinutes: 30 }), want: 'not-counted' },
    { name: 'started this morning, still running', c: candidate('a', '2026-03-04', '09:00', '13:00'), want: 'started' },
    { name: 'starting at this very instant', c: candidate('a', '2026-03-04', '12:00', '13:00'), want: 'started' },
    { name: 'starting a minute from now', c: candidate('a', '2026-03-04', '12:01', '13:00'), want: null },
    { name: 'next Monday', c: candidate('a', '2026-03-09', '18:00', '21:00'), want: 'outside-week' },
    { name: 'Sunday evening, the last day of the week', c: candidate('a', '2026-03-08', '18:00', '21:00'), want: null },
    { name: 'already expected (own track or booked)', c: candidate('a', '2026-03-04', '18:00', '21:00', { alreadyExpected: true }), want: 'already-expected' },
    { name: 'one place left', c: candidate('a', '2026-03-04', '18:00', '21:00', { expectedCount: 11 }), want: null },
    { name: 'full to capacity', c: candidate('a', '2026-03-04', '18:00', '21:00', { expectedCount: 12 }), want: 'full' },
    { name: 'over capacity (capacity lowered after bookings)', c: candidate('a', '2026-03-04', '18:00', '21:00', { capacity: 3 }), want: 'full' },
    { name: 'overlapping work by a minute', c: candidate('a', '2026-03-05', '11:59', '13:00'), want: 'clash' },
    { name: 'starting as work ends (half-open intervals touch)', c: candidate('a', '2026-03-05', '12:00', '13:00'), want: null },
    { name: 'inside work hours', c: candidate('a', '2026-03-05', '10:00', '11:00'), want: 'clash' },
  ])('$name → $want', ({ c, want }) => {
    expect(makeUpRefusal(ctx, c)).toBe(want);
  });

  it.each([
    { name: 'before a mid-week admission', activeFrom: '2026-03-05', activeTo: null, date: '2026-03-04', want: 'not-in-program' },
    { name: 'on the admission day', activeFrom: '2026-03-04', activeTo: null, date: '2026-03-04', want: null },
    { name: 'on the discharge day', activeFrom: '2026-02-02', activeTo: '2026-03-06', date: '2026-03-06', want: null },
    { name: 'after a mid-week discharge', activeFrom: '2026-02-02', activeTo: '2026-03-06', date: '2026-03-07', want: 'not-in-program' },
  ])('partial week: $name → $want', ({ activeFrom, activeTo, date, want }) => {
    expect(makeUpRefusal({ ...ctx, activeFrom, activeTo }, candidate('a', date, '18:00', '21:00'))).toBe(want);
  });
});

describe('makeUpOptions: ranked by hours recovered toward the requirement', () => {
  it('ranks more hours recovered first, the shortfall capping what a session recovers, then the sooner', () => {
    const { options, refused } = makeUpOptions({ ...ctx, shortfallMinutes: 120 }, [
      candidate('friday-3h', '2026-03-06', '18:00', '21:00'),
      candidate('wed-1h', '2026-03-04', '18:00', '19:00'),
      candidate('thu-2h', '2026-03-05', '14:00', '16:00'),
      candidate('full', '2026-03-04', '19:00', '22:00', { expectedCount: 12 }),
      candidate('clash', '2026-03-05', '08:00', '11:00'),
    ]);
    expect(options.map((o) => [o.sessionId, o.minutes, o.recoveredMinutes])).toEqual([
      ['thu-2h', 120, 120],
      ['friday-3h', 180, 120],
      ['wed-1h', 60, 60],
    ]);
    expect(refused).toEqual([
      { sessionId: 'full', reason: 'full' },
      { sessionId: 'clash', reason: 'clash' },
    ]);
  });

  it('counts places left and leaves a break out of the hours', () => {
    const { options } = makeUpOptions(ctx, [candidate('a', '2026-03-04', '18:00', '21:00', { breakMinutes: 15, expectedCount: 10 })]);
    expect(options).toEqual([{ sessionId: 'a', minutes: 165, recoveredMinutes: 165, placesLeft: 2 }]);
  });

  it('measures a session across the spring-forward night by the instants, not the wall clock', () => {
    // Saturday 23:00 to Sunday 03:00 local is three hours on 8 March 2026 (02:00 does not exist).
    const { options } = makeUpOptions({ ...ctx, shortfallMinutes: 600 }, [candidate('night', '2026-03-07', '23:00', '23:00', { endsAt: at('2026-03-08', '03:00') })]);
    expect(options[0]?.minutes).toBe(180);
  });

  it('offers nothing to recover when there is no shortfall, yet still lists what fits', () => {
    const { options } = makeUpOptions({ ...ctx, shortfallMinutes: 0 }, [candidate('a', '2026-03-04', '18:00', '19:00')]);
    expect(options.map((o) => o.recoveredMinutes)).toEqual([0]);
  });
});

describe('makeUpShortfall', () => {
  it.each([
    { status: 'at-risk' as const, required: 540, projected: 360, want: 180 },
    { status: 'short' as const, required: 540, projected: 300, want: 240 },
    { status: 'on-track' as const, required: 540, projected: 600, want: 0 },
    { status: 'met' as const, required: 540, projected: 540, want: 0 },
    // A partial week's requirement is already what the track offered; the shortfall is against it.
    { status: 'at-risk' as const, required: 360, projected: 180, want: 180 },
  ])('$status, $projected of $required → $want', ({ status, required, projected, want }) => {
    expect(makeUpShortfall({ status, requiredMinutes: required, projectedMinutes: projected })).toBe(want);
  });
});
