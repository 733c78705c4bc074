/**
 * Plans a participant keeps with their clinician (the safety plan, the relapse prevention plan) are versioned the
 * same way: each save is the next version, based on the version the editor opened (0 for the first), and every
 * version stays as it was printed. One set of schemas for every such plan, built from the plan's own schema.
 */
import { z } from 'zod';

/** Saving the next version of a plan: the version it replaces, for optimistic concurrency (0 for the first). */
export function planSaveSchemaOf<P extends z.ZodType>(plan: P) {
  return z.object({ basedOnVersion: z.number().int().min(0), plan });
}

/** One saved version of a participant's plan, with who saved it and when. */
export function planVersionSchemaOf<P extends z.ZodType>(plan: P) {
  return z.object({
    participantId: z.uuid(),
    version: z.number().int(),
    plan,
    savedAt: z.string(),
    savedBy: z.object({ id: z.string(), name: z.string() }),
  });
}

/** The list of a plan's versions, newest first. */
export const planVersionListSchema = z.array(
  z.object({ version: z.number().int(), savedAt: z.string(), savedByName: z.string() }),
);

/** A plan's latest version (null before the first save) and the list of versions. */
export function planViewSchemaOf<P extends z.ZodType>(plan: P) {
  return z.object({ current: planVersionSchemaOf(plan).nullable(), versions: planVersionListSchema });
}

export const keptPlanVersionParamsSchema = z.object({ id: z.uuid(), version: z.coerce.number().int().min(1) });
