import { describe, expect, it } from 'vitest';
import { median, pipelineFigures, type PipelineInquiry } from './inquiry-pipeline.ts';

describe('median', () => {
  it.each([
    [[], null],
    [[4], 4],
    [[9, 1, 5], 5],
    [[1, 2, 3, 10], 2.5],
    [[0, 0], 0],
  ])('of %j is %s', (values, expected) => expect(median(values)).toBe(expected));
});

describe('pipelineFigures', () => {
  const figure = (rows: PipelineInquiry[], source: string) => pipelineFigures(rows).find((f) => f.source === source);

  it.each<[string, PipelineInquiry[], string, { inquiries: number; admitted: number; conversionRate: number | null; medianDaysToAdmission: number | null }]>([
    ['no inquiries: no rate rather than 0%', [], 'phone', { inquiries: 0, admitted: 0, conversionRate: null, medianDaysToAdmission: null }],
    [
      'none admitted: 0% and no median',
      [{ source: 'phone', daysToAdmission: null }],
      'phone',
      { inquiries: 1, admitted: 0, conversionRate: 0, medianDaysToAdmission: null },
    ],
    [
      'same-day admission counts as 0 days',
      [{ source: 'walk_in', daysToAdmission: 0 }],
      'walk_in',
      { inquiries: 1, admitted: 1, conversionRate: 1, medianDaysToAdmission: 0 },
    ],
    [
      'rate over every inquiry, median over the admitted only',
      [
        { source: 'referral', daysToAdmission: 3 },
        { source: 'referral', daysToAdmission: 11 },
        { source: 'referral', daysToAdmission: null },
        { source: 'referral', daysToAdmission: null },
        { source: 'phone', daysToAdmission: 1 },
      ],
      'referral',
      { inquiries: 4, admitted: 2, conversionRate: 0.5, medianDaysToAdmission: 7 },
    ],
    [
      'all sources together',
      [
        { source: 'referral', daysToAdmission: 3 },
        { source: 'web_form', daysToAdmission: null },
        { source: 'phone', daysToAdmission: 1 },
      ],
      'all',
      { inquiries: 3, admitted: 2, conversionRate: 2 / 3, medianDaysToAdmission: 2 },
    ],
  ])('%s', (_name, rows, source, expected) => expect(figure(rows, source)).toEqual({ source, ...expected }));

  it('lists every source once, in a fixed order, then all', () => {
    expect(pipelineFigures([]).map((f) => f.source)).toEqual(['web_form', 'phone', 'referral', 'walk_in', 'other', 'all']);
  });
});
