/**
 * A daily check-in (issue 7): mood, anxiety and craving 0–10, hours slept, any use and what, a free note, and one
 * safety question so a check-in can raise the same alert as PHQ-9 item 9.
 */
import { z } from 'zod';
import type { MeasureFlag } from './instrument.ts';

const rating = z.number().int('must be a whole number').min(0, 'must be 0 to 10').max(10, 'must be 0 to 10');

export const checkInSchema = z
  .object({
    /** 0 = worst, 10 = best. */
    mood: rating,
    /** 0 = none, 10 = worst. */
    anxiety: rating,
    /** 0 = none, 10 = strongest. */
    craving: rating,
    sleepHours: z
      .number()
      .min(0, 'must be 0 to 24')
      .max(24, 'must be 0 to 24')
      .multipleOf(0.25, 'must be in quarter hours'),
    anyUse: z.boolean(),
    /** What was used; required when anyUse, absent otherwise. */
    substancesUsed: z.string().trim().max(200, 'must be at most 200 characters').nullable().optional(),
    /** Thoughts of death or of harming oneself since the last check-in. */
    selfHarmThoughts: z.boolean(),
    note: z.string().trim().max(2000, 'must be at most 2000 characters').nullable().optional(),
  })
  .superRefine((c, ctx) => {
    const what = c.substancesUsed?.trim() ?? '';
    if (c.anyUse && what === '')
      ctx.addIssue({ code: 'custom', path: ['substancesUsed'], message: 'is required when any use is reported' });
    if (!c.anyUse && what !== '')
      ctx.addIssue({ code: 'custom', path: ['substancesUsed'], message: 'must be empty when no use is reported' });
  });
export type CheckIn = z.infer<typeof checkInSchema>;

/** Flags a check-in raises: a safety flag for thoughts of death or self-harm, as PHQ-9 item 9 does. */
export function checkInFlags(checkIn: CheckIn): MeasureFlag[] {
  const flags: MeasureFlag[] = [];
  if (checkIn.selfHarmThoughts) {
    flags.push({
      code: 'check-in-self-harm',
      kind: 'safety',
      message: 'Check-in reports thoughts of death or self-harm: same-day risk follow-up.',
    });
  }
  if (checkIn.anyUse)
    flags.push({ code: 'check-in-use', kind: 'screen', message: 'Check-in reports alcohol or drug use.' });
  return flags;
}
