/**
 * Measurement schedules: which instruments a program gives at admission, every N days, and at discharge, and what is
 * due for one episode on a given day. Pure: the caller supplies the dates.
 */
import type { Focus } from '../program-rules.ts';
import { Temporal, addDays } from '../time.ts';
import type { InstrumentId } from './instrument.ts';

export interface ScheduleRule {
  instrument: InstrumentId;
  atAdmission: boolean;
  /** Repeat this many days after the last administration in the episode; null for no repeat. */
  everyDays: number | null;
  atDischarge: boolean;
}

export type MeasurementSchedule = readonly ScheduleRule[];

const WEEKLY = 7;

const depressionAndAnxiety: ScheduleRule[] = [
  { instrument: 'phq-9', atAdmission: true, everyDays: WEEKLY, atDischarge: true },
  { instrument: 'gad-7', atAdmission: true, everyDays: WEEKLY, atDischarge: true },
];
const substanceScreens: ScheduleRule[] = [
  { instrument: 'audit', atAdmission: true, everyDays: null, atDischarge: false },
  { instrument: 'dast-10', atAdmission: true, everyDays: null, atDischarge: false },
];
const weeklyBam: ScheduleRule = { instrument: 'bam', atAdmission: false, everyDays: WEEKLY, atDischarge: false };

/**
 * Default schedules by program focus (issue 7): PHQ-9 and GAD-7 at admission, weekly and at discharge; AUDIT and
 * DAST-10 at admission; BAM weekly in substance use programs. Co-occurring programs treat substance use, so they get
 * the BAM too; mental-health programs keep the AUDIT/DAST-10 admission screen because substance use is common among
 * their participants. Programs may change their schedule.
 */
export const DEFAULT_MEASUREMENT_SCHEDULES: Readonly<Record<Focus, MeasurementSchedule>> = {
  mental_health: [...depressionAndAnxiety, ...substanceScreens],
  substance_use: [...depressionAndAnxiety, ...substanceScreens, weeklyBam],
  co_occurring: [...depressionAndAnxiety, ...substanceScreens, weeklyBam],
};

/**
 * How many days before the planned discharge date the discharge measures fall due: the program week before
 * discharge. Our choice, not from domain.md.
 */
export const DISCHARGE_MEASURE_WINDOW_DAYS = 7;

export interface ScheduleEpisode {
  /** Local date of admission. */
  admittedOn: string;
  /** Local date of planned or actual discharge, or null while none is set. */
  dischargeOn: string | null;
}

export type DueReason = 'admission' | 'interval' | 'discharge';

export interface DueInstrument {
  instrument: InstrumentId;
  reason: DueReason;
  /** Local date it fell due. */
  dueOn: string;
  /** Whole days since it fell due; 0 when due today. */
  daysOverdue: number;
}

const daysBetween = (from: string, to: string): number => Temporal.PlainDate.from(from).until(to).days;

/**
 * What is due for an episode on `today` (local dates throughout): at most one entry per instrument.
 * - admission: never given in this episode (administrations before admission belong to another episode);
 * - discharge: within DISCHARGE_MEASURE_WINDOW_DAYS before the discharge date, and not given since that window opened;
 * - interval: `everyDays` after the last administration, or after admission when there has been none and the
 *   instrument is not given at admission.
 * A discharge measure outranks the others (one administration then serves both), then admission, then interval;
 * once the discharge measure is given, the interval does not ask for it again.
 * Nothing is due before admission or after the discharge date.
 */
export function dueInstruments(
  schedule: MeasurementSchedule,
  episode: ScheduleEpisode,
  lastAdministered: Readonly<Partial<Record<InstrumentId, string>>>,
  today: string,
): DueInstrument[] {
  if (today < episode.admittedOn) return [];
  if (episode.dischargeOn !== null && today > episode.dischargeOn) return [];
  const due: DueInstrument[] = [];
  const windowOpens =
    episode.dischargeOn === null ? null : addDays(episode.dischargeOn, -DISCHARGE_MEASURE_WINDOW_DAYS);
  for (const rule of schedule) {
    const givenOn = lastAdministered[rule.instrument];
    const last = givenOn !== undefined && givenOn >= episode.admittedOn && givenOn <= today ? givenOn : null;
    let dueOn: string | null = null;
    let reason: DueReason = 'interval';
    const inDischargeWindow = rule.atDischarge && windowOpens !== null && today >= windowOpens;
    if (inDischargeWindow) {
      // Once the discharge measure is given, asking again by interval before the participant leaves adds nothing.
      if (last === null || last < windowOpens) {
        dueOn = windowOpens < episode.admittedOn ? episode.admittedOn : windowOpens;
        reason = 'discharge';
      }
    } else if (rule.atAdmission && last === null) {
      dueOn = episode.admittedOn;
      reason = 'admission';
    } else if (rule.everyDays !== null) {
      const next = addDays(last ?? episode.admittedOn, rule.everyDays);
      if (today >= next) dueOn = next;
    }
    if (dueOn !== null)
      due.push({ instrument: rule.instrument, reason, dueOn, daysOverdue: daysBetween(dueOn, today) });
  }
  return due;
}
