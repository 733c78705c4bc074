/** Queries and mutations of an episode's clinical record: its level-of-care history. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  diagnosisListSchema,
  diagnosisViewSchema,
  icd10SearchResultSchema,
  levelOfCareAssessmentViewSchema,
  levelOfCareHistorySchema,
  type diagnosisCreateSchema,
  type LevelOfCareAssessmentInput,
} from '@trellis/core';
import type { z } from 'zod';
import { checkedApi } from '../../app/api-client.ts';

/** A diagnosis as the form sends it (before the server fills a listed code's description). */
export type DiagnosisCreateInput = z.input<typeof diagnosisCreateSchema>;

export const clinicalKeys = {
  levelOfCare: (episodeId: string) => ['level-of-care', episodeId] as const,
};

export function useLevelOfCareHistory(episodeId: string) {
  return useQuery({
    queryKey: clinicalKeys.levelOfCare(episodeId),
    queryFn: ({ signal }) => checkedApi.get(levelOfCareHistorySchema, `/api/v1/episodes/${episodeId}/level-of-care`, undefined, signal),
  });
}

export function useAssessLevelOfCare(episodeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: LevelOfCareAssessmentInput) =>
      checkedApi.post(levelOfCareAssessmentViewSchema, `/api/v1/episodes/${episodeId}/level-of-care`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: clinicalKeys.levelOfCare(episodeId) }),
  });
}

export const diagnosisKeys = {
  list: (episodeId: string) => ['diagnoses', episodeId] as const,
  search: (q: string) => ['icd10-codes', q] as const,
};

export function useDiagnoses(episodeId: string) {
  return useQuery({
    queryKey: diagnosisKeys.list(episodeId),
    queryFn: ({ signal }) => checkedApi.get(diagnosisListSchema, `/api/v1/episodes/${episodeId}/diagnoses`, undefined, signal),
  });
}

/** The bundled common F-codes matching what has been typed (nothing until something is). */
export function useCodeSearch(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: diagnosisKeys.search(query),
    queryFn: ({ signal }) => checkedApi.get(icd10SearchResultSchema, '/api/v1/icd10-codes', { q: query }, signal),
    enabled: query.length > 0,
    staleTime: Infinity,
  });
}

export function useAddDiagnosis(episodeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: DiagnosisCreateInput) => checkedApi.post(diagnosisViewSchema, `/api/v1/episodes/${episodeId}/diagnoses`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: diagnosisKeys.list(episodeId) }),
  });
}
