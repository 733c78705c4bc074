/**
 * Every instrument Trellis administers, by id: its definition, its bands, and its scoring. The server scores a
 * response with `scoreMeasure`, so a stored score can only come from these functions.
 */
import { z } from 'zod';
import type { Instrument, InstrumentId, MeasureScore, SeverityBand } from './instrument.ts';
import { answerProblems, outOfRangeMessage } from './instrument.ts';
import { PHQ9, PHQ9_BANDS, scorePhq9 } from './phq9.ts';
import { GAD7, GAD7_BANDS, scoreGad7 } from './gad7.ts';
import { AUDIT, AUDIT_BANDS, AUDIT_C, auditCBands, auditCCutoffNote, scoreAudit, scoreAuditC, screeningSexOf } from './audit.ts';
import type { ScreeningSex, SexForScoring } from './audit.ts';
import { DAST10, DAST10_BANDS, scoreDast10 } from './dast10.ts';
import { PCL5, PCL5_BANDS, scorePcl5 } from './pcl5.ts';
import { CSSRS_BANDS, CSSRS_SCREENER, scoreCssrs } from './cssrs.ts';
import { BAM, BAM_BANDS, scoreBam } from './bam.ts';

/** What scoring needs to know about the person besides their answers. */
export interface ScoringContext {
  sex: ScreeningSex;
}

/** The scoring context of a participant whose record holds this sex for scoring (`unknown` = not recorded). */
export function scoringContextOf(sex: SexForScoring | null | undefined): ScoringContext {
  return { sex: screeningSexOf(sex) };
}

export interface Measure {
  instrument: Instrument;
  bands(context: ScoringContext): readonly SeverityBand[];
  score(answers: Readonly<Record<string, unknown>>, context: ScoringContext): MeasureScore;
  /**
   * How the person's sex changed the scoring, in a sentence shown beside the score; present only on instruments whose
   * scoring depends on it (so a stored score keeps the sex it used).
   */
  note?(context: ScoringContext): string;
}

const fixed = (bands: readonly SeverityBand[]) => () => bands;

export const MEASURES: Readonly<Record<InstrumentId, Measure>> = {
  'phq-9': { instrument: PHQ9, bands: fixed(PHQ9_BANDS), score: scorePhq9 },
  'gad-7': { instrument: GAD7, bands: fixed(GAD7_BANDS), score: scoreGad7 },
  audit: { instrument: AUDIT, bands: fixed(AUDIT_BANDS), score: scoreAudit },
  'audit-c': {
    instrument: AUDIT_C,
    bands: (c) => auditCBands(c.sex),
    score: (a, c) => scoreAuditC(a, c.sex),
    note: (c) => auditCCutoffNote(c.sex),
  },
  'dast-10': { instrument: DAST10, bands: fixed(DAST10_BANDS), score: scoreDast10 },
  'pcl-5': { instrument: PCL5, bands: fixed(PCL5_BANDS), score: scorePcl5 },
  'c-ssrs-screener': { instrument: CSSRS_SCREENER, bands: fixed(CSSRS_BANDS), score: scoreCssrs },
  bam: { instrument: BAM, bands: fixed(BAM_BANDS), score: scoreBam },
};

/** Score a response to any instrument; throws a RangeError naming the item when the answers were not validated. */
export function scoreMeasure(
  id: InstrumentId,
  answers: Readonly<Record<string, unknown>>,
  context: ScoringContext,
): MeasureScore {
  return MEASURES[id].score(answers, context);
}

/**
 * The answers to one instrument, keyed by item id: every asked item present and one of its options, no answer to an
 * item the skip logic does not ask, no unknown keys. Each problem is an issue whose path is the item id.
 */
export function instrumentAnswersSchema(instrument: Instrument) {
  // Each item's values are spelled out so the OpenAPI document lists them; the one rule in answerProblems decides.
  const shape = Object.fromEntries(
    instrument.items.map((item) => {
      const values = item.options.map((o) => o.value);
      return [item.id, z.literal(values, { error: outOfRangeMessage(item) }).optional()];
    }),
  );
  return z
    .object(shape)
    .catchall(z.unknown())
    .superRefine((answers, ctx) => {
      for (const p of answerProblems(instrument, answers)) {
        ctx.addIssue({ code: 'custom', path: [p.item], message: p.message });
      }
    });
}

const responseSchemaFor = <Id extends InstrumentId>(id: Id) =>
  z.object({ instrument: z.literal(id), answers: instrumentAnswersSchema(MEASURES[id].instrument) });

/**
 * A response to any instrument as the client sends it: the instrument id and its answers. There is no score field:
 * the server computes scores with `scoreMeasure`.
 */
export const measureResponseSchema = z.discriminatedUnion('instrument', [
  responseSchemaFor('phq-9'),
  responseSchemaFor('gad-7'),
  responseSchemaFor('audit'),
  responseSchemaFor('audit-c'),
  responseSchemaFor('dast-10'),
  responseSchemaFor('pcl-5'),
  responseSchemaFor('c-ssrs-screener'),
  responseSchemaFor('bam'),
]);
export type MeasureResponse = z.infer<typeof measureResponseSchema>;
