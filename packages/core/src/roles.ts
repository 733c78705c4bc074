/**
 * Staff roles and what each may do. This table is the one place that turns a role into actions; relationship rules
 * (care team, program assignment) are applied by the server's access module on top of it.
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
  'participant.read',
  'participant.write',
  'episode.write',
  'session.read',
  'session.write',
  'attendance.read',
  'attendance.write',
  'census.read',
  'audit.read',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Role → actions. Minimum necessary (45 CFR 164.502(b)): the administrator configures, it does not read records. */
export const PERMISSIONS: Record<StaffRole, readonly Action[]> = {
  admin: ['setup.read', 'setup.write', 'staff.read', 'audit.read'],
  director: [
    'setup.read',
    'setup.write',
    'staff.read',
    'participant.read',
    'participant.write',
    'episode.write',
    'session.read',
    'session.write',
    'attendance.read',
    'attendance.write',
    'census.read',
    'audit.read',
  ],
  clinician: [
    'setup.read',
    'staff.read',
    'participant.read',
    'participant.write',
    'episode.write',
    'session.read',
    'session.write',
    'attendance.read',
    'attendance.write',
    'census.read',
  ],
  prescriber: ['setup.read', 'staff.read', 'participant.read', 'session.read', 'attendance.read', 'census.read'],
  intake: ['setup.read', 'staff.read', 'participant.read', 'participant.write', 'episode.write', 'session.read', 'census.read'],
  biller: ['setup.read', 'staff.read', 'participant.read', 'session.read', 'attendance.read', 'census.read'],
};

/** Roles whose participant access is limited to the programs they are assigned to (their care team). */
export const PROGRAM_SCOPED_ROLES: readonly StaffRole[] = ['clinician', 'prescriber'];

/** Whether a role may perform an action. */
export function roleAllows(role: StaffRole, action: Action): boolean {
  return PERMISSIONS[role].includes(action);
}
