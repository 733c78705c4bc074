/** A participant's safety plan: the latest version with the list of versions, one version, and saving the next. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { safetyPlanVersionSchema, safetyPlanViewSchema, type SafetyPlanSave } from '@trellis/core';
import { checkedApi } from '../../app/api-client.ts';

const path = (participantId: string) => `/api/v1/participants/${participantId}/safety-plan`;
export const safetyPlanKeys = {
  view: (participantId: string) => ['safety-plan', participantId] as const,
  version: (participantId: string, version: number) => ['safety-plan', participantId, version] as const,
};

export function useSafetyPlan(participantId: string) {
  return useQuery({
    queryKey: safetyPlanKeys.view(participantId),
    queryFn: ({ signal }) => checkedApi.get(safetyPlanViewSchema, path(participantId), undefined, signal),
  });
}

export function useSafetyPlanVersion(participantId: string, version: number | null) {
  return useQuery({
    queryKey: safetyPlanKeys.version(participantId, version ?? 0),
    queryFn: ({ signal }) => checkedApi.get(safetyPlanVersionSchema, `${path(participantId)}/versions/${version}`, undefined, signal),
    enabled: version !== null,
  });
}

export function useSaveSafetyPlan(participantId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SafetyPlanSave) => checkedApi.put(safetyPlanVersionSchema, path(participantId), input),
    onSuccess: () => client.invalidateQueries({ queryKey: safetyPlanKeys.view(participantId) }),
  });
}
