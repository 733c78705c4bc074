import { describe, expect, it } from 'vitest';
import { treatmentPlanSchema } from '@trellis/core';
import { emptyPlan, objectiveId, requestOf } from './plan-form.ts';

describe('plan form', () => {
  it('makes objective ids the schema accepts as UUIDs, each different', () => {
    const ids = new Set(Array.from({ length: 50 }, objectiveId));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sends blanks as missing, so the schema names the empty target date', () => {
    const result = treatmentPlanSchema.safeParse(requestOf(emptyPlan('2026-11-18', 'staff-1')));
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('problems.0.goals.0.objectives.0.targetDate');
    expect(paths).not.toContain('problems.0.goals.0.objectives.0.id');
  });
});
