/** Queries and mutations for participants, their episodes of care, their weekly hours ledger and attendance history. */
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  Discharge,
  PossibleDuplicate,
  PossibleDuplicatesQuery,
  TrackMove,
  TrackPlaces,
} from '@trellis/core';
import { episodeSchema, participantAttendancePageSchema, participantLedgerSchema, participantPageSchema, participantSchema, possibleDuplicateListSchema, trackPlacesSchema } from '@trellis/core';
import { checkedApi } from '../../app/api-client.ts';
import type {
  AdmissionInput,
  Episode,
  ParticipantInput,
} from '../../api/types.ts';

export type ParticipantStatusFilter = 'active' | 'discharged' | 'all';

export const participantKeys = {
  list: (params: { q: string; status: ParticipantStatusFilter; cursor: string | null }) => ['participants', params] as const,
  one: (id: string) => ['participant', id] as const,
  ledger: (id: string) => ['ledger', id] as const,
  /** Under the ledger's key: whatever changes the hours (a roll saved, a session cancelled, a track move) refreshes it too. */
  attendance: (id: string) => ['ledger', id, 'attendance'] as const,
};

export const PAGE_SIZE = 25;

export function useParticipantList(params: { q: string; status: ParticipantStatusFilter; cursor: string | null }) {
  return useQuery({
    queryKey: participantKeys.list(params),
    queryFn: ({ signal }) =>
      checkedApi.get(participantPageSchema, '/api/v1/participants',
        { q: params.q.trim(), status: params.status, cursor: params.cursor, limit: PAGE_SIZE },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useParticipant(id: string) {
  return useQuery({
    queryKey: participantKeys.one(id),
    queryFn: ({ signal }) => checkedApi.get(participantSchema, `/api/v1/participants/${id}`, undefined, signal),
    staleTime: 60_000,
  });
}

export function useParticipantLedger(id: string, enabled = true) {
  return useQuery({
    queryKey: participantKeys.ledger(id),
    queryFn: ({ signal }) => checkedApi.get(participantLedgerSchema, `/api/v1/participants/${id}/ledger`, undefined, signal),
    enabled,
  });
}

export const ATTENDANCE_PAGE_SIZE = 20;

/** The participant's sessions that have begun, newest first, a page at a time. */
export function useParticipantAttendance(id: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: participantKeys.attendance(id),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      checkedApi.get(participantAttendancePageSchema, `/api/v1/participants/${id}/attendance`,
        { cursor: pageParam, limit: ATTENDANCE_PAGE_SIZE },
        signal,
      ),
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

/** After a change to a participant or an episode, every page that shows them must refetch. */
async function refreshParticipant(queryClient: QueryClient, participantId: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: participantKeys.one(participantId) }),
    queryClient.invalidateQueries({ queryKey: participantKeys.ledger(participantId) }),
    queryClient.invalidateQueries({ queryKey: ['participants'] }),
    queryClient.invalidateQueries({ queryKey: ['census'] }),
    queryClient.invalidateQueries({ queryKey: ['sessions'] }),
    queryClient.invalidateQueries({ queryKey: ['roll'] }),
  ]);
}

export function useCreateParticipant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ParticipantInput) => checkedApi.post(participantSchema, '/api/v1/participants', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['participants'] }),
  });
}

export function useUpdateParticipant(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ParticipantInput & { version: number }) => checkedApi.patch(participantSchema, `/api/v1/participants/${id}`, input),
    onSuccess: async (participant) => {
      queryClient.setQueryData(participantKeys.one(id), participant);
      await queryClient.invalidateQueries({ queryKey: ['participants'] });
      await queryClient.invalidateQueries({ queryKey: ['census'] });
    },
  });
}

export function useAdmit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ participantId, input }: { participantId: string; input: AdmissionInput }) =>
      checkedApi.post(episodeSchema, `/api/v1/participants/${participantId}/episodes`, input),
    onSuccess: (episode) => refreshParticipant(queryClient, episode.participantId),
  });
}

export function useMoveTrack() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ episode, body }: { episode: Episode; body: TrackMove }) =>
      checkedApi.post(episodeSchema, `/api/v1/episodes/${episode.id}/track-moves`, body),
    onSuccess: (episode) => refreshParticipant(queryClient, episode.participantId),
  });
}

export function useDischarge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ episode, body }: { episode: Episode; body: Discharge }) =>
      checkedApi.post(episodeSchema, `/api/v1/episodes/${episode.id}/discharge`, body),
    onSuccess: (episode) => refreshParticipant(queryClient, episode.participantId),
  });
}

/** Records with the same names and birth date (the server audits the check); asked before registering someone. */
export function checkPossibleDuplicates(input: PossibleDuplicatesQuery): Promise<PossibleDuplicate[]> {
  return checkedApi.post(possibleDuplicateListSchema, '/api/v1/participants/possible-duplicates', input).then((r) => r.items);
}

/** Places taken and left on a track from a date, asked before a profile is created for an admission. */
export function fetchTrackPlaces(trackId: string, on: string): Promise<TrackPlaces> {
  return checkedApi.get(trackPlacesSchema, `/api/v1/tracks/${trackId}/places`, { on });
}
