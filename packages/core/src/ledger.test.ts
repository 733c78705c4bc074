import { describe, it, expect } from 'vitest';
import { minutesAttended } from './attendance.ts';
import type { AttendanceMark, AttendanceStatus } from './attendance.ts';
import { weeklyHoursLedger, weeklyHoursLedgers } from './ledger.ts';
import type { LedgerInput, LedgerSession, WeeklyHoursLedger } from './ledger.ts';
import { minutesBetween, programWeekContaining, programWeekStarting, zonedInstant } from './time.ts';

const NY = 'America/New_York';
// Monday 2026-01-12 … Sunday 2026-01-18, New York, EST (UTC-5) throughout.
const WEEK = programWeekStarting('2026-01-12', NY);
const IOP = { minHours: 9, maxHours: 19, perDiemMinHours: 3 };

const at = (date: string, time: string): string => zonedInstant(date, time, NY);

/** A session on a local date; `attended` is minutes attended (a roll taken), omitted for no roll yet. */
function session(
  date: string,
  start: string,
  end: string,
  opts: { attended?: number; status?: AttendanceStatus; cancelled?: boolean } = {},
): LedgerSession {
  return {
    startsAt: at(date, start),
    endsAt: at(date, end),
    cancelled: opts.cancelled ?? false,
    attendance:
      opts.attended === undefined ? null : { status: opts.status ?? 'present', minutesAttended: opts.attended },
  };
}

/** A roll taken for a 09:00–12:00 session with the given mark. */
function morning(date: string, mark: AttendanceMark = { status: 'present' }): LedgerSession {
  return {
    ...session(date, '09:00', '12:00'),
    attendance: { status: mark.status, minutesAttended: minutesAttended(mark, 180) },
  };
}

function ledger(input: Partial<LedgerInput> = {}): WeeklyHoursLedger {
  return weeklyHoursLedger({
    week: WEEK,
    now: at('2026-01-14', '12:30'),
    requirement: IOP,
    activeFrom: WEEK.monday,
    activeTo: null,
    sessions: [],
    ...input,
  });
}

describe('weeklyHoursLedger status boundaries (required 9 h = 540 min)', () => {
  const WED_NOON = at('2026-01-14', '12:30');
  const SUN_2359 = at('2026-01-18', '23:59');
  it.each<{
    what: string;
    now: string;
    sessions: LedgerSession[];
    status: string;
    attended: number;
    projected: number;
  }>([
    {
      what: 'attended exactly the requirement → met',
      now: WED_NOON,
      sessions: [morning('2026-01-12'), morning('2026-01-13'), morning('2026-01-14')],
      status: 'met',
      attended: 540,
      projected: 540,
    },
    {
      what: 'attended one minute short, nothing ahead → at-risk',
      now: WED_NOON,
      sessions: [
        morning('2026-01-12'),
        morning('2026-01-13'),
        morning('2026-01-14', { status: 'late', lateMinutes: 1 }),
      ],
      status: 'at-risk',
      attended: 539,
      projected: 539,
    },
    {
      what: 'projected exactly the requirement → on-track',
      now: WED_NOON,
      sessions: [
        morning('2026-01-12'),
        session('2026-01-15', '09:00', '12:00'),
        session('2026-01-16', '09:00', '12:00'),
      ],
      status: 'on-track',
      attended: 180,
      projected: 540,
    },
    {
      what: 'projected one minute short → at-risk',
      now: WED_NOON,
      sessions: [
        morning('2026-01-12'),
        session('2026-01-15', '09:00', '12:00'),
        session('2026-01-16', '09:00', '11:59'),
      ],
      status: 'at-risk',
      attended: 180,
      projected: 539,
    },
    {
      what: 'a roll not taken is neither projected nor absent → at-risk, never met',
      now: at('2026-01-15', '08:00'),
      sessions: [morning('2026-01-12'), morning('2026-01-13'), session('2026-01-14', '09:00', '12:00')],
      status: 'at-risk',
      attended: 360,
      projected: 360,
    },
    {
      what: 'Sunday 23:59, the last minute of the week, with a roll not taken → at-risk',
      now: SUN_2359,
      sessions: [morning('2026-01-12'), morning('2026-01-13'), session('2026-01-18', '13:00', '16:00')],
      status: 'at-risk',
      attended: 360,
      projected: 360,
    },
    {
      what: 'Monday 00:00, the week is over, the roll still missing → short',
      now: WEEK.end,
      sessions: [morning('2026-01-12'), morning('2026-01-13'), session('2026-01-18', '13:00', '16:00')],
      status: 'short',
      attended: 360,
      projected: 360,
    },
    {
      what: 'week over one minute short → short',
      now: WEEK.end,
      sessions: [
        morning('2026-01-12'),
        morning('2026-01-13'),
        morning('2026-01-14', { status: 'late', lateMinutes: 1 }),
      ],
      status: 'short',
      attended: 539,
      projected: 539,
    },
    {
      what: 'week over with the requirement attended → met',
      now: at('2026-02-01', '09:00'),
      sessions: [morning('2026-01-12'), morning('2026-01-13'), morning('2026-01-14')],
      status: 'met',
      attended: 540,
      projected: 540,
    },
    {
      what: 'Sunday 23:59 one minute short with nothing ahead → at-risk, not yet short',
      now: SUN_2359,
      sessions: [
        morning('2026-01-12'),
        morning('2026-01-13'),
        morning('2026-01-14', { status: 'late', lateMinutes: 1 }),
      ],
      status: 'at-risk',
      attended: 539,
      projected: 539,
    },
  ])('$what', ({ now, sessions, status, attended, projected }) => {
    const result = ledger({ now, sessions });
    expect(result.requiredMinutes).toBe(540);
    expect(result.status).toBe(status);
    expect(result.attendedMinutes).toBe(attended);
    expect(result.projectedMinutes).toBe(projected);
  });

  it('is met when nothing is required', () => {
    const result = ledger({ requirement: { minHours: 0, maxHours: 9, perDiemMinHours: 3 } });
    expect(result).toMatchObject({ requiredMinutes: 0, attendedMinutes: 0, status: 'met' });
    expect(ledger({ requirement: { minHours: 0, maxHours: 9, perDiemMinHours: 3 }, now: WEEK.end }).status).toBe('met');
  });
});

