import { describe, expect, it } from 'vitest';
import { DEFAULT_MEASUREMENT_SCHEDULES, dueInstruments } from './schedule.ts';
import type { DueInstrument, MeasurementSchedule, ScheduleEpisode } from './schedule.ts';
import type { InstrumentId } from './instrument.ts';

// Admitted Monday 2026-01-05.
const OPEN: ScheduleEpisode = { admittedOn: '2026-01-05', dischargeOn: null };
// Planned discharge Friday 2026-02-20: the discharge window opens 7 days before, on 2026-02-13.
const DISCHARGING: ScheduleEpisode = { admittedOn: '2026-01-05', dischargeOn: '2026-02-20' };
const SUD = DEFAULT_MEASUREMENT_SCHEDULES.substance_use;
const ADMISSION_DONE = {
  'phq-9': '2026-01-05',
  'gad-7': '2026-01-05',
  audit: '2026-01-05',
  'dast-10': '2026-01-05',
} as const;

const brief = (due: DueInstrument[]) => due.map((d) => `${d.instrument} ${d.reason} ${d.dueOn} +${d.daysOverdue}`);

describe('dueInstruments with the substance use program defaults', () => {
  it.each<[string, ScheduleEpisode, Partial<Record<InstrumentId, string>>, string, string[]]>([
    ['the day before admission: nothing', OPEN, {}, '2026-01-04', []],
    [
      'admission day, nothing given: PHQ-9, GAD-7, AUDIT, DAST-10 (BAM waits a week)',
      OPEN,
      {},
      '2026-01-05',
      [
        'phq-9 admission 2026-01-05 +0',
        'gad-7 admission 2026-01-05 +0',
        'audit admission 2026-01-05 +0',
        'dast-10 admission 2026-01-05 +0',
      ],
    ],
    ['admission measures given: nothing until a week on', OPEN, ADMISSION_DONE, '2026-01-11', []],
    [
      'a week after admission: PHQ-9 and GAD-7 again, and the first BAM; AUDIT and DAST-10 do not repeat',
      OPEN,
      ADMISSION_DONE,
      '2026-01-12',
      ['phq-9 interval 2026-01-12 +0', 'gad-7 interval 2026-01-12 +0', 'bam interval 2026-01-12 +0'],
    ],
    [
      'two days late',
      OPEN,
      { ...ADMISSION_DONE, 'gad-7': '2026-01-09', bam: '2026-01-09' },
      '2026-01-14',
      ['phq-9 interval 2026-01-12 +2'],
    ],
    [
      'a score from an earlier episode does not count as this admission’s',
      OPEN,
      { ...ADMISSION_DONE, audit: '2025-11-20' },
      '2026-01-06',
      ['audit admission 2026-01-05 +1'],
    ],
    [
      'admission missed: still due as the admission measure a week on, not as an interval',
      OPEN,
      { audit: '2026-01-05', 'dast-10': '2026-01-05', 'gad-7': '2026-01-05' },
      '2026-01-12',
      ['phq-9 admission 2026-01-05 +7', 'gad-7 interval 2026-01-12 +0', 'bam interval 2026-01-12 +0'],
    ],
  ])('%s', (_what, episode, last, today, expected) => {
    expect(brief(dueInstruments(SUD, episode, last, today))).toEqual(expected);
  });
});

describe('dueInstruments around discharge (window: the 7 days before the discharge date)', () => {
  const lastWeekly = { ...ADMISSION_DONE, 'phq-9': '2026-02-09', 'gad-7': '2026-02-09', bam: '2026-02-09' };
  it.each<[string, Partial<Record<InstrumentId, string>>, string, string[]]>([
    ['the day before the window opens: nothing', lastWeekly, '2026-02-12', []],
    [
      'the window opens: PHQ-9 and GAD-7 for discharge',
      lastWeekly,
      '2026-02-13',
      ['phq-9 discharge 2026-02-13 +0', 'gad-7 discharge 2026-02-13 +0'],
    ],
    [
      'a week on from the last BAM inside the window: BAM by interval, PHQ-9/GAD-7 still for discharge',
      lastWeekly,
      '2026-02-16',
      ['phq-9 discharge 2026-02-13 +3', 'gad-7 discharge 2026-02-13 +3', 'bam interval 2026-02-16 +0'],
    ],
    [
      'given inside the window: the discharge measure is done, and not asked again by interval before discharge',
      { ...lastWeekly, 'phq-9': '2026-02-13', 'gad-7': '2026-02-13', bam: '2026-02-16' },
      '2026-02-20',
      [],
    ],
    ['after the discharge date: nothing', {}, '2026-02-21', []],
  ])('%s', (_what, last, today, expected) => {
    expect(brief(dueInstruments(SUD, DISCHARGING, last, today))).toEqual(expected);
  });

  it('an episode shorter than the window asks once, on admission, for discharge and admission together', () => {
    const short: ScheduleEpisode = { admittedOn: '2026-01-05', dischargeOn: '2026-01-08' };
    const due = dueInstruments(DEFAULT_MEASUREMENT_SCHEDULES.mental_health, short, {}, '2026-01-05');
    expect(brief(due)).toEqual([
      'phq-9 discharge 2026-01-05 +0',
      'gad-7 discharge 2026-01-05 +0',
      'audit admission 2026-01-05 +0',
      'dast-10 admission 2026-01-05 +0',
    ]);
  });
});

describe('default schedules by program focus', () => {
  it.each([
    ['mental_health', ['phq-9', 'gad-7', 'audit', 'dast-10']],
    ['substance_use', ['phq-9', 'gad-7', 'audit', 'dast-10', 'bam']],
    ['co_occurring', ['phq-9', 'gad-7', 'audit', 'dast-10', 'bam']],
  ] as const)('%s gives %j', (focus, instruments) => {
    expect(DEFAULT_MEASUREMENT_SCHEDULES[focus].map((r) => r.instrument)).toEqual(instruments);
  });

  it('a program’s own schedule is followed: a PCL-5 every 14 days from admission and at discharge only', () => {
    const schedule: MeasurementSchedule = [
      { instrument: 'pcl-5', atAdmission: false, everyDays: 14, atDischarge: true },
    ];
    expect(brief(dueInstruments(schedule, OPEN, {}, '2026-01-18'))).toEqual([]);
    expect(brief(dueInstruments(schedule, OPEN, {}, '2026-01-19'))).toEqual(['pcl-5 interval 2026-01-19 +0']);
    expect(brief(dueInstruments(schedule, DISCHARGING, { 'pcl-5': '2026-02-02' }, '2026-02-13'))).toEqual([
      'pcl-5 discharge 2026-02-13 +0',
    ]);
  });
});
