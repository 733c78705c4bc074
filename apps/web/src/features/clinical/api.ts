/** Queries and mutations of an episode's clinical record: its level-of-care history. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { levelOfCareAssessmentViewSchema, levelOfCareHistorySchema, type LevelOfCareAssessmentInput } from '@trellis/core';
import { checkedApi } from '../../app/api-client.ts';

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
