/**
 * The participant portal's calls, and the staff side's "invite to portal". Every answer is parsed with the schema the
 * server answers with. The portal's own calls take no participant id: the server answers for whoever is signed in.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  portalAccountSchema,
  portalInvitationRenewalSchema,
  portalInvitationStateSchema,
  portalMeSchema,
  portalMeasuresSchema,
  portalSkillsSchema,
  skillReadSchema,
  portalTreatmentPlanSchema,
  publicMeasureReceiptSchema,
  portalTreatmentPlansSchema,
  portalWeekSchema,
  relapsePlanViewSchema,
  safetyPlanViewSchema,
  type PortalInvitation,
  type PortalPlanSign,
  type SkillTopicId,
} from '@trellis/core';
import { apiRequest, checkedApi } from '../../app/api-client.ts';

export const portalKeys = {
  me: ['portal', 'me'] as const,
  week: ['portal', 'week'] as const,
  relapsePlan: ['portal', 'relapse-plan'] as const,
  safetyPlan: ['portal', 'safety-plan'] as const,
  treatmentPlans: ['portal', 'treatment-plans'] as const,
  measures: ['portal', 'measures'] as const,
  skills: ['portal', 'skills'] as const,
};

/** Who is signed in to the portal; a 401 means nobody (the layout sends them to the portal's sign-in). */
export function usePortalMe() {
  return useQuery({
    queryKey: portalKeys.me,
    queryFn: ({ signal }) => apiRequest<unknown>('/api/v1/portal/me', { signal, ignoreUnauthenticated: true }).then((d) => portalMeSchema.parse(d)),
    staleTime: 5 * 60_000,
  });
}

export function usePortalWeek() {
  return useQuery({
    queryKey: portalKeys.week,
    queryFn: ({ signal }) => checkedApi.get(portalWeekSchema, '/api/v1/portal/week', undefined, signal),
  });
}

/** The participant's own relapse prevention plan (its latest version; null before the first save). */
export function usePortalRelapsePlan() {
  return useQuery({
    queryKey: portalKeys.relapsePlan,
    queryFn: ({ signal }) => checkedApi.get(relapsePlanViewSchema, '/api/v1/portal/relapse-plan', undefined, signal),
  });
}

/** The participant's own safety plan (its latest version; null before the first save). */
export function usePortalSafetyPlan() {
  return useQuery({
    queryKey: portalKeys.safetyPlan,
    queryFn: ({ signal }) => checkedApi.get(safetyPlanViewSchema, '/api/v1/portal/safety-plan', undefined, signal),
  });
}

/** The participant's treatment plan in force for each current program, in plain words. */
export function usePortalTreatmentPlans() {
  return useQuery({
    queryKey: portalKeys.treatmentPlans,
    queryFn: ({ signal }) => checkedApi.get(portalTreatmentPlansSchema, '/api/v1/portal/treatment-plans', undefined, signal),
  });
}

/** The participant signs the plan they read, named by its content hash. */
export function useSignTreatmentPlan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PortalPlanSign) => checkedApi.post(portalTreatmentPlanSchema, '/api/v1/portal/treatment-plans/signature', body),
    onSuccess: () => client.invalidateQueries({ queryKey: portalKeys.treatmentPlans }),
  });
}

/** Questionnaires due now and where a daily check-in goes. */
export function usePortalMeasures() {
  return useQuery({
    queryKey: portalKeys.measures,
    queryFn: ({ signal }) => checkedApi.get(portalMeasuresSchema, '/api/v1/portal/measures', undefined, signal),
  });
}

/**
 * Answers a questionnaire (`{ answers }`) or checks in, for one of the participant's episodes, under the form's
 * Idempotency-Key: a second tap or a repeat on a flaky connection stores one answer.
 */
export function sendPortalAnswer(episodeId: string, kind: string, body: Record<string, unknown>, idempotencyKey: string) {
  return checkedApi.post(publicMeasureReceiptSchema, `/api/v1/portal/episodes/${episodeId}/measures/${kind}`, body, {
    'Idempotency-Key': idempotencyKey,
  });
}

/** The participant's skills library: topics their programs publish, and homework assigned to them. */
export function usePortalSkills() {
  return useQuery({
    queryKey: portalKeys.skills,
    queryFn: ({ signal }) => checkedApi.get(portalSkillsSchema, '/api/v1/portal/skills', undefined, signal),
  });
}

export function useMarkSkillRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (topic: SkillTopicId) => checkedApi.post(skillReadSchema, `/api/v1/portal/skills/${topic}/read`),
    onSuccess: () => client.invalidateQueries({ queryKey: portalKeys.skills }),
  });
}

export async function signInToPortal(email: string, password: string): Promise<void> {
  await apiRequest('/api/auth/sign-in/email', { method: 'POST', body: { email, password }, ignoreUnauthenticated: true });
}

export async function signOutOfPortal(): Promise<void> {
  await apiRequest('/api/auth/sign-out', { method: 'POST', body: {}, ignoreUnauthenticated: true });
}

export function invitationState(token: string) {
  return checkedApi.get(portalInvitationStateSchema, `/api/v1/public/portal-invitations/${encodeURIComponent(token)}`);
}

export function askForNewInvitation(token: string) {
  return checkedApi.post(portalInvitationRenewalSchema, `/api/v1/public/portal-invitations/${encodeURIComponent(token)}/renewal`);
}

// ---- Staff: the participant's portal account ----

export function usePortalAccount(participantId: string) {
  return useQuery({
    queryKey: ['participants', participantId, 'portal-account'],
    queryFn: ({ signal }) => checkedApi.get(portalAccountSchema, `/api/v1/participants/${participantId}/portal-account`, undefined, signal),
  });
}

export function useInviteToPortal(participantId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PortalInvitation) => checkedApi.post(portalAccountSchema, `/api/v1/participants/${participantId}/portal-invitation`, body),
    onSuccess: (account) => client.setQueryData(['participants', participantId, 'portal-account'], account),
  });
}
