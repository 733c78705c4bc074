import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { applyRollSaved, rollSavedSchema, rollSchema, type Roll } from '@trellis/core';
import { checkedApi } from '../../app/api-client.ts';
import type { RollMarkInput } from '../../api/types.ts';

export const rollKey = (sessionId: string) => ['roll', sessionId] as const;

const fetchRoll = (sessionId: string, signal?: AbortSignal) =>
  checkedApi.get(rollSchema, `/api/v1/sessions/${sessionId}/roll`, undefined, signal);

export function useRoll(sessionId: string, enabled = true) {
  return useQuery({
    queryKey: rollKey(sessionId),
    queryFn: ({ signal }) => fetchRoll(sessionId, signal),
    staleTime: 0,
    enabled,
  });
}

/**
 * Saves the whole roll; the same Idempotency-Key on a retry means a repeated submit is recorded once. The server
 * answers only the marks that changed and the roll's counts: they are applied to the roll this page holds, and the
 * mutation gives the roll as saved.
 */
export function useSaveRoll(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ entries, idempotencyKey }: { entries: RollMarkInput[]; idempotencyKey: string }): Promise<Roll> => {
      const saved = await checkedApi.put(rollSavedSchema, `/api/v1/sessions/${sessionId}/roll`, { entries }, { 'Idempotency-Key': idempotencyKey });
      const held = queryClient.getQueryData<Roll>(rollKey(sessionId));
      // Nothing held to apply the answer to (the page always holds it; just in case): read the roll as saved.
      return held ? applyRollSaved(held, saved) : queryClient.fetchQuery({ queryKey: rollKey(sessionId), queryFn: ({ signal }) => fetchRoll(sessionId, signal) });
    },
    onSuccess: async (roll) => {
      queryClient.setQueryData(rollKey(sessionId), roll);
      // Hours changed: the census, every ledger and the schedule's recorded counts must show it.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['census'] }),
        queryClient.invalidateQueries({ queryKey: ['ledger'] }),
        queryClient.invalidateQueries({ queryKey: ['sessions'] }),
        queryClient.invalidateQueries({ queryKey: ['attendance'] }),
      ]);
    },
  });
}