describe('weeklyHoursLedger: scheduled vs unrecorded around now', () => {
  // Wednesday 09:00–12:00 local is 14:00Z–17:00Z; Monday's roll was taken.
  const sessions = [morning('2026-01-12'), session('2026-01-14', '09:00', '12:00')];
  it.each([
    { now: '2026-01-14T13:59:00Z', scheduled: 180, unrecorded: 0, what: 'before it starts' },
    { now: '2026-01-14T14:00:00Z', scheduled: 180, unrecorded: 0, what: 'as it starts' },
    { now: '2026-01-14T16:59:00Z', scheduled: 180, unrecorded: 0, what: 'in its last minute' },
    { now: '2026-01-14T17:00:00Z', scheduled: 0, unrecorded: 180, what: 'as it ends' },
    { now: '2026-01-16T17:00:00Z', scheduled: 0, unrecorded: 180, what: 'two days later' },
  ])('$what: scheduled $scheduled, unrecorded $unrecorded', ({ now, scheduled, unrecorded }) => {
    const result = ledger({ now, sessions });
    expect(result.attendedMinutes).toBe(180);
    expect(result.scheduledMinutes).toBe(scheduled);
    expect(result.unrecordedMinutes).toBe(unrecorded);
    // A roll not taken is not projected: only attended and still-scheduled minutes are.
    expect(result.projectedMinutes).toBe(180 + scheduled);
    expect(result.rollsNotTaken).toBe(unrecorded > 0 ? 1 : 0);
  });

  it('counts a roll taken during a session as attended, not scheduled', () => {
    const result = ledger({
      now: '2026-01-14T15:00:00Z',
      sessions: [session('2026-01-14', '09:00', '12:00', { attended: 180 })],
    });
    expect(result).toMatchObject({ attendedMinutes: 180, scheduledMinutes: 0, unrecordedMinutes: 0 });
  });
});

