import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { makeUpBookingResultSchema, makeUpOptionsSchema } from '@trellis/core';
import { checkedApi } from '../../app/api-client.ts';

/** The make-up options of a participant's week under way, most hours recovered first. */
export function useMakeUpOptions(participantId: string) {
  return useQuery({
    queryKey: ['make-up-options', participantId],
    queryFn: ({ signal }) => checkedApi.get(makeUpOptionsSchema, `/api/v1/participants/${participantId}/make-up-options`, undefined, signal),
  });
}

/** Everything a booking changes: the census, ledgers, the calendar and rolls. */
async function refreshAfterBooking(queryClient: ReturnType<typeof useQueryClient>, sessionId: string) {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: ['census'] }),
    queryClient.invalidateQueries({ queryKey: ['ledger'] }),
    queryClient.invalidateQueries({ queryKey: ['sessions'] }),
    queryClient.invalidateQueries({ queryKey: ['roll', sessionId] }),
    queryClient.invalidateQueries({ queryKey: ['make-up-options'] }),
  ]);
}

/** Books a participant into a session as a make-up guest. */
export function useBookMakeUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ sessionId, participantId }: { sessionId: string; participantId: string }) =>
      checkedApi.post(makeUpBookingResultSchema, `/api/v1/sessions/${sessionId}/guests`, { participantId }),
    onSuccess: (result) => refreshAfterBooking(queryClient, result.sessionId),
  });
}
