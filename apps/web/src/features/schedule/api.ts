import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionKind } from '@trellis/core';
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

export interface NewSessionInput {
  trackId: string;
  localDate: string;
  startTime: string;
  endTime: string;
  title: string;
  kind: SessionKind;
  facilitatorId?: string;
  roomId?: string;
  capacity?: number;
  /** A chosen roster: only these participants are expected (RosterPicker). */
  participantIds?: string[];
}

export function useCreateSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewSessionInput) => checkedApi.post(sessionSummarySchema, '/api/v1/sessions', input),
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
    mutationFn: ({ id, reason }: { id: string; reason: string }) => checkedApi.post(sessionSummarySchema, `/api/v1/sessions/${id}/cancel`, { reason }),
    onSuccess: async (session) => {
      await queryClient.invalidateQueries({ queryKey: ['sessions'] });
      await queryClient.invalidateQueries({ queryKey: ['roll', session.id] });
      await queryClient.invalidateQueries({ queryKey: ['census'] });
      await queryClient.invalidateQueries({ queryKey: ['ledger'] });
    },
  });
}