describe('weeklyHoursLedger: partial attendance', () => {
  it('sums late arrivals and early departures; absent and excused add nothing', () => {
    const result = ledger({
      now: WEEK.end,
      sessions: [
        morning('2026-01-12', { status: 'late', lateMinutes: 20 }),
        morning('2026-01-13', { status: 'left_early', leftEarlyMinutes: 45 }),
        morning('2026-01-14', { status: 'late', lateMinutes: 15, leftEarlyMinutes: 30 }),
        morning('2026-01-15', { status: 'absent' }),
        morning('2026-01-16', { status: 'excused' }),
      ],
    });
    expect(result).toMatchObject({
      attendedMinutes: 160 + 135 + 135,
      attendedHours: 7.17,
      scheduledMinutes: 0,
      unrecordedMinutes: 0,
      daysMeetingPerDiem: 0,
      status: 'short',
    });
  });
});

describe('weeklyHoursLedger: a participant who moves track mid-week', () => {
  it('adds morning sessions of the old track and evening sessions of the new one', () => {
    const result = ledger({
      now: at('2026-01-14', '22:00'),
      sessions: [
        // Track A, mornings, Monday and Tuesday.
        session('2026-01-12', '09:00', '12:00', { attended: 180 }),
        session('2026-01-13', '09:00', '12:00', { attended: 170, status: 'late' }),
        // Track B, evenings from Wednesday (18:00 local is 23:00Z; 21:00 local is 02:00Z the next day).
        session('2026-01-14', '18:00', '21:00', { attended: 180 }),
        session('2026-01-15', '18:00', '21:00'),
        session('2026-01-16', '18:00', '21:00'),
      ],
    });
    expect(result).toMatchObject({
      attendedMinutes: 530,
      scheduledMinutes: 360,
      unrecordedMinutes: 0,
      projectedMinutes: 890,
      daysMeetingPerDiem: 2,
      status: 'on-track',
      overMax: false,
    });
  });
});

describe('weeklyHoursLedger: per-diem days (3 h on one local date)', () => {
  it.each<{ what: string; sessions: LedgerSession[]; days: number; perDiemMinHours?: number }>([
    { what: 'exactly 180 min counts', sessions: [session('2026-01-12', '09:00', '12:00', { attended: 180 })], days: 1 },
    { what: '179 min does not', sessions: [session('2026-01-12', '09:00', '12:00', { attended: 179 })], days: 0 },
    {
      what: 'two sessions on the same day sum to 180',
      sessions: [
        session('2026-01-12', '09:00', '10:30', { attended: 90 }),
        session('2026-01-12', '13:00', '14:30', { attended: 90 }),
      ],
      days: 1,
    },
    {
      what: 'two sessions on the same day sum to 179',
      sessions: [
        session('2026-01-12', '09:00', '10:30', { attended: 90 }),
        session('2026-01-12', '13:00', '14:30', { attended: 89 }),
      ],
      days: 0,
    },
    {
      what: 'an afternoon and an evening on one local day whose UTC dates differ',
      sessions: [
        session('2026-01-15', '13:00', '14:30', { attended: 90 }),
        session('2026-01-15', '19:00', '20:30', { attended: 90 }),
      ],
      days: 1,
    },
    {
      what: 'a Thursday evening and a Friday morning that share a UTC date',
      sessions: [
        session('2026-01-15', '19:00', '20:30', { attended: 90 }),
        session('2026-01-16', '09:00', '10:30', { attended: 90 }),
      ],
      days: 0,
    },
    {
      what: 'three full days',
      sessions: ['2026-01-12', '2026-01-14', '2026-01-16'].map((d) => session(d, '09:00', '12:00', { attended: 180 })),
      days: 3,
    },
    {
      what: 'a cancelled session adds nothing',
      sessions: [session('2026-01-12', '09:00', '12:00', { attended: 180, cancelled: true })],
      days: 0,
    },
    {
      what: 'a program with a 4-hour day',
      sessions: [
        session('2026-01-12', '09:00', '12:00', { attended: 180 }),
        session('2026-01-13', '09:00', '13:00', { attended: 240 }),
      ],
      perDiemMinHours: 4,
      days: 1,
    },
    {
      what: 'an absence is not a day even with no minimum',
      sessions: [session('2026-01-12', '09:00', '12:00', { attended: 0, status: 'absent' })],
      perDiemMinHours: 0,
      days: 0,
    },
  ])('$what → $days', ({ sessions, days, perDiemMinHours = 3 }) => {
    expect(ledger({ now: WEEK.end, sessions, requirement: { ...IOP, perDiemMinHours } }).daysMeetingPerDiem).toBe(days);
  });
});

