import { describe, expect, it } from 'vitest';
import { autoScheduleWeek } from './auto-scheduler.ts';
import { localInterval, NY, proposalViolations } from './auto-scheduler.fixtures.ts';
import { intervalOf } from './intervals.ts';
import { roomIsShared, roomSessionsAtOnce, type SchedulerClinician, type SchedulerParticipant, type WeekToSchedule } from './week-model.ts';
import { zonedInstant } from '../time.ts';

// Monday 12 and Tuesday 13 January 2026, New York.
const MON = '2026-01-12';
const TUE = '2026-01-13';
const iso = (ms: number) => new Date(ms).toISOString().replace('.000', '');

const therapist = (id: string, overrides: Partial<SchedulerClinician> = {}): SchedulerClinician => ({
  id,
  kinds: ['individual', 'family'],
  hours: [localInterval(MON, '09:00', '12:00'), localInterval(TUE, '09:00', '12:00')],
  busy: [],
  booked: [],
  maxSessionsPerDay: 4,
  ...overrides,
});
const participant = (id: string, overrides: Partial<SchedulerParticipant> = {}): SchedulerParticipant => ({ id, busy: [], ...overrides });

const week = (overrides: Partial<WeekToSchedule>): WeekToSchedule => ({
  zone: NY,
  window: intervalOf(zonedInstant(MON, '00:00', NY), zonedInstant('2026-01-14', '00:00', NY)),
  participants: [participant('ana')],
  clinicians: [therapist('dr-lee')],
  rooms: [{ id: 'room-1', busy: [] }],
  requests: [{ participantId: 'ana', kind: 'individual', count: 1 }],
  ...overrides,
});

const schedule = (w: WeekToSchedule) => {
  const proposal = autoScheduleWeek(w);
  expect(proposalViolations(w, proposal)).toEqual([]);
  expect(proposal.provenOptimal).toBe(true);
  return proposal;
};

