import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { rollSchema } from '@trellis/core';
import { checkedApi } from '../../app/api-client.ts';
import type { RollMarkInput } from '../../api/types.ts';

export const rollKey = (sessionId: string) => ['roll', sessionId] as const;

export function useRoll(sessionId: string, enabled = true) {
  return useQuery({
    queryKey: rollKey(sessionId),
    queryFn: ({ signal }) => checkedApi.get(rollSchema, `/api/v1/sessions/${sessionId}/roll`, undefined, signal),
    staleTime: 0,
    enabled,
  });
}

/** Saves the whole roll; the same Idempotency-Key on a retry means a repeated submit is recorded once. */
export function useSaveRoll(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ entries, idempotencyKey }: { entries: RollMarkInput[]; idempotencyKey: string }) =>
      checkedApi.put(rollSchema, `/api/v1/sessions/${sessionId}/roll`, { entries }, { 'Idempotency-Key': idempotencyKey }),
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