describe('weeklyHoursLedger: a partial week is judged against what the track offered, capped at the minimum', () => {
  // A Mon/Wed/Fri track of 3 h mornings (9 h a week); the roster gives only the sessions within admission/discharge.
  const MWF = ['2026-01-12', '2026-01-14', '2026-01-16'];
  const offered = (from: string, to: string | null) =>
    MWF.filter((d) => d >= from && (to === null || d <= to)).map((d) => session(d, '09:00', '12:00'));
  it.each<{ what: string; activeFrom: string; activeTo: string | null; minHours?: number; required: number; partial: boolean }>([
    { what: 'the whole week', activeFrom: '2026-01-12', activeTo: null, required: 540, partial: false },
    { what: 'admitted in an earlier week', activeFrom: '2025-12-01', activeTo: null, required: 540, partial: false },
    { what: 'discharged on Sunday', activeFrom: '2026-01-12', activeTo: '2026-01-18', required: 540, partial: false },
    { what: 'admitted Tuesday: Wed and Fri offered', activeFrom: '2026-01-13', activeTo: null, required: 360, partial: true },
    { what: 'admitted Saturday: nothing offered', activeFrom: '2026-01-17', activeTo: null, required: 0, partial: true },
    { what: 'discharged Tuesday: Monday offered', activeFrom: '2026-01-12', activeTo: '2026-01-13', required: 180, partial: true },
    { what: 'admitted Tuesday, discharged Thursday', activeFrom: '2026-01-13', activeTo: '2026-01-15', required: 180, partial: true },
    { what: 'PHP (20 h) admitted Monday, discharged Saturday: capped at what was offered', activeFrom: '2026-01-12', activeTo: '2026-01-17', minHours: 20, required: 540, partial: true },
    { what: 'IOP with a 6 h minimum admitted Tuesday: capped at the minimum', activeFrom: '2026-01-13', activeTo: null, minHours: 5, required: 300, partial: true },
    { what: 'discharged before the week', activeFrom: '2026-01-01', activeTo: '2026-01-09', required: 0, partial: true },
  ])('$what → $required min', ({ activeFrom, activeTo, minHours = 9, required, partial }) => {
    const sessions = offered(activeFrom < WEEK.monday ? WEEK.monday : activeFrom, activeTo);
    const result = ledger({ activeFrom, activeTo, requirement: { ...IOP, minHours }, sessions });
    expect(result.requiredMinutes).toBe(required);
    expect(result.partialWeek).toBe(partial);
    if (required === 0) expect(result.status).toBe('met');
  });

  it('admitted Tuesday and attending both remaining days meets the week (the issue’s case)', () => {
    const sessions = [morning('2026-01-14'), morning('2026-01-16')];
    const result = ledger({ activeFrom: '2026-01-13', now: at('2026-01-16', '13:00'), sessions });
    expect(result).toMatchObject({ requiredMinutes: 360, attendedMinutes: 360, status: 'met', reason: null });
    const midweek = ledger({ activeFrom: '2026-01-13', now: at('2026-01-14', '13:00'), sessions: [morning('2026-01-14'), session('2026-01-16', '09:00', '12:00')] });
    expect(midweek.status).toBe('on-track');
  });

  it('counts a cancelled session as offered, and says the shortfall is the program’s', () => {
    const sessions = [morning('2026-01-14'), session('2026-01-16', '09:00', '12:00', { cancelled: true })];
    const result = ledger({ activeFrom: '2026-01-13', now: WEEK.end, sessions });
    expect(result).toMatchObject({ requiredMinutes: 360, cancelledMinutes: 180, status: 'short', programCaused: true });
    expect(result.reason).toBe('3 h lost to a cancelled session (program-caused); 3 h of 6 h');
  });
});

