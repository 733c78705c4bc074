/** A synthetic treatment plan and the server's answers about it, for the plan pages' tests. */
import type { PlanVersionView, TreatmentPlanOverview } from '@trellis/core';
import { DIRECTOR } from '../../test/fixtures.ts';

export const EPISODE_ID = '77777777-7777-4777-8777-777777777777';
export const OBJECTIVE_ID = '7c1e0a52-3c0e-4d7e-9a51-1f1f7f0c0a01';

export const CLINICIAN_ME = {
  ...DIRECTOR,
  id: 'user-cl-1',
  name: 'Cam Clinician',
  role: 'clinician',
  permissions: ['participant.read', 'clinical-note.read', 'treatment-plan.write', 'note.sign', 'staff.read'],
};

export const planContent = {
  effectiveOn: '2026-11-16',
  problems: [
    {
      description: 'Low mood keeping them from work',
      goals: [
        {
          description: 'Return to work part time',
          objectives: [
            {
              id: OBJECTIVE_ID,
              description: 'Use an activation schedule five days a week',
              targetDate: '2026-12-16',
              measuredBy: 'Activity log',
              interventions: [{ modality: 'cbt' as const, description: null, frequency: { times: 2, per: 'week' as const }, responsibleStaffId: 'user-cl-1' }],
            },
          ],
        },
      ],
    },
  ],
  schedule: { daysPerWeek: 4, hoursPerDay: 3, expectedWeeks: 8 },
  strengths: 'Supportive partner',
  dischargeCriteria: 'Back at work two days a week',
};

export function draftVersion(version: number, change: Partial<typeof planContent> = {}): PlanVersionView {
  return {
    episodeId: EPISODE_ID,
    number: 1,
    status: 'draft',
    content: { ...planContent, ...change },
    weeklyHours: 12,
    contentHash: null,
    version,
    createdBy: { id: 'user-cl-1', name: 'Cam Clinician' },
    createdAt: '2026-11-18T15:00:00.000Z',
    updatedBy: { id: 'user-cl-1', name: 'Cam Clinician' },
    updatedAt: '2026-11-18T15:00:00.000Z',
    signedAt: null,
    signatures: [],
    missingSignatures: ['clinician', 'participant'],
  };
}

export function overviewWith(draft: PlanVersionView | null): TreatmentPlanOverview {
  return {
    episodeId: EPISODE_ID,
    today: '2026-11-18',
    settings: { reviewIntervalDays: 30, supervisorSignOff: false, certificationRequired: false },
    programRange: { minHours: 9, maxHours: 19 },
    versions: draft
      ? [{ number: draft.number, status: draft.status, weeklyHours: 12, createdAt: draft.createdAt, signedAt: null, missingSignatures: draft.missingSignatures, effectiveOn: draft.content.effectiveOn }]
      : [],
    current: null,
    draft,
    reviews: [],
    nextReview: null,
  };
}
