/** Test fixtures for the make-up options: an at-risk week of Alex's with two sessions to choose from. */
import type { MakeUpOptions, WeeklyHoursLedger } from '@trellis/core';
import { ALEX, PROGRAM_ID, SITE_ID, TRACK_ID } from '../../test/fixtures.ts';

export const WEDNESDAY_EVENING = '88888888-8888-4888-8888-888888888881';
const THURSDAY_HOUR = '88888888-8888-4888-8888-888888888882';

export function ledger(projectedMinutes: number, status: WeeklyHoursLedger['status']): WeeklyHoursLedger {
  return {
    weekMonday: '2026-11-16',
    attendedMinutes: 0,
    scheduledMinutes: projectedMinutes,
    unrecordedMinutes: 0,
    projectedMinutes,
    requiredMinutes: 540,
    attendedHours: 0,
    scheduledHours: projectedMinutes / 60,
    unrecordedHours: 0,
    projectedHours: projectedMinutes / 60,
    requiredHours: 9,
    maxHours: null,
    daysMeetingPerDiem: 0,
    offeredMinutes: 540,
    cancelledMinutes: 0,
    rollsNotTaken: 0,
    partialWeek: false,
    programCaused: false,
    reason: null,
    overMax: false,
    status,
  };
}

export const makeUpAnswer: MakeUpOptions = {
  participantId: ALEX,
  episodeId: 'e-1',
  programId: PROGRAM_ID,
  trackId: TRACK_ID,
  siteId: SITE_ID,
  timeZone: 'America/New_York',
  today: '2026-11-18',
  ledger: ledger(360, 'at-risk'),
  shortfallMinutes: 180,
  options: [
    {
      sessionId: WEDNESDAY_EVENING,
      title: 'Evening group',
      kind: 'group_therapy',
      trackId: 'track-evening',
      trackName: 'Evening',
      localDate: '2026-11-18',
      startsAt: '2026-11-18T23:00:00.000Z',
      endsAt: '2026-11-19T02:00:00.000Z',
      facilitatorName: null,
      roomName: 'Cedar',
      minutes: 180,
      recoveredMinutes: 180,
      recoveredHours: 3,
      placesLeft: 4,
    },
    {
      sessionId: THURSDAY_HOUR,
      title: 'Open hour',
      kind: 'group_therapy',
      trackId: 'track-afternoon',
      trackName: 'Afternoon',
      localDate: '2026-11-19',
      startsAt: '2026-11-19T15:00:00.000Z',
      endsAt: '2026-11-19T16:00:00.000Z',
      facilitatorName: null,
      roomName: null,
      minutes: 60,
      recoveredMinutes: 60,
      recoveredHours: 1,
      placesLeft: 1,
    },
  ],
};
