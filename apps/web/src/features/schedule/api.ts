import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CancelSession, CreateSessionBody, SetCoFacilitators } from '@trellis/core';
import { sessionListSchema, sessionSummarySchema } from '@trellis/core';
import { checkedApi } from '../../app/api-client.ts';

export interface SessionQuery {
  /** With `to`, the local dates to list; without both, the server lists the week under way at the site. */
  from?: string | null;
  to?: string | null;
  siteId?: string | null;
  programId?: string | null;
  trackId?: string | null;
}

export function useSessions(query: SessionQuery | null) {
  return useQuery({
    queryKey: ['sessions', query],
    queryFn: ({ signal }) =>
      checkedApi.get(sessionListSchema, '/api/v1/sessions',
        { from: query?.from, to: query?.to, siteId: query?.siteId, programId: query?.programId, trackId: query?.trackId },
        signal,
      ),
    enabled: !!query,
    placeholderData: keepPreviousData,
  });
}

export function useCreateSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateSessionBody) => checkedApi.post(sessionSummarySchema, '/api/v1/sessions', input),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['sessions'] });
      await queryClient.invalidateQueries({ queryKey: ['census'] });
      await queryClient.invalidateQueries({ queryKey: ['ledger'] });
    },
  });
}

export function useCancelSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: CancelSession }) => checkedApi.post(sessionSummarySchema, `/api/v1/sessions/${id}/cancel`, body),
    onSuccess: async (session) => {
      await queryClient.invalidateQueries({ queryKey: ['sessions'] });
      await queryClient.invalidateQueries({ queryKey: ['roll', session.id] });
      await queryClient.invalidateQueries({ queryKey: ['census'] });
      await queryClient.invalidateQueries({ queryKey: ['ledger'] });
    },
  });
}

/** Replaces a session's co-facilitators; the schedule, the roll and calendars show the new ones. */
export function useSetCoFacilitators() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: SetCoFacilitators }) => checkedApi.put(sessionSummarySchema, `/api/v1/sessions/${id}/co-facilitators`, body),
    onSuccess: async (session) => {
      await queryClient.invalidateQueries({ queryKey: ['sessions'] });
      await queryClient.invalidateQueries({ queryKey: ['roll', session.id] });
    },
  });
}
