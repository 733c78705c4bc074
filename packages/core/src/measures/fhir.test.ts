import { describe, expect, it } from 'vitest';
import { INSTRUMENT_IDS } from './instrument.ts';
import { MEASURES } from './registry.ts';
import { LOINC_SYSTEM, ORDINAL_VALUE_EXTENSION, toFhirQuestionnaire } from './fhir.ts';
import { PHQ9 } from './phq9.ts';
import { CSSRS_SCREENER } from './cssrs.ts';
import { BAM } from './bam.ts';

describe('FHIR R4 Questionnaire export', () => {
  it.each(INSTRUMENT_IDS)(
    '%s: a Questionnaire with unique linkIds and coded answer options carrying their points',
    (id) => {
      const instrument = MEASURES[id].instrument;
      const q = toFhirQuestionnaire(instrument);
      expect(q.resourceType).toBe('Questionnaire');
      expect(q.status).toBe('active');
      expect(q.id).toBe(id);
      expect(q.item).toHaveLength(instrument.items.length);
      expect(new Set(q.item.map((i) => i.linkId)).size).toBe(q.item.length);
      const linkIds = new Set(q.item.map((i) => i.linkId));
      for (const [n, item] of q.item.entries()) {
        const source = instrument.items[n]!;
        expect(item).toMatchObject({ linkId: source.id, type: 'choice', text: source.text });
        expect(item.answerOption.map((o) => o.extension[0])).toEqual(
          source.options.map((o) => ({ url: ORDINAL_VALUE_EXTENSION, valueDecimal: o.points })),
        );
        for (const o of item.answerOption) {
          expect(o.valueCoding.system).toMatch(/^(http|urn):/);
          expect(o.valueCoding.code).not.toBe('');
        }
        expect(new Set(item.answerOption.map((o) => `${o.valueCoding.system}|${o.valueCoding.code}`)).size).toBe(
          item.answerOption.length,
        );
        for (const condition of item.enableWhen ?? []) expect(linkIds.has(condition.question)).toBe(true);
      }
      // The whole resource is plain JSON.
      expect(JSON.parse(JSON.stringify(q))).toEqual(q);
    },
  );

  it('PHQ-9 carries the LOINC panel, item and answer codes domain.md names', () => {
    const q = toFhirQuestionnaire(PHQ9);
    expect(q.code).toEqual([{ system: LOINC_SYSTEM, code: '44249-1', display: PHQ9.title }]);
    expect(q.item.map((i) => i.code?.[0]?.code)).toEqual([
      '44250-9',
      '44255-8',
      '44259-0',
      '44254-1',
      '44251-7',
      '44258-2',
      '44252-5',
      '44253-3',
      '44260-8',
    ]);
    expect(
      q.item[8]!.answerOption.map((o) => [o.valueCoding.system, o.valueCoding.code, o.extension[0]!.valueDecimal]),
    ).toEqual([
      [LOINC_SYSTEM, 'LA6568-5', 0],
      [LOINC_SYSTEM, 'LA6569-3', 1],
      [LOINC_SYSTEM, 'LA6570-1', 2],
      [LOINC_SYSTEM, 'LA6571-9', 3],
    ]);
  });

  it.each(INSTRUMENT_IDS.filter((id) => id !== 'phq-9' && id !== 'gad-7'))('%s: no LOINC code is made up', (id) => {
    const text = JSON.stringify(toFhirQuestionnaire(MEASURES[id].instrument));
    expect(text).not.toContain(LOINC_SYSTEM);
  });

  it('C-SSRS items 3–5 are enabled when item 2 is "yes"; the 3-month question when item 6 is', () => {
    const q = toFhirQuestionnaire(CSSRS_SCREENER);
    const gate = (linkId: string) =>
      q.item.find((i) => i.linkId === linkId)?.enableWhen?.map((w) => [w.question, w.operator, w.answerCoding.display]);
    expect(gate('q3')).toEqual([['q2', '=', 'Yes']]);
    expect(gate('q5')).toEqual([['q2', '=', 'Yes']]);
    expect(gate('q6-recent')).toEqual([['q6', '=', 'Yes']]);
    expect(gate('q6')).toBeUndefined();
  });

  it('BAM item 7A is enabled by any drug days at item 6 (any of four answers)', () => {
    const item = toFhirQuestionnaire(BAM).item.find((i) => i.linkId === 'q7a')!;
    expect(item.enableBehavior).toBe('any');
    expect(item.enableWhen?.map((w) => w.answerCoding.code)).toEqual(['1', '2', '3', '4']);
  });

  it('DAST-10 item 3 exports its reversal: "No" is worth 1', () => {
    const item = toFhirQuestionnaire(MEASURES['dast-10'].instrument).item[2]!;
    expect(item.answerOption.map((o) => [o.valueCoding.display, o.extension[0]!.valueDecimal])).toEqual([
      ['No', 1],
      ['Yes', 0],
    ]);
  });
});