describe('weeklyHoursLedger: a make-up booked from another track', () => {
  // Admitted Tuesday onto a Mon/Wed/Fri track: Wednesday and Friday offered (6 h); absent Wednesday.
  const absentWednesday = { ...session('2026-01-14', '09:00', '12:00'), attendance: { status: 'absent' as const, minutesAttended: 0 } };
  const friday = session('2026-01-16', '09:00', '12:00');
  const makeUp = { ...session('2026-01-15', '18:00', '21:00'), makeUp: true };
  const partial = { activeFrom: '2026-01-13', now: at('2026-01-14', '13:00') };

  it('recovers its hours without raising a partial week’s requirement', () => {
    expect(ledger({ ...partial, sessions: [absentWednesday, friday] })).toMatchObject({ requiredMinutes: 360, projectedMinutes: 180, status: 'at-risk' });
    expect(ledger({ ...partial, sessions: [absentWednesday, makeUp, friday] })).toMatchObject({
      requiredMinutes: 360,
      offeredMinutes: 360,
      projectedMinutes: 360,
      status: 'on-track',
    });
  });

  it('counts a make-up attended like any session, and a cancelled one as nothing lost by the program', () => {
    const attended = { ...makeUp, attendance: { status: 'present' as const, minutesAttended: 180 } };
    expect(ledger({ ...partial, now: WEEK.end, sessions: [absentWednesday, attended, morning('2026-01-16')] })).toMatchObject({ attendedMinutes: 360, status: 'met' });
    const cancelled = { ...makeUp, cancelled: true };
    expect(ledger({ ...partial, sessions: [absentWednesday, cancelled, friday] })).toMatchObject({ requiredMinutes: 360, cancelledMinutes: 0, projectedMinutes: 180, status: 'at-risk' });
  });
});

describe('weeklyHoursLedger: the week closes at discharge', () => {
  // Discharged Tuesday: Monday's 3 h were offered; without them the week is short once Tuesday is over.
  const monday = session('2026-01-12', '09:00', '12:00');
  it.each<{ what: string; now: string; sessions: LedgerSession[]; status: string }>([
    { what: 'on the discharge day, Monday’s roll not taken', now: at('2026-01-13', '08:00'), sessions: [monday], status: 'at-risk' },
    { what: 'the day after, absent Monday', now: at('2026-01-14', '00:00'), sessions: [{ ...monday, attendance: { status: 'absent', minutesAttended: 0 } }], status: 'short' },
    { what: 'one minute before midnight, roll not taken', now: at('2026-01-13', '23:59'), sessions: [monday], status: 'at-risk' },
    { what: 'the day after, Monday attended', now: at('2026-01-15', '10:00'), sessions: [morning('2026-01-12')], status: 'met' },
  ])('$what → $status', ({ now, sessions, status }) => {
    expect(ledger({ activeFrom: '2026-01-12', activeTo: '2026-01-13', now, sessions }).status).toBe(status);
  });
});

describe('weeklyHoursLedger: why a week is at risk or short', () => {
  it.each<{ what: string; now: string; sessions: LedgerSession[]; reason: string | null }>([
    {
      what: 'absent Monday with one session left',
      now: at('2026-01-14', '13:00'),
      sessions: [morning('2026-01-12', { status: 'absent' }), morning('2026-01-14'), session('2026-01-16', '09:00', '12:00')],
      reason: 'absent Mon; 1 session left, 6 h at most',
    },
    {
      what: 'a roll not taken',
      now: at('2026-01-14', '13:00'),
      sessions: [morning('2026-01-12'), session('2026-01-14', '09:00', '12:00'), session('2026-01-16', '09:00', '12:00')],
      reason: 'roll not taken Wed; 1 session left, 6 h at most',
    },
    {
      what: 'short with two absences',
      now: WEEK.end,
      sessions: [morning('2026-01-12', { status: 'absent' }), morning('2026-01-14', { status: 'excused' }), morning('2026-01-16')],
      reason: 'absent Mon; excused Wed; 3 h of 9 h',
    },
    { what: 'met', now: WEEK.end, sessions: [morning('2026-01-12'), morning('2026-01-14'), morning('2026-01-16')], reason: null },
  ])('$what → $reason', ({ now, sessions, reason }) => {
    expect(ledger({ now, sessions }).reason).toBe(reason);
  });
});

