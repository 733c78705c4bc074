/**
 * Physician certification of the need for PHP or IOP, for programs billing Medicare (domain.md §3.1, 42 CFR 424.24(e);
 * CY 2024 OPPS final rule CMS-1786-FC): a physician (or non-physician practitioner) certifies at admission and
 * recertifies on a cycle. Pure: given an episode's admission, discharge and certifications, when is the next one due.
 */
import { Temporal } from 'temporal-polyfill';
import { addDays } from '../time.ts';
import { dueState, type DueState } from './due.ts';

/**
 * PHP: the first recertification is due as of the 18th day of partial hospitalization services (42 CFR 424.24(e);
 * domain.md §3.1, general knowledge, verify). The admission day is day 1, so day 18 is 17 days after admission.
 */
export const PHP_FIRST_RECERTIFICATION_DAY = 18;

/** PHP: after the first, recertify at least every 30 days (42 CFR 424.24(e); domain.md §3.1). */
export const PHP_RECERTIFICATION_INTERVAL_DAYS = 30;

/**
 * IOP: recertify "no less often than every other month" (CMS-1786-FC; domain.md §3.1). Read here as two calendar
 * months after the last certification, on the same day of the month or the month's last day when it has no such day.
 */
export const IOP_RECERTIFICATION_INTERVAL_MONTHS = 2;

/** Levels of care whose Medicare benefit needs a physician certification. */
export const CERTIFIED_LEVELS = ['php', 'iop'] as const;
export type CertifiedLevel = (typeof CERTIFIED_LEVELS)[number];

export interface CertificationEpisode {
  level: string;
  admittedOn: string;
  dischargedOn: string | null;
  /** Dates of the certifications made so far (the first is the admission certification), any order. */
  certifiedOn: readonly string[];
}

export interface CertificationDue {
  kind: 'certification' | 'recertification';
  /** 1 for the admission certification, 2 for the first recertification, … */
  sequence: number;
  dueOn: string;
  state: DueState;
}

function isCertifiedLevel(level: string): level is CertifiedLevel {
  return (CERTIFIED_LEVELS as readonly string[]).includes(level);
}

/** When the next certification of an episode falls due, or null when none is needed (not PHP/IOP, or discharged first). */
export function nextCertificationDue(episode: CertificationEpisode, today: string): CertificationDue | null {
  if (!isCertifiedLevel(episode.level)) return null;
  const made = [...episode.certifiedOn].sort();
  const last = made.at(-1);
  let dueOn: string;
  if (last === undefined) dueOn = episode.admittedOn;
  else if (episode.level === 'php') {
    dueOn =
      made.length === 1
        ? addDays(episode.admittedOn, PHP_FIRST_RECERTIFICATION_DAY - 1)
        : addDays(last, PHP_RECERTIFICATION_INTERVAL_DAYS);
  } else {
    dueOn = Temporal.PlainDate.from(last).add({ months: IOP_RECERTIFICATION_INTERVAL_MONTHS }).toString();
  }
  // Services end at discharge: nothing falls due after it (a certification due on the discharge day is still owed).
  if (episode.dischargedOn !== null && dueOn > episode.dischargedOn) return null;
  return {
    kind: made.length === 0 ? 'certification' : 'recertification',
    sequence: made.length + 1,
    dueOn,
    state: dueState(dueOn, today),
  };
}
