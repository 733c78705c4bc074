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
  'audit.read',
  /** Diagnosis codes of a record: treating roles, and billers (claims carry them). */
  'diagnosis.read',
  'diagnosis.write',
  /** Rate the ASAM dimensions and choose the level of care; reading them is `clinical-note.read`. */
  'level-of-care.write',
  /** Sign clinical documentation (notes, plans, assessments) as its author. */
  'note.sign',
  /** Co-sign a pre-licensed author's note: the role allows it, and the co-signer must be the author's supervisor. */
  'note.cosign',
  /** Certify or recertify the need for PHP/IOP (Medicare: a physician or non-physician practitioner; domain.md §3.1). */
  'certification.sign',
  /** People asking about care before admission (the inquiries board): their contact details and their own words. */
  'inquiry.read',
  /** Move an inquiry along the board, with notes and the next step. */
  'inquiry.write',
] as const;
export type Action = (typeof ACTIONS)[number];

/** What every treating role (director, clinician, prescriber) does on the clinical record. */
const TREATING_CLINICAL_ACTIONS: readonly Action[] = [
  'diagnosis.read',
  'diagnosis.write',
  'level-of-care.write',
  'note.sign',
  'note.cosign',
];

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
 * roles only: director, clinician, prescriber. They also write diagnoses and level-of-care assessments and sign and
 * co-sign notes; billers read diagnosis codes for claims. Only prescribers certify the need for PHP/IOP. Measures and
 * safety alerts (`measure.read`, `measure.write`, `safety-alert.acknowledge`) are for the treating roles too: scores
 * are clinical content, and a prescriber can be a primary clinician who must act on an alert. Intake, billers and
 * administrators get none of them.
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
    'measure.read',
    'measure.write',
    'safety-alert.acknowledge',
    'audit.read',
    ...TREATING_CLINICAL_ACTIONS,
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
    'measure.read',
    'measure.write',
    'safety-alert.acknowledge',
    ...TREATING_CLINICAL_ACTIONS,
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
    ...TREATING_CLINICAL_ACTIONS,
    'certification.sign',
  ],
  intake: ['setup.read', 'staff.read', 'participant.read', 'participant.write', 'episode.admit', 'session.read', 'inquiry.read', 'inquiry.write'],
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
