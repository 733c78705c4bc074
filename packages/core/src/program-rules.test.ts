import { describe, expect, it } from 'vitest';
import { levelOfCareLabel, templateWeeklyMinutes, trackTemplateWarnings, type TemplateBlockHours } from './program-rules.ts';

describe('levelOfCareLabel', () => {
  it.each([
    ['php', 'mental_health', 'Partial hospitalization'],
    ['php', 'substance_use', 'Partial hospitalization (ASAM 2.5, “High-Intensity Outpatient” in the 4th edition)'],
    ['iop', 'co_occurring', 'Intensive outpatient (ASAM 2.1)'],
    ['iop', 'mental_health', 'Intensive outpatient'],
    ['op', 'substance_use', 'Outpatient (ASAM 1)'],
  ] as const)('%s %s → %s', (level, focus, label) => expect(levelOfCareLabel(level, focus)).toBe(label));
});

describe('track templates', () => {
  const block = (weekday: number, startTime: string, endTime: string, extra: Partial<TemplateBlockHours> = {}): TemplateBlockHours => ({
    weekday,
    startTime,
    endTime,
    kind: 'group_therapy',
    ...extra,
  });
  const iop = { minWeeklyMinutes: 540, perDiemMinMinutes: 180 };

  it('counts counting kinds only, less breaks', () => {
    expect(templateWeeklyMinutes([block(1, '09:00', '12:00', { breakMinutes: 15 }), block(2, '09:00', '10:00', { kind: 'recreational' })])).toBe(165);
  });

  it.each([
    { what: 'three 3.5 h days', blocks: [1, 3, 5].map((d) => block(d, '09:00', '12:30')), warnings: 0 },
    { what: 'three 3 h days exactly', blocks: [1, 3, 5].map((d) => block(d, '09:00', '12:00')), warnings: 0 },
    { what: 'a break takes it under', blocks: [1, 3, 5].map((d) => block(d, '09:00', '12:00', { breakMinutes: 10 })), warnings: 1 },
    { what: 'two long days', blocks: [1, 3].map((d) => block(d, '09:00', '14:00')), warnings: 1 },
    { what: 'two short days', blocks: [1, 3].map((d) => block(d, '09:00', '11:00')), warnings: 2 },
    { what: 'no blocks yet', blocks: [], warnings: 0 },
  ])('$what → $warnings warning(s)', ({ blocks, warnings }) => {
    expect(trackTemplateWarnings(blocks, iop)).toHaveLength(warnings);
  });

  it('does not ask a program billed per session for three days', () => {
    expect(trackTemplateWarnings([1, 3].map((d) => block(d, '09:00', '14:00')), { minWeeklyMinutes: 540, perDiemMinMinutes: 0 })).toEqual([]);
  });
});
