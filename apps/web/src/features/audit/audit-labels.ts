/** Plain words for the server's audit vocabulary; an action not listed here shows as its code. */
const ACTION_LABELS: Record<string, string> = {
  'auth.sign-in': 'Signed in',
  'auth.sign-in-failed': 'Sign-in failed',
  'setup.create': 'Created setup record',
  'setup.update': 'Changed setup record',
  'participant.create': 'Created participant',
  'participant.update': 'Changed participant',
  'participant.read': 'Viewed participant',
  'participant.list': 'Listed participants',
  'episode.admit': 'Admitted',
  'episode.move-track': 'Moved track',
  'episode.discharge': 'Discharged',
  'session.create': 'Added session',
  'session.cancel': 'Cancelled session',
  'roll.read': 'Viewed roll',
  'attendance.record': 'Recorded attendance',
  'ledger.read': 'Viewed weekly hours',
  'attendance.read': 'Viewed attendance history',
  'census.read': 'Viewed census',
  'audit.read': 'Viewed audit trail',
  'access.denied': 'Access denied',
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

/** Entity types as words: 'track_block' → 'track block'. */
export function entityLabel(entityType: string): string {
  return entityType.replace(/_/g, ' ');
}
