/**
 * Appointment kinds the scheduler books outside group sessions, with their set lengths. One constant, with sources, so
 * the slot finder, the auto-scheduler and the billing rules agree on how long each one takes.
 */

export const APPOINTMENT_KINDS = ['individual', 'family', 'psychiatry', 'medication_management'] as const;
export type AppointmentKind = (typeof APPOINTMENT_KINDS)[number];

export const APPOINTMENT_KIND_LABELS: Record<AppointmentKind, string> = {
  individual: 'Individual therapy',
  family: 'Family session',
  psychiatry: 'Psychiatry',
  medication_management: 'Medication management',
};

export interface AppointmentKindRule {
  /** Minutes booked: the length the issue sets (Trellis issue 9: "set lengths, e.g. 53 min, 50 min, 25 min"). */
  lengthMinutes: number;
  /** Minutes of face-to-face time the usual code needs, or null where the code is not chosen by time. */
  minimumMinutes: number | null;
  /** Codes usually billed for it (domain.md §3.2). */
  codes: readonly string[];
  /** Only a prescriber (psychiatrist, psychiatric NP) may see the participant for it. */
  prescriberOnly: boolean;
  /**
   * Whether attending it counts toward the program's weekly hours. Individual and family therapy are covered
   * components of the program (42 CFR 410.43(a)); prescriber visits are professional services billed separately
   * (42 CFR 410.43(b); domain.md §3.1), so they do not.
   */
  countsTowardHours: boolean;
}

/**
 * Set lengths and their billing floor. Individual: 90837 is psychotherapy of ≥ 53 minutes, so 53 minutes is booked
 * (90834 covers 38–52). Family: 90846/90847 are ≈ 50 minutes with a floor of 26 (domain.md §3.2). Psychiatry and
 * medication management: prescriber visits billed as E/M 99212–99215 (+90833 when psychotherapy of 16–37 minutes is
 * added), booked at 25 minutes; E/M is chosen by medical decision making or total time, so no floor is set here.
 */
export const APPOINTMENT_KIND_RULES: Record<AppointmentKind, AppointmentKindRule> = {
  individual: { lengthMinutes: 53, minimumMinutes: 53, codes: ['90837'], prescriberOnly: false, countsTowardHours: true },
  family: { lengthMinutes: 50, minimumMinutes: 26, codes: ['90847', '90846'], prescriberOnly: false, countsTowardHours: true },
  psychiatry: { lengthMinutes: 25, minimumMinutes: null, codes: ['99212', '99213', '99214', '99215', '90833'], prescriberOnly: true, countsTowardHours: false },
  medication_management: { lengthMinutes: 25, minimumMinutes: null, codes: ['99212', '99213', '99214'], prescriberOnly: true, countsTowardHours: false },
};

/** Booked length of a kind in minutes. */
export function appointmentLengthMinutes(kind: AppointmentKind): number {
  return APPOINTMENT_KIND_RULES[kind].lengthMinutes;
}
