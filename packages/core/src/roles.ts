/**
 * Staff roles and what each may do. This table is the one place that turns a role into actions; relationship rules
 * (care team, program assignment, 42 CFR Part 2 program scope) are applied by the server's access module on top of it.
 * The reasoning behind each row is in docs/roles.md; keep the two together.
 */

export const STAFF_ROLES = ['admin', 'director', 'clinician', 'prescriber', 'intake', 'biller'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * The role of a participant's own portal account (a sign-in linked to exactly one participant). It is not a staff role
 * and has none of the actions below: portal routes are their own kind, always scoped to the signed-in participant's
 * own record, and every staff route refuses it (docs/roles.md, "Participants").
 */
export const PARTICIPANT_ROLE = 'participant';
export type ParticipantRole = typeof PARTICIPANT_ROLE;

/**
 * The role of a family member's sign-in: linked to one family member of one participant. Like the participant's, it
 * has none of the staff actions; family routes are their own kind, and each answers only what that member's consent
 * allows (family-consent.ts).
 */
export const FAMILY_ROLE = 'family';
export type FamilyRole = typeof FAMILY_ROLE;

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  admin: 'Administrator',
  director: 'Program director',
  clinician: 'Clinician',
  prescriber: 'Prescriber',
  intake: 'Intake coordinator',
  biller: 'Biller',
};

export const ACTIONS = [
  'setup.read',
  'setup.write',
  'staff.read',
  /** Invite, edit, deactivate staff accounts and reset their passwords. */
  'staff.write',
  'participant.read',
  'participant.write',
  /** Admit a participant to a program (an administrative step: intake does it). */
  'episode.admit',
  /** Move an episode's track or discharge it: clinical decisions. */
  'episode.write',
  'session.read',
  'session.write',
  /** A participant's marks: rolls, attendance history, the weekly hours ledger. */
  'attendance.read',
  'attendance.write',
  /** Clinical free text on a record (today: an episode's discharge note). */
  'clinical-note.read',
  /** Every active participant's weekly hours: a list of attendance. */
  'census.read',
  /** A participant's measure responses and scores (PHQ-9, GAD-7, …): clinical content. */
  'measure.read',
  /** Enter a measure's answers in session; the server scores it and raises any safety alert. */
  'measure.write',
  /** See the open safety alerts of one's participants and programs, and acknowledge one with what was done. */
  'safety-alert.acknowledge',
  /** Save a new version of a participant's safety plan (Stanley–Brown); reading it is `clinical-note.read`. */
  'safety-plan.write',
  /**
   * Program-level aggregates of clinical measures: program outcomes and time to acknowledgement of safety alerts.
   * Counts only, no names; limited to the programs the caller may see (care team, Part 2).
   */
  'outcomes.read',
  'audit.read',
  /** Diagnosis codes of a record: treating roles, and billers (claims carry them). */
  'diagnosis.read',
  'diagnosis.write',
  /** Rate the ASAM dimensions and choose the level of care; reading them is `clinical-note.read`. */
  'level-of-care.write',
  /** Write a treatment plan's draft, record the participant's signature taken in person, and review the plan. */
  'treatment-plan.write',
  /** Sign clinical documentation (notes, plans, assessments) as its author. */
  'note.sign',
  /** Co-sign a pre-licensed author's note: the role allows it, and the co-signer must be the author's supervisor. */
  'note.cosign',
  /** Certify or recertify the need for PHP/IOP (Medicare: a physician or non-physician practitioner; domain.md §3.1). */
  'certification.sign',
  /** See which episodes' certifications are due or overdue (the prescribers' queue; directors answer for it). */
  'certification.read',
  /** People asking about care before admission (the inquiries board): their contact details and their own words. */
  'inquiry.read',
  /** Move an inquiry along the board, with notes and the next step. */
  'inquiry.write',
  /** A participant's appointments, a staff member's day, and the slot finder (which reads both people's calendars). */
  'appointment.read',
  /** Book, reschedule and cancel individual, family and prescriber appointments. */
  'appointment.write',
  /** Record that an appointment was attended or missed: it counts toward weekly hours. */
  'appointment.mark',
  /** Set weekly working hours, leave and a daily limit: anyone's as a director, one's own as a treating clinician. */
  'availability.write',
  /**
   * Read the biopsychosocial intake assessment: treating roles on an episode; intake coordinators and directors on
   * an inquiry too (before admission). Part 2 and care-team scope apply on top (clinical/intake-assessment.ts).
   */
  'intake-assessment.read',
  /** Start, save and sign one's intake assessment draft, and add addenda to a signed one. */
  'intake-assessment.write',
  /**
   * Run the weekly auto-scheduler for a program or the organisation, review its proposal and accept it (booking every
   * placement): the program director's work, who answers for the whole census's week.
   */
  'schedule-run.write',
] as const;
export type Action = (typeof ACTIONS)[number];

/** What every treating role (director, clinician, prescriber) does on the clinical record. */
const TREATING_CLINICAL_ACTIONS: readonly Action[] = [
  'diagnosis.read',
  'diagnosis.write',
  'level-of-care.write',
  'treatment-plan.write',
  'note.sign',
  'note.cosign',
  'intake-assessment.read',
  'intake-assessment.write',
];

/**
 * Appointments for the treating roles: they book, move and cancel them, record whether they were kept, and keep their
 * own working hours. Intake books and moves them too (scheduling the first visits is their work) but records no
 * attendance.
 */
