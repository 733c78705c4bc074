/** Test fixtures: a signed treatment plan through the API, for features that read an episode's plan in force. */
import type { TestApp, TestStaff } from '../../testing/harness.ts';

/** A plan with one problem and goal and the given objectives (one intervention each, by `staffId`). */
export function planContent(staffId: string, objectives: readonly { id: string; description: string }[], effectiveOn = '2026-11-16') {
  return {
    effectiveOn,
    problems: [
      {
        description: 'Low mood keeping them from work',
        goals: [
          {
            description: 'Return to work part time',
            objectives: objectives.map((o) => ({
              id: o.id,
              description: o.description,
              targetDate: '2026-12-30',
              measuredBy: 'Reviewed in session',
              interventions: [{ modality: 'cbt', frequency: { times: 2, per: 'week' }, responsibleStaffId: staffId }],
            })),
          },
        ],
      },
    ],
    schedule: { daysPerWeek: 4, hoursPerDay: 3, expectedWeeks: 8 },
    strengths: 'Keeps a routine',
    dischargeCriteria: 'Objectives met',
  };
}

/** Opens and signs a plan for the episode as `staff`; answers the signed version's number. */
export async function signedPlan(t: TestApp, staff: TestStaff, episodeId: string, content: unknown): Promise<number> {
  const base = `/api/v1/episodes/${episodeId}/treatment-plan/versions`;
  const draft = await t.as(staff, { method: 'POST', url: base, payload: { content } });
  if (draft.statusCode !== 201) throw new Error(`plan draft: ${draft.statusCode} ${draft.body}`);
  const { number, version } = draft.json<{ number: number; version: number }>();
  const signed = await t.as(staff, { method: 'POST', url: `${base}/${number}/sign`, payload: { version } });
  if (signed.statusCode !== 200) throw new Error(`plan sign: ${signed.statusCode} ${signed.body}`);
  return number;
}
