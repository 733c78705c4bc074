/** The track editor's check for a facilitator booked in two places at once (a warning, not a refusal). */
import { z } from 'zod';
import { coFacilitatorIdsSchema, localTimeFieldSchema, staffIdFieldSchema } from './setup.ts';

export const facilitatorClashCheckSchema = z.object({
  programId: z.uuid(),
  /** The track being edited, whose saved blocks are replaced by `blocks`; absent for a new track. */
  trackId: z.uuid().optional(),
  blocks: z
    .array(
      z.object({
        weekday: z.number().int().min(1).max(7),
        startTime: localTimeFieldSchema,
        endTime: localTimeFieldSchema,
        facilitatorId: staffIdFieldSchema.nullish(),
        coFacilitatorIds: coFacilitatorIdsSchema.optional(),
      }),
    )
    .max(60),
});
export type FacilitatorClashCheck = z.infer<typeof facilitatorClashCheckSchema>;

export const facilitatorClashSchema = z.object({
  /** The block of the request that clashes. */
  blockIndex: z.number(),
  /** The person needed in both places, facilitator or co-facilitator of either. */
  facilitatorId: z.string(),
  facilitatorName: z.string(),
  /** The other booking: a block of another track, or null when it is another block of the same track. */
  trackId: z.string().nullable(),
  trackName: z.string().nullable(),
  programName: z.string().nullable(),
  weekday: z.number(),
  startTime: z.string(),
  endTime: z.string(),
});
export type FacilitatorClash = z.infer<typeof facilitatorClashSchema>;

export const facilitatorClashListSchema = z.object({ items: z.array(facilitatorClashSchema) });
export type FacilitatorClashList = z.infer<typeof facilitatorClashListSchema>;
