import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { INSTRUMENT_IDS } from './instrument.ts';
import { MEASURES, instrumentAnswersSchema, measureResponseSchema, scoreMeasure } from './registry.ts';
import { PHQ9 } from './phq9.ts';
import { allAnswered } from './test-support.ts';

/** The highest total an instrument's always-asked items can reach. */
const maxTotal = (id: (typeof INSTRUMENT_IDS)[number]) =>
  MEASURES[id].instrument.items
    .filter((i) => !i.enableWhen)
    .reduce((sum, i) => sum + Math.max(...i.options.map((o) => o.points)), 0);

describe('every instrument', () => {
  it.each(INSTRUMENT_IDS)('%s: item ids are unique and every item has options with unique values', (id) => {
    const { items } = MEASURES[id].instrument;
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    for (const item of items) {
      expect(item.options.length).toBeGreaterThan(1);
      expect(new Set(item.options.map((o) => o.value)).size).toBe(item.options.length);
    }
  });

  it.each(INSTRUMENT_IDS.flatMap((id) => ([null, 'female', 'male'] as const).map((sex) => [id, sex] as const)))(
    '%s (%s): total bands run from 0 to the maximum total without gap or overlap',
    (id, sex) => {
      const bands = MEASURES[id].bands({ sex }).filter((b) => b.min !== null);
      if (bands.length === 0) return;
      expect(bands[0]!.min).toBe(0);
      bands.slice(1).forEach((b, i) => expect(b.min).toBe(bands[i]!.max! + 1));
      expect(bands.at(-1)!.max).toBe(maxTotal(id));
    },
  );

  it.each([
    ['phq-9', 27],
    ['gad-7', 21],
    ['audit', 40],
    ['audit-c', 12],
    ['dast-10', 10],
    ['pcl-5', 80],
  ] as const)('%s: the maximum total is %i', (id, max) => {
    expect(maxTotal(id)).toBe(max);
  });

  it.each(INSTRUMENT_IDS)('%s: an empty answer set is refused naming the first item', (id) => {
    expect(() => scoreMeasure(id, {}, { sex: null })).toThrow(
      new RegExp(`item ${MEASURES[id].instrument.items[0]!.id} is required`),
    );
  });
});

describe('the answers schema names the item at fault', () => {
  const schema = instrumentAnswersSchema(PHQ9);
  const issues = (input: unknown) => {
    const result = schema.safeParse(input);
    return result.success ? [] : result.error.issues.map((i) => [i.path.join('.'), i.message]);
  };

  it('accepts a complete response', () => {
    expect(schema.parse(allAnswered(PHQ9, 3))).toEqual(allAnswered(PHQ9, 3));
  });

  it.each<[string, Record<string, unknown>, [string, string][]]>([
    ['a missing item', { ...allAnswered(PHQ9, 0), q9: undefined }, [['q9', 'is required']]],
    ['a value above the scale', { ...allAnswered(PHQ9, 0), q4: 4 }, [['q4', 'must be one of 0, 1, 2, 3']]],
    ['a negative value', { ...allAnswered(PHQ9, 0), q1: -1 }, [['q1', 'must be one of 0, 1, 2, 3']]],
    ['an unknown item', { ...allAnswered(PHQ9, 0), q10: 1 }, [['q10', 'is not an item of the PHQ-9']]],
  ])('%s', (_what, input, expected) => {
    expect(issues(input)).toEqual(expected);
  });

  it.each([
    ['a fraction', 1.5],
    ['a string', '2'],
  ])('%s is refused at its item', (_what, value) => {
    expect(issues({ ...allAnswered(PHQ9, 0), q2: value }).map(([path]) => path)).toEqual(['q2']);
  });
});

describe('measureResponseSchema', () => {
  it('takes an instrument id and its answers, and carries no score', () => {
    const parsed = measureResponseSchema.parse({ instrument: 'phq-9', answers: allAnswered(PHQ9, 1), total: 0 });
    expect(parsed).toEqual({ instrument: 'phq-9', answers: allAnswered(PHQ9, 1) });
  });

  it('checks the answers against the instrument named', () => {
    const result = measureResponseSchema.safeParse({ instrument: 'gad-7', answers: allAnswered(PHQ9, 1) });
    expect(result.success ? [] : result.error.issues.map((i) => i.path.join('.'))).toEqual([
      'answers.q8',
      'answers.q9',
    ]);
  });

  it('refuses an unknown instrument', () => {
    expect(measureResponseSchema.safeParse({ instrument: 'phq-8', answers: {} }).success).toBe(false);
  });

  it.each(['input', 'output'] as const)(
    'converts to JSON Schema (%s) for the OpenAPI document, listing each item’s values',
    (io) => {
      const json = JSON.stringify(z.toJSONSchema(measureResponseSchema, { io }));
      expect(json).toContain('"q9":{"type":"number","enum":[0,2,4]}');
    },
  );
});
