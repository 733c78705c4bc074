/** Queries and mutations of an episode's treatment plan and of physician certification. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  certificationQueueSchema,
  certificationViewSchema,
  planReviewViewSchema,
  planReviewsDueSchema,
  planVersionViewSchema,
  treatmentPlanOverviewSchema,
  type PlanReviewCreate,
  type PlanSignatureCreate,
  type TreatmentPlan,
} from '@trellis/core';
import { checkedApi } from '../../app/api-client.ts';

export const planKeys = {
  overview: (episodeId: string) => ['treatment-plan', episodeId] as const,
  version: (episodeId: string, number: number) => ['treatment-plan', episodeId, 'version', number] as const,
  certifications: () => ['certifications'] as const,
  reviewsDue: () => ['treatment-plan', 'reviews-due'] as const,
};

const base = (episodeId: string) => `/api/v1/episodes/${episodeId}/treatment-plan`;

export function useTreatmentPlan(episodeId: string) {
  return useQuery({
    queryKey: planKeys.overview(episodeId),
    queryFn: ({ signal }) => checkedApi.get(treatmentPlanOverviewSchema, base(episodeId), undefined, signal),
  });
}

export function usePlanVersion(episodeId: string, number: number | null) {
  return useQuery({
    queryKey: planKeys.version(episodeId, number ?? 0),
    queryFn: ({ signal }) => checkedApi.get(planVersionViewSchema, `${base(episodeId)}/versions/${number}`, undefined, signal),
    enabled: number !== null,
  });
}

function useInvalidatePlan(episodeId: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: planKeys.overview(episodeId) });
}

export function useOpenDraft(episodeId: string) {
  const invalidate = useInvalidatePlan(episodeId);
  return useMutation({
    mutationFn: (content: TreatmentPlan) => checkedApi.post(planVersionViewSchema, `${base(episodeId)}/versions`, { content }),
    onSuccess: invalidate,
  });
}

export function useSaveDraft(episodeId: string) {
  const invalidate = useInvalidatePlan(episodeId);
  return useMutation({
    mutationFn: (save: { number: number; version: number; content: TreatmentPlan }) =>
      checkedApi.put(planVersionViewSchema, `${base(episodeId)}/versions/${save.number}`, { version: save.version, content: save.content }),
    onSuccess: invalidate,
  });
}

export function useSignPlan(episodeId: string) {
  const invalidate = useInvalidatePlan(episodeId);
  return useMutation({
    mutationFn: (sign: { number: number; version: number }) =>
      checkedApi.post(planVersionViewSchema, `${base(episodeId)}/versions/${sign.number}/sign`, { version: sign.version }),
    onSuccess: invalidate,
  });
}

export function useAddPlanSignature(episodeId: string) {
  const invalidate = useInvalidatePlan(episodeId);
  return useMutation({
    mutationFn: (add: { number: number; body: PlanSignatureCreate }) =>
      checkedApi.post(planVersionViewSchema, `${base(episodeId)}/versions/${add.number}/signatures`, add.body),
    onSuccess: invalidate,
  });
}

export function useReviewPlan(episodeId: string) {
  const invalidate = useInvalidatePlan(episodeId);
  return useMutation({
    mutationFn: (review: PlanReviewCreate) => checkedApi.post(planReviewViewSchema, `${base(episodeId)}/reviews`, review),
    onSuccess: invalidate,
  });
}

/** Plan reviews due within 7 days and overdue, of the reader's and their supervisees' episodes. */
export function usePlanReviewsDue() {
  return useQuery({
    queryKey: planKeys.reviewsDue(),
    queryFn: ({ signal }) => checkedApi.get(planReviewsDueSchema, '/api/v1/treatment-plans/reviews-due', undefined, signal),
  });
}

export function useCertificationQueue() {
  return useQuery({
    queryKey: planKeys.certifications(),
    queryFn: ({ signal }) => checkedApi.get(certificationQueueSchema, '/api/v1/certifications', undefined, signal),
  });
}

export function useCertify() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (certify: { episodeId: string; sequence: number }) =>
      checkedApi.post(certificationViewSchema, `/api/v1/episodes/${certify.episodeId}/certifications`, { sequence: certify.sequence }),
    onSettled: () => client.invalidateQueries({ queryKey: planKeys.certifications() }),
  });
}
