/**
 * Staff roles and what each may do. This table is the one place that turns a role into actions; relationship rules
 * (care team, program assignment, 42 CFR Part 2 program scope) are applied by the server's access module on top of it.
 * The reasoning behind each row is in docs/roles.md; keep the two together.
 */

export const STAFF_ROLES = ['admin', 'director', 'clinician', 'prescriber', 'intake', 'biller'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

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
  'audit.read',
  /** People asking about care before admission (the inquiries board): their contact details and their own words. */
  'inquiry.read',
  /** Move an inquiry along the board, with notes and the next step. */
  'inquiry.write',
] as const;
export type Action = (typeof ACTIONS)[number];

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
 * Clinical free text (`clinical-note.read`, e.g. a discharge note) is for the treating roles only: director,
 * clinician, prescriber.
 */
export const PERMISSIONS: Record<StaffRole, readonly Action[]> = {
  admin: ['setup.read', 'setup.write', 'staff.read', 'staff.write', 'audit.read'],
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
    'audit.read',
    'inquiry.read',
    'inquiry.write',
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
  ],
  prescriber: ['setup.read', 'staff.read', 'participant.read', 'session.read', 'attendance.read', 'clinical-note.read', 'census.read'],
  intake: ['setup.read', 'staff.read', 'participant.read', 'participant.write', 'episode.admit', 'session.read', 'inquiry.read', 'inquiry.write'],
  biller: ['setup.read', 'staff.read', 'participant.read', 'session.read', 'attendance.read', 'census.read'],
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