describe('weeklyHoursLedger: what counts', () => {
  it('leaves out kinds that do not count and unbilled breaks', () => {
    const sessions: LedgerSession[] = [
      { ...morning('2026-01-12'), breakMinutes: 15 },
      { ...session('2026-01-13', '09:00', '12:00', { attended: 180 }), counts: false },
      { ...session('2026-01-16', '09:00', '12:00'), breakMinutes: 30 },
    ];
    const result = ledger({ now: at('2026-01-14', '08:00'), sessions });
    expect(result).toMatchObject({ attendedMinutes: 165, scheduledMinutes: 150, offeredMinutes: 315 });
  });
});

describe('weeklyHoursLedger: sessions that count for nothing', () => {
  it('ignores cancelled sessions, with or without a roll', () => {
    const sessions = [
      morning('2026-01-12'),
      session('2026-01-15', '09:00', '12:00'),
      session('2026-01-16', '09:00', '12:00', { cancelled: true }),
      session('2026-01-13', '09:00', '12:00', { cancelled: true, attended: 180 }),
      session('2026-01-13', '13:00', '16:00', { cancelled: true }),
    ];
    const result = ledger({ now: at('2026-01-14', '12:30'), sessions });
    expect(result).toMatchObject({
      attendedMinutes: 180,
      scheduledMinutes: 180,
      unrecordedMinutes: 0,
      status: 'at-risk',
    });
  });

  it('ignores sessions outside [week.start, week.end), judged by local midnight', () => {
    const sessions = [
      // Previous Sunday 20:00 local is 2026-01-12T01:00Z: a Monday in UTC, but last week here.
      session('2026-01-11', '20:00', '23:00', { attended: 180 }),
      // This Sunday 20:00 local is 2026-01-19T01:00Z: a Monday in UTC, but this week here.
      session('2026-01-18', '20:00', '23:00', { attended: 180 }),
      // Starts exactly at week.start: in. Starts exactly at week.end: out.
      { startsAt: WEEK.start, endsAt: at('2026-01-12', '01:00'), cancelled: false, attendance: null },
      { startsAt: WEEK.end, endsAt: at('2026-01-19', '01:00'), cancelled: false, attendance: null },
      session('2026-01-19', '09:00', '12:00'),
    ];
    const result = ledger({ now: at('2026-01-11', '08:00'), sessions });
    expect(result).toMatchObject({
      attendedMinutes: 180,
      scheduledMinutes: 60,
      unrecordedMinutes: 0,
      projectedMinutes: 240,
    });
  });
});

describe('weeklyHoursLedger: over the level-of-care maximum (19 h = 1140 min)', () => {
  const sixMornings = ['2026-01-12', '2026-01-13', '2026-01-14', '2026-01-15', '2026-01-16', '2026-01-17'].map((d) =>
    session(d, '09:00', '12:00'),
  );
  it.each([
    { end: '14:00', maxHours: 19, projected: 1140, overMax: false, what: 'projected exactly 19 h' },
    { end: '14:01', maxHours: 19, projected: 1141, overMax: true, what: 'one minute over' },
    { end: '23:00', maxHours: null, projected: 1680, overMax: false, what: 'no maximum (PHP)' },
  ])('$what → overMax $overMax', ({ end, maxHours, projected, overMax }) => {
    const sessions = [...sixMornings, session('2026-01-18', '13:00', end)];
    const result = ledger({ now: at('2026-01-11', '08:00'), sessions, requirement: { ...IOP, maxHours } });
    expect(result.projectedMinutes).toBe(projected);
    expect(result.maxHours).toBe(maxHours);
    expect(result.overMax).toBe(overMax);
  });

  it('counts attended, scheduled and rolls not taken toward the maximum', () => {
    const sessions = [
      session('2026-01-12', '09:00', '19:00', { attended: 600 }),
      session('2026-01-13', '09:00', '13:00'),
      session('2026-01-15', '09:00', '14:01'),
    ];
    const result = ledger({ now: at('2026-01-14', '09:00'), sessions });
    expect(result).toMatchObject({ attendedMinutes: 600, unrecordedMinutes: 240, scheduledMinutes: 301 });
    expect(result.overMax).toBe(true);
  });
});

