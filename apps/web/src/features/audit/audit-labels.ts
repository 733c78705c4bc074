/** Plain words for the server's audit vocabulary; an action not listed here shows as its code. */
const ACTION_LABELS: Record<string, string> = {
  'auth.sign-in': 'Signed in',
  'auth.sign-in-failed': 'Sign-in failed',
  'setup.create': 'Created setup record',
  'setup.update': 'Changed setup record',
  'setup.delete': 'Deleted setup record',
  'participant.create': 'Created participant',
  'participant.update': 'Changed participant',
  'participant.read': 'Viewed participant',
  'participant.list': 'Listed participants',
  'episode.admit': 'Admitted',
  'episode.move-track': 'Moved track',
  'episode.discharge': 'Discharged',
  'session.create': 'Added session',
  'session.cancel': 'Cancelled session',
  'session.co-facilitators': 'Changed co-facilitators',
  'roll.read': 'Viewed roll',
  'attendance.record': 'Recorded attendance',
  'ledger.read': 'Viewed weekly hours',
  'attendance.read': 'Viewed attendance history',
  'census.read': 'Viewed census',
  'audit.read': 'Viewed audit trail',
  'access.denied': 'Access denied',
  'program.part2-change-refused': 'Part 2 focus change refused',
  'staff.invite': 'Invited staff member',
  'staff.update': 'Changed staff member',
  'staff.deactivate': 'Deactivated staff member',
  'staff.reactivate': 'Reactivated staff member',
  'staff.password-reset': 'Reset a password',
  'organisation.security-update': 'Changed sign-in security',
  'auth.password-changed': 'Changed own password',
  'auth.password-set': 'Set password from link',
  'auth.profile-change-refused': 'Own profile change refused',
  'auth.two-factor-enabled': 'Turned on two-factor',
  'auth.two-factor-disabled': 'Turned off two-factor',
  'diagnosis.read': 'Viewed diagnoses',
  'diagnosis.create': 'Added diagnosis',
  'diagnosis.update': 'Changed diagnosis',
  'level-of-care.read': 'Viewed level-of-care history',
  'level-of-care.assess': 'Assessed level of care',
  'level-of-care.export': 'Exported a level-of-care assessment (PDF)',
  'availability.update': 'Changed working hours',
  'unavailability.read': 'Viewed unavailability',
  'unavailability.update': 'Changed unavailability',
  'appointment.slots': 'Searched free slots',
  'appointment.list': 'Viewed appointments',
  'appointment.book': 'Booked appointment',
  'appointment.reschedule': 'Rescheduled appointment',
  'appointment.cancel': 'Cancelled appointment',
  'appointment.mark': 'Recorded appointment attendance',
  'outcomes.read': 'Viewed an outcomes report',
  'treatment-plan.read': 'Viewed treatment plan',
  'treatment-plan.draft-create': 'Started a plan draft',
  'treatment-plan.draft-save': 'Saved a plan draft',
  'treatment-plan.sign': 'Signed treatment plan',
  'treatment-plan.signature': 'Added a plan signature',
  'treatment-plan.export': 'Exported a treatment plan (PDF)',
  'note.export': 'Exported a signed note (PDF)',
  'intake-assessment.export': 'Exported a signed intake assessment (PDF)',
  'plan-review.create': 'Reviewed treatment plan',
  'plan-review.list': 'Viewed plan reviews due',
  'certification.read': 'Viewed certifications',
  'certification.list': 'Viewed certification queue',
  'certification.sign': 'Certified PHP/IOP need',
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

/** The kinds of record the server writes events about, in plain words. */
const RECORD_LABELS: Record<string, string> = {
  organisation: 'Organisation',
  site: 'Site',
  room: 'Room',
  program: 'Program',
  track: 'Track',
  track_block: 'Track block',
  staff: 'Staff member',
  participant: 'Participant',
  episode: 'Episode',
  session: 'Session',
  attendance: 'Attendance',
  census: 'Census',
  appointment: 'Appointment',
  outcomes: 'Outcomes report',
  audit_event: 'Audit trail',
  route: 'Route',
  diagnosis: 'Diagnosis',
  level_of_care_assessment: 'Level-of-care assessment',
  treatment_plan: 'Treatment plan',
  plan_review: 'Plan review',
  certification: 'Certification',
};

/** The record an event is about: 'Episode', 'Staff sign-in'; an unknown type shows as words ('track_block' → 'Track block'). */
export function recordLabel(entityType: string, action: string): string {
  if (action.startsWith('auth.')) return 'Staff sign-in';
  const known = RECORD_LABELS[entityType];
  if (known) return known;
  const words = entityType.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
