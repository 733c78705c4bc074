/**
 * A level-of-care assessment as entered: six dimension ratings with rationale under one edition, the flags raised,
 * the recommended and the chosen level, and a variance reason whenever those two differ (domain.md §1.3).
 */
import { z } from 'zod';
import { saneDateSchema } from '../api/dates.ts';
import { ASAM_DIMENSION_NUMBERS, ASAM_EDITIONS, ASAM_RISK_RATING_MAX, ASAM_RISK_RATING_MIN } from './asam.ts';
import { LEVEL_OF_CARE_FLAGS, PLACEMENT_LEVELS, VARIANCE_REASONS, needsVarianceReason } from './level-of-care.ts';

/** Longest rationale per dimension: a few sentences, not a narrative (the intake assessment holds that). */
export const RATIONALE_MAX_LENGTH = 1000;
export const VARIANCE_NOTE_MAX_LENGTH = 1000;

export const dimensionRatingSchema = z.object({
  dimension: z.union(ASAM_DIMENSION_NUMBERS.map((n) => z.literal(n))),
  rating: z
    .number('must be a number from 0 to 4')
    .int('must be a whole number from 0 to 4')
    .min(ASAM_RISK_RATING_MIN, 'must be from 0 to 4')
    .max(ASAM_RISK_RATING_MAX, 'must be from 0 to 4'),
  rationale: z
    .string()
    .trim()
    .min(1, 'is required: say why, in a sentence')
    .max(RATIONALE_MAX_LENGTH, `must be at most ${RATIONALE_MAX_LENGTH} characters`),
});

export const levelOfCareAssessmentInputSchema = z
  .object({
    assessedOn: saneDateSchema,
    edition: z.enum(ASAM_EDITIONS),
    ratings: z.array(dimensionRatingSchema),
    flags: z.array(z.enum(LEVEL_OF_CARE_FLAGS)).max(LEVEL_OF_CARE_FLAGS.length).default([]),
    recommendedLevel: z.enum(PLACEMENT_LEVELS),
    chosenLevel: z.enum(PLACEMENT_LEVELS),
    varianceReason: z.enum(VARIANCE_REASONS).nullable().optional(),
    varianceNote: z.string().trim().max(VARIANCE_NOTE_MAX_LENGTH).nullable().optional(),
  })
  .superRefine((a, ctx) => {
    const seen = new Set(a.ratings.map((r) => r.dimension));
    for (const n of ASAM_DIMENSION_NUMBERS) {
      if (!seen.has(n)) ctx.addIssue({ code: 'custom', path: ['ratings'], message: `must rate dimension ${n}` });
    }
    if (a.ratings.length !== seen.size) {
      ctx.addIssue({ code: 'custom', path: ['ratings'], message: 'must rate each dimension once' });
    }
    if (new Set(a.flags).size !== a.flags.length) {
      ctx.addIssue({ code: 'custom', path: ['flags'], message: 'must list each flag once' });
    }
    if (needsVarianceReason(a.recommendedLevel, a.chosenLevel)) {
      if (!a.varianceReason) {
        ctx.addIssue({
          code: 'custom',
          path: ['varianceReason'],
          message: 'is required when the level chosen differs from the level recommended',
        });
      } else if (a.varianceReason === 'other' && !a.varianceNote) {
        ctx.addIssue({ code: 'custom', path: ['varianceNote'], message: 'is required when the reason is "other"' });
      }
    } else if (a.varianceReason) {
      ctx.addIssue({
        code: 'custom',
        path: ['varianceReason'],
        message: 'must be empty when the level chosen is the level recommended',
      });
    }
  });
export type LevelOfCareAssessmentInput = z.infer<typeof levelOfCareAssessmentInputSchema>;
