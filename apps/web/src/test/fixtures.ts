import type { Me, Roll, SessionSummary } from '../api/types.ts';

export const FACILITATOR: Me = {
  id: 'user-fac-1',
  name: 'Fran Facilitator',
  email: 'fran@demo.test',
  role: 'clinician',
  orgId: 'org-1',
  permissions: ['attendance.read', 'attendance.write', 'session.read', 'census.read', 'participant.read'],
  sessionIdleMinutes: 15,
};

export const SESSION_ID = '11111111-1111-4111-8111-111111111111';
export const ALEX = '22222222-2222-4222-8222-222222222221';
export const BLAIR = '22222222-2222-4222-8222-222222222222';
export const CASEY = '22222222-2222-4222-8222-222222222223';

export function sessionSummary(overrides: Partial<SessionSummary> = {}): SessionSummary {
  return {
    id: SESSION_ID,
    trackId: '33333333-3333-4333-8333-333333333333',
    trackName: 'Morning track',
    programId: '44444444-4444-4444-8444-444444444444',
    programName: 'Adult IOP',
    siteId: '55555555-5555-4555-8555-555555555555',
    timeZone: 'America/New_York',
    title: 'Process group',
    kind: 'group_therapy',
    localDate: '2026-11-23',
    startsAt: '2026-11-23T14:00:00Z',
    endsAt: '2026-11-23T17:00:00Z',
    facilitatorId: FACILITATOR.id,
    facilitatorName: FACILITATOR.name,
    roomId: null,
    roomName: 'Room 1',
    capacity: 12,
    status: 'scheduled',
    cancelReason: null,
    oneOff: false,
    expectedCount: 3,
    recordedCount: 1,
    ...overrides,
  };
}

/** A roll of three: Alex already marked absent, Blair and Casey not yet marked. */
export function rollOfThree(): Roll {
  const entry = (participantId: string, displayName: string) => ({
    participantId,
    displayName,
    status: null,
    lateMinutes: 0,
    leftEarlyMinutes: 0,
    minutesAttended: 0,
    version: null,
  });
  return {
    session: sessionSummary(),
    entries: [
      { ...entry(ALEX, 'Alex Rivera'), status: 'absent', version: 1 },
      entry(BLAIR, 'Blair Chen'),
      entry(CASEY, 'Casey Okafor'),
    ],
  };
}
