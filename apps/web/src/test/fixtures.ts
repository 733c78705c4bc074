import type { RollSaved } from '@trellis/core';
import type { Me, Program, Roll, Room, SessionSummary, StaffMember, Track } from '../api/types.ts';

export const FACILITATOR: Me = {
  id: 'user-fac-1',
  name: 'Fran Facilitator',
  email: 'fran@demo.test',
  role: 'clinician',
  orgId: 'org-1',
  permissions: ['attendance.read', 'attendance.write', 'session.read', 'census.read', 'participant.read'],
  sessionIdleMinutes: 15,
  twoFactorPending: false,
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

/**
 * What the server answers a roll write on `roll` (a three-hour group): the marks sent that differ from the roll's,
 * each one version on, and the counts after them. Late and early minutes are left out: these tests mark whole sessions.
 */
export function savedAnswer(roll: Roll, sent: { participantId: string; status: string }[]): RollSaved {
  const changed = sent.flatMap((m) => {
    const entry = roll.entries.find((e) => e.participantId === m.participantId);
    if (!entry || entry.status === m.status) return [];
    const status = m.status as RollSaved['changed'][number]['status'];
    const minutesAttended = status === 'absent' || status === 'excused' ? 0 : 180;
    return [{ participantId: m.participantId, status, lateMinutes: 0, leftEarlyMinutes: 0, minutesAttended, version: (entry.version ?? 0) + 1 }];
  });
  const newlyMarked = changed.filter((c) => roll.entries.find((e) => e.participantId === c.participantId)?.status === null).length;
  return {
    session: { id: roll.session.id, expectedCount: roll.session.expectedCount, recordedCount: roll.session.recordedCount + newlyMarked },
    changed,
  };
}

export const DIRECTOR: Me = {
  ...FACILITATOR,
  id: 'user-dir-1',
  name: 'Dee Director',
  email: 'dee@demo.test',
  role: 'director',
  permissions: ['setup.read', 'setup.write', 'staff.read', 'participant.read', 'participant.write', 'episode.admit', 'episode.write', 'session.read', 'census.read'],
};

export const SITE_ID = '55555555-5555-4555-8555-555555555555';
export const PROGRAM_ID = '44444444-4444-4444-8444-444444444444';
export const TRACK_ID = '33333333-3333-4333-8333-333333333333';
export const ROOM_ID = '66666666-6666-4666-8666-666666666661';

export const program: Program = {
  id: PROGRAM_ID,
  siteId: SITE_ID,
  siteName: 'Main Street',
  timeZone: 'America/New_York',
  name: 'Adult IOP',
  levelOfCare: 'iop',
  population: 'adult',
  focus: 'mental_health',
  part2: false,
  minWeeklyHours: 9,
  maxWeeklyHours: null,
  perDiemMinHours: 0,
  requiredServices: null,
  active: true,
  version: 1,
};

export const staff: StaffMember[] = [
  { id: FACILITATOR.id, name: FACILITATOR.name, email: FACILITATOR.email, role: 'clinician', credentials: 'LCSW', programIds: [PROGRAM_ID] },
  { id: DIRECTOR.id, name: DIRECTOR.name, email: DIRECTOR.email, role: 'director', credentials: null, programIds: [PROGRAM_ID] },
];

export const rooms: Room[] = [
  { id: ROOM_ID, siteId: SITE_ID, name: 'Cedar Room', kind: 'physical', capacity: 14, meetingUrl: null, active: true, version: 1 },
];

export function eveningTrack(): Track {
  const block = (id: string, weekday: number) => ({
    id,
    weekday,
    startTime: '18:00',
    endTime: '21:00',
    title: 'Process group',
    kind: 'group_therapy' as const,
    breakMinutes: 0,
    facilitatorId: FACILITATOR.id,
    coFacilitatorIds: [] as string[],
    roomId: ROOM_ID,
    capacity: 12,
  });
  return {
    id: TRACK_ID,
    programId: PROGRAM_ID,
    programName: program.name,
    name: 'Evening',
    active: true,
    version: 3,
    blocks: [block('77777777-7777-4777-8777-777777777771', 1), block('77777777-7777-4777-8777-777777777772', 3), block('77777777-7777-4777-8777-777777777773', 4)],
    summary: 'Mon, Wed, Thu 18:00–21:00',
    warnings: [],
  };
}