describe('autoScheduleWeek: what a coordinator relies on', () => {
  it('books the primary clinician at the usual time, for the kind’s set length, in a free room', () => {
    const proposal = schedule(
      week({
        participants: [participant('ana', { primaryClinicianId: 'dr-kim', usualTime: { weekday: 2, time: '10:00' } })],
        clinicians: [therapist('dr-lee'), therapist('dr-kim')],
        rooms: [{ id: 'room-1', busy: [localInterval(TUE, '10:00', '11:00')] }, { id: 'room-2', busy: [] }],
      }),
    );
    expect(proposal.placements).toEqual([
      {
        participantId: 'ana',
        kind: 'individual',
        clinicianId: 'dr-kim',
        roomId: 'room-2',
        start: localInterval(TUE, '10:00', '10:53').start,
        end: localInterval(TUE, '10:00', '10:53').end,
      },
    ]);
    expect(proposal.cost).toBe(0);
    expect(proposal.unplaced).toEqual([]);
  });

  it('never moves what is booked: booked time is busy, and booked sessions count toward the daily maximum', () => {
    const bookedMonday = localInterval(MON, '09:00', '09:53');
    const proposal = schedule(
      week({
        participants: [participant('ana', { usualTime: { weekday: 1, time: '10:00' } })],
        clinicians: [therapist('dr-lee', { busy: [bookedMonday], booked: [bookedMonday], maxSessionsPerDay: 1 })],
      }),
    );
    // Monday is full for dr-lee, so the session goes to Tuesday despite the usual Monday time.
    expect(proposal.placements.map((p) => iso(p.start))).toEqual(['2026-01-13T14:00:00Z']);
  });

  it('spreads load: a day with bookings already costs more', () => {
    const booked = [localInterval(MON, '11:00', '11:53')];
    const proposal = schedule(
      week({
        participants: [participant('ana')],
        clinicians: [therapist('dr-lee', { busy: booked, booked })],
      }),
    );
    expect(iso(proposal.placements[0]!.start)).toBe('2026-01-13T14:00:00Z');
  });

  it('spreads load convexly: two new sessions go to two days rather than both to the first', () => {
    const proposal = schedule(
      week({
        participants: [participant('ana'), participant('ben')],
        rooms: [{ id: 'room-1', busy: [] }],
        requests: [
          { participantId: 'ana', kind: 'individual', count: 1 },
          { participantId: 'ben', kind: 'individual', count: 1 },
        ],
      }),
    );
    expect(new Set(proposal.placements.map((p) => iso(p.start).slice(0, 10)))).toEqual(new Set(['2026-01-12', '2026-01-13']));
    expect(proposal.cost).toBe(0);
  });

  it('books only the care team, and keeps primary clinician and usual time to the kinds the primary clinician gives', () => {
    const proposal = schedule(
      week({
        participants: [
          participant('ana', {
            primaryClinicianId: 'dr-lee',
            usualTime: { weekday: 2, time: '11:00' },
            clinicianIds: ['dr-lee', 'dr-rao'],
          }),
        ],
        clinicians: [therapist('dr-lee'), therapist('dr-kim'), { ...therapist('dr-rao'), kinds: ['psychiatry'] }],
        requests: [
          { participantId: 'ana', kind: 'individual', count: 1 },
          { participantId: 'ana', kind: 'psychiatry', count: 1 },
        ],
        rooms: [{ id: 'room-1', busy: [] }, { id: 'room-2', busy: [] }],
      }),
    );
    const byKind = Object.fromEntries(proposal.placements.map((p) => [p.kind, p]));
    expect(byKind.individual).toMatchObject({ clinicianId: 'dr-lee', start: localInterval(TUE, '11:00', '12:00').start });
    expect(byKind.psychiatry!.clinicianId).toBe('dr-rao');
    // Psychiatry with dr-rao carries neither the not-primary cost nor a distance from the usual time.
    expect(proposal.cost).toBe(0);
  });

  it('places most appointments first, moving one participant off their preferred clinician to fit both', () => {
    // Both prefer dr-lee on Monday at 09:00, his only free hour; dr-kim is free at 10:00.
    const proposal = schedule(
      week({
        participants: [
          participant('ana', { primaryClinicianId: 'dr-lee', usualTime: { weekday: 1, time: '09:00' } }),
          participant('ben', { primaryClinicianId: 'dr-lee', usualTime: { weekday: 1, time: '09:00' } }),
        ],
        clinicians: [therapist('dr-lee', { hours: [localInterval(MON, '09:00', '10:00')] }), therapist('dr-kim', { hours: [localInterval(MON, '10:00', '11:00')] })],
        requests: [
          { participantId: 'ana', kind: 'individual', count: 1 },
          { participantId: 'ben', kind: 'individual', count: 1 },
        ],
      }),
    );
    expect(proposal.placements).toHaveLength(2);
    expect(proposal.placements.map((p) => p.clinicianId).sort()).toEqual(['dr-kim', 'dr-lee']);
  });

  it('keeps one room to one appointment at a time, and says the rest were taken', () => {
    const oneHour = [localInterval(MON, '09:00', '10:00')];
    const proposal = schedule(
      week({
        participants: [participant('ana'), participant('ben')],
        clinicians: [therapist('dr-lee', { hours: oneHour }), therapist('dr-kim', { hours: oneHour })],
        requests: [
          { participantId: 'ana', kind: 'individual', count: 1 },
          { participantId: 'ben', kind: 'family', count: 1 },
        ],
      }),
    );
    expect(proposal.placements).toHaveLength(1);
    expect(proposal.unplaced).toEqual([{ participantId: 'ben', kind: 'family', count: 1, reason: 'taken_by_other_requests' }]);
  });

  it('lets a virtual room (a meeting link) hold every clinician at once; an office holds one', () => {
    const oneHour = [localInterval(MON, '09:00', '10:00')];
    const twoAtOnce = (kind: 'physical' | 'virtual') =>
      schedule(
        week({
          participants: [participant('ana'), participant('ben')],
          clinicians: [therapist('dr-lee', { hours: oneHour }), therapist('dr-kim', { hours: oneHour })],
          rooms: [{ id: 'link', busy: [], sessionsAtOnce: roomSessionsAtOnce(kind, 2) }],
          requests: [
            { participantId: 'ana', kind: 'individual', count: 1 },
            { participantId: 'ben', kind: 'family', count: 1 },
          ],
        }),
      );
    const online = twoAtOnce('virtual');
    expect(online.placements.map((p) => [p.participantId, p.roomId, iso(p.start)])).toEqual([
      ['ana', 'link', '2026-01-12T14:00:00Z'],
      ['ben', 'link', '2026-01-12T14:00:00Z'],
    ]);
    expect(twoAtOnce('physical').placements).toHaveLength(1);
  });

  it('never gives a participant two appointments at once, even with different clinicians', () => {
    const proposal = schedule(
      week({
        participants: [participant('ana', { usualTime: { weekday: 1, time: '09:00' } })],
        clinicians: [therapist('dr-lee'), { ...therapist('dr-rao'), kinds: ['psychiatry'] }],
        requests: [
          { participantId: 'ana', kind: 'individual', count: 1 },
          { participantId: 'ana', kind: 'psychiatry', count: 1 },
        ],
        rooms: [{ id: 'room-1', busy: [] }, { id: 'room-2', busy: [] }],
      }),
    );
    expect(proposal.placements).toHaveLength(2);
    expect(proposal.placements[0]!.start).not.toBe(proposal.placements[1]!.start);
  });

  it.each([
    {
      reason: 'no_eligible_clinician',
      overrides: { requests: [{ participantId: 'ana', kind: 'psychiatry' as const, count: 1 }] },
    },
    {
      reason: 'no_common_free_time',
      overrides: { participants: [participant('ana', { busy: [localInterval(MON, '08:00', '13:00'), localInterval(TUE, '08:00', '13:00')] })] },
    },
    {
      reason: 'no_room',
      overrides: { rooms: [{ id: 'room-1', busy: [localInterval(MON, '00:00', '23:00'), localInterval(TUE, '00:00', '23:00')] }] },
    },
    {
      reason: 'clinician_at_max',
      overrides: { clinicians: [therapist('dr-lee', { maxSessionsPerDay: 0 })] },
    },
  ])('explains an unplaced request: $reason', ({ reason, overrides }) => {
    const proposal = schedule(week(overrides));
    expect(proposal.placements).toEqual([]);
    expect(proposal.unplaced).toEqual([{ participantId: 'ana', kind: expect.any(String), count: 1, reason }]);
  });

  it('says the clinician is at the maximum when other placements filled the day', () => {
    const proposal = schedule(
      week({
        participants: [participant('ana'), participant('ben')],
        clinicians: [therapist('dr-lee', { hours: [localInterval(MON, '09:00', '12:00')], maxSessionsPerDay: 1 })],
        requests: [
          { participantId: 'ana', kind: 'individual', count: 1 },
          { participantId: 'ben', kind: 'individual', count: 1 },
        ],
      }),
    );
    expect(proposal.placements).toHaveLength(1);
    expect(proposal.unplaced).toEqual([{ participantId: 'ben', kind: 'individual', count: 1, reason: 'clinician_at_max' }]);
  });

  it('merges repeated requests and places a count of two in different blocks', () => {
    const proposal = schedule(
      week({
        clinicians: [therapist('dr-lee'), therapist('dr-kim')],
        requests: [
          { participantId: 'ana', kind: 'individual', count: 1 },
          { participantId: 'ana', kind: 'individual', count: 1 },
        ],
        rooms: [{ id: 'room-1', busy: [] }, { id: 'room-2', busy: [] }],
      }),
    );
    expect(proposal.placements).toHaveLength(2);
    expect(new Set(proposal.placements.map((p) => p.start)).size).toBe(2);
  });

  it.each([
    { overrides: { requests: [{ participantId: 'nobody', kind: 'individual' as const, count: 1 }] }, message: /requests\[0\]\.participantId/ },
    { overrides: { requests: [{ participantId: 'ana', kind: 'individual' as const, count: -1 }] }, message: /requests\[0\]\.count/ },
    { overrides: { clinicians: [therapist('dr-lee', { maxSessionsPerDay: 1.5 })] }, message: /maxSessionsPerDay/ },
    { overrides: { blockMinutes: 45 }, message: /blockMinutes/ },
    { overrides: { participants: [participant('ana', { usualTime: { weekday: 8, time: '10:00' } })] }, message: /participants\[0\]\.usualTime/ },
    { overrides: { blockMinutes: 30 }, message: /does not fit/ },
    { overrides: { participants: [participant('ana', { clinicianIds: ['dr-nobody'] })] }, message: /participants\[0\]\.clinicianIds/ },
  ])('refuses bad input naming the field: $message', ({ overrides, message }) => {
    expect(() => autoScheduleWeek(week(overrides))).toThrow(message);
  });
});

describe('rooms by kind', () => {
  it.each([
    ['physical', 5, false, 1],
    ['virtual', 5, true, 5],
    ['virtual', 0, true, 1],
  ] as const)('a %s room among %i clinicians: shared %s, %i at once', (kind, clinicians, shared, atOnce) => {
    expect(roomIsShared(kind)).toBe(shared);
    expect(roomSessionsAtOnce(kind, clinicians)).toBe(atOnce);
  });
});