const APPOINTMENT_ACTIONS: readonly Action[] = ['appointment.read', 'appointment.write', 'appointment.mark', 'availability.write'];

/**
 * Role → actions. Minimum necessary (45 CFR 164.502(b), 164.514(d)): each workforce class gets the categories of
 * record its work needs, and no more.
 *
 * | Role       | Record categories                                    | Why                                                   |
 * |------------|------------------------------------------------------|-------------------------------------------------------|
 * | admin      | setup, staff accounts, audit (pseudonymous)          | configures and secures the system; reads no records   |
 * | director   | all clinical and operational, setup, staff, audit,  | runs the programs and answers for them                |
 * |            | inquiries                                            |                                                       |
 * | clinician  | participants, episodes, sessions, attendance, census | treats: admits, moves, discharges, takes the roll     |
 * | prescriber | read participants, sessions, attendance, census      | treats (medication); does not run groups or episodes  |
 * | intake     | participants (demographics), admission, sessions,    | registers and admits; has no need for attendance      |
 * |            | inquiries                                            | runs the admissions board                             |
 * | biller     | read participants, sessions, attendance, census      | claims need attended hours; changes nothing clinical  |
 *
 * Clinical free text (`clinical-note.read`, e.g. a discharge note, a level-of-care rationale) is for the treating
 * roles only: director, clinician, prescriber. They also write diagnoses, level-of-care assessments and treatment plans
 * and sign and co-sign them; billers read diagnosis codes for claims. Only prescribers certify the need for PHP/IOP;
 * directors see the certification queue too. Measures and
 * safety alerts (`measure.read`, `measure.write`, `safety-alert.acknowledge`) are for the treating roles too: scores
 * are clinical content, and a prescriber can be a primary clinician who must act on an alert; the same roles write
 * safety plans (`safety-plan.write`). Intake, billers and administrators get none of them.
 * are clinical content, and a prescriber can be a primary clinician who must act on an alert. Intake, billers and
 * administrators get none of them. Program outcomes and time to acknowledgement (`outcomes.read`) are aggregates of
 * those scores and alerts, for the same treating roles within the programs they may see.
 */
export const PERMISSIONS: Record<StaffRole, readonly Action[]> = {
  admin: ['setup.read', 'setup.write', 'staff.read', 'staff.write', 'audit.read', 'availability.write'],
  director: [
    'setup.read',
    'setup.write',
    'staff.read',
    'participant.read',
    'participant.write',
    'episode.admit',
    'episode.write',
    'session.read',
    'session.write',
    'attendance.read',
    'attendance.write',
    'clinical-note.read',
    'census.read',
    'measure.read',
    'measure.write',
    'safety-alert.acknowledge',
    'safety-plan.write',
    'outcomes.read',
    'audit.read',
    ...TREATING_CLINICAL_ACTIONS,
    'certification.read',
    'inquiry.read',
    'inquiry.write',
    ...APPOINTMENT_ACTIONS,
    'schedule-run.write',
  ],
  clinician: [
    'setup.read',
    'staff.read',
    'participant.read',
    'participant.write',
    'episode.admit',
    'episode.write',
    'session.read',
    'session.write',
    'attendance.read',
    'attendance.write',
    'clinical-note.read',
    'census.read',
    'measure.read',
    'measure.write',
    'safety-alert.acknowledge',
    'safety-plan.write',
    'outcomes.read',
    ...TREATING_CLINICAL_ACTIONS,
    ...APPOINTMENT_ACTIONS,
  ],
  prescriber: [
    'setup.read',
    'staff.read',
    'participant.read',
    'session.read',
    'attendance.read',
    'clinical-note.read',
    'census.read',
    'measure.read',
    'measure.write',
    'safety-alert.acknowledge',
    'safety-plan.write',
    'outcomes.read',
    ...TREATING_CLINICAL_ACTIONS,
    'certification.sign',
    ...APPOINTMENT_ACTIONS,
    'certification.read',
  ],
  intake: [
    'setup.read',
    'staff.read',
    'participant.read',
    'participant.write',
    'episode.admit',
    'session.read',
    'inquiry.read',
    'inquiry.write',
    'appointment.read',
    'appointment.write',
    'intake-assessment.read',
    'intake-assessment.write',
    // The scheduling coordinator: books first visits today, and the week's appointments with the auto-scheduler.
    'schedule-run.write',
  ],
  biller: ['setup.read', 'staff.read', 'participant.read', 'session.read', 'attendance.read', 'census.read', 'diagnosis.read'],
};

/** Roles whose participant access is limited to the programs they are assigned to (their care team). */
export const PROGRAM_SCOPED_ROLES: readonly StaffRole[] = ['clinician', 'prescriber'];

/** Whether a role may perform an action. */
export function roleAllows(role: StaffRole, action: Action): boolean {
  return PERMISSIONS[role].includes(action);
}

/** Whether a role reads participants' records (and so sees their names in the audit trail). */
export function readsParticipantRecords(role: StaffRole): boolean {
  return roleAllows(role, 'participant.read');
}

/** Why a staff member may not co-sign a note, or null when they may: role, not their own note, the author's supervisor. */
export function cosignRefusal(
  author: { id: string; supervisorId: string | null },
  cosigner: { id: string; role: StaffRole },
): string | null {
  if (!roleAllows(cosigner.role, 'note.cosign')) return 'Your role does not co-sign notes.';
  if (cosigner.id === author.id) return 'A note cannot be co-signed by its author.';
  if (author.supervisorId !== cosigner.id) return "Only the author's supervisor co-signs their notes.";
  return null;
}