describe('weeklyHoursLedger: hours are minutes / 60 to 2 decimals', () => {
  it.each([
    [0, 0],
    [1, 0.02],
    [20, 0.33],
    [40, 0.67],
    [45, 0.75],
    [50, 0.83],
    [100, 1.67],
    [539, 8.98],
    [541, 9.02],
    [1139, 18.98],
  ])('%i min → %d h', (minutes, hours) => {
    const result = ledger({
      now: WEEK.end,
      sessions: [session('2026-01-12', '00:00', '23:59', { attended: minutes })],
    });
    expect(result.attendedHours).toBe(hours);
  });

  it('rounds every figure the same way', () => {
    const result = ledger({
      now: at('2026-01-14', '12:00'),
      activeFrom: '2026-01-14',
      sessions: [
        session('2026-01-12', '09:00', '09:50', { attended: 50 }),
        session('2026-01-13', '09:00', '09:10'),
        session('2026-01-15', '09:00', '09:20'),
      ],
    });
    expect(result).toMatchObject({
      attendedHours: 0.83,
      unrecordedHours: 0.17,
      scheduledHours: 0.33,
      projectedHours: 1.17,
      requiredHours: 1.33,
    });
  });
});

describe('weeklyHoursLedger in DST weeks (America/New_York)', () => {
  it('spring-forward week: a Sunday 01:00–03:00 session is 60 real minutes, and late Sunday is still in the week', () => {
    const week = programWeekStarting('2026-03-02', NY);
    const result = weeklyHoursLedger({
      week,
      now: zonedInstant('2026-03-08', '12:00', NY),
      requirement: IOP,
      activeFrom: week.monday,
      activeTo: null,
      sessions: [
        session('2026-03-02', '09:00', '12:00', { attended: 180 }),
        session('2026-03-08', '01:00', '03:00'),
        session('2026-03-08', '18:00', '21:00'),
        // 21:00–23:30 EDT is 2026-03-09T01:00Z–03:30Z, before week.end at 04:00Z.
        session('2026-03-08', '21:00', '23:30'),
        // Monday 00:00 EDT, the next week.
        session('2026-03-09', '00:00', '03:00'),
      ],
    });
    expect(result).toMatchObject({
      weekMonday: '2026-03-02',
      attendedMinutes: 180,
      unrecordedMinutes: 60,
      scheduledMinutes: 180 + 150,
      requiredMinutes: 540,
      partialWeek: false,
      rollsNotTaken: 1,
      status: 'at-risk',
    });
  });

  it('fall-back week: a Sunday 01:00–03:00 session is 180 real minutes', () => {
    const week = programWeekStarting('2026-10-26', NY);
    const startsAt = zonedInstant('2026-11-01', '01:00', NY);
    const endsAt = zonedInstant('2026-11-01', '03:00', NY);
    expect(minutesBetween(startsAt, endsAt)).toBe(180);
    expect(programWeekContaining(startsAt, NY)).toEqual(week);
    const result = weeklyHoursLedger({
      week,
      now: zonedInstant('2026-10-31', '12:00', NY),
      requirement: IOP,
      activeFrom: '2026-10-29',
      activeTo: null,
      sessions: [{ startsAt, endsAt, cancelled: false, attendance: null }],
    });
    // Admitted Thursday: the Sunday session is all the track offered, so it is all that is required.
    expect(result).toMatchObject({ scheduledMinutes: 180, requiredMinutes: 180, partialWeek: true, status: 'on-track' });
  });
});

describe('weeklyHoursLedgers', () => {
  it('returns the ledgers in week order', () => {
    const weeks = ['2026-01-26', '2026-01-12', '2026-01-19'].map((monday) => programWeekStarting(monday, NY));
    const results = weeklyHoursLedgers(
      weeks.map((week) => ({
        week,
        now: '2026-02-15T12:00:00Z',
        requirement: IOP,
        activeFrom: '2026-01-14',
        activeTo: null,
        sessions: [],
      })),
    );
    expect(results.map((r) => [r.weekMonday, r.requiredMinutes, r.status])).toEqual([
      // Admitted Wednesday, with nothing offered that week: nothing required.
      ['2026-01-12', 0, 'met'],
      ['2026-01-19', 540, 'short'],
      ['2026-01-26', 540, 'short'],
    ]);
  });
});
