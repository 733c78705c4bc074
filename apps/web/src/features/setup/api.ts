/** Queries and mutations for program setup: sites, rooms, programs, tracks and staff. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { facilitatorClashListSchema, planSettingsViewSchema, programPublicProfileViewSchema, programListSchema, programSchema, roomListSchema, roomSchema, siteListSchema, siteSchema, staffListSchema, trackListSchema, trackSchema } from '@trellis/core';
import { checkedApi } from '../../app/api-client.ts';
import type {
  CreateProgram,
  CreateRoom,
  CreateSite,
  CreateTrackBody,
  FacilitatorClashCheck,
  PlanSettingsUpdate,
  UpdateProgramPublicProfile,
  StaffRole,
  UpdateProgram,
  UpdateRoom,
  UpdateSite,
  UpdateTrackBody,
} from '@trellis/core';

export const setupKeys = {
  sites: ['sites'] as const,
  rooms: (siteId?: string) => ['rooms', siteId ?? 'all'] as const,
  programs: ['programs'] as const,
  tracks: (programId?: string) => ['tracks', programId ?? 'all'] as const,
  track: (id: string) => ['track', id] as const,
  staff: (role?: StaffRole) => ['staff', role ?? 'all'] as const,
};

export function useSites() {
  return useQuery({
    queryKey: setupKeys.sites,
    queryFn: ({ signal }) => checkedApi.get(siteListSchema, '/api/v1/sites', undefined, signal),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

export function useRooms(siteId?: string) {
  return useQuery({
    queryKey: setupKeys.rooms(siteId),
    queryFn: ({ signal }) => checkedApi.get(roomListSchema, '/api/v1/rooms', { siteId }, signal),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

export function usePrograms() {
  return useQuery({
    queryKey: setupKeys.programs,
    queryFn: ({ signal }) => checkedApi.get(programListSchema, '/api/v1/programs', undefined, signal),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

export function useTracks(programId?: string | null, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: setupKeys.tracks(programId ?? undefined),
    queryFn: ({ signal }) => checkedApi.get(trackListSchema, '/api/v1/tracks', { programId }, signal),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
    enabled: options.enabled ?? true,
  });
}

export function useTrack(id: string | undefined) {
  return useQuery({
    queryKey: setupKeys.track(id ?? ''),
    queryFn: ({ signal }) => checkedApi.get(trackSchema, `/api/v1/tracks/${id ?? ''}`, undefined, signal),
    enabled: !!id,
  });
}

export function useStaff(options: { role?: StaffRole; enabled?: boolean } = {}) {
  return useQuery({
    queryKey: setupKeys.staff(options.role),
    queryFn: ({ signal }) => checkedApi.get(staffListSchema, '/api/v1/staff', { role: options.role }, signal),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
    enabled: options.enabled ?? true,
  });
}

// ---- Writes ----

export function useSaveSite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (save: { id: string; body: UpdateSite } | { id?: undefined; body: CreateSite }) =>
      save.id ? checkedApi.patch(siteSchema, `/api/v1/sites/${save.id}`, save.body) : checkedApi.post(siteSchema, '/api/v1/sites', save.body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: setupKeys.sites }),
  });
}

export function useSaveRoom() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (save: { id: string; body: UpdateRoom } | { id?: undefined; body: CreateRoom }) =>
      save.id ? checkedApi.patch(roomSchema, `/api/v1/rooms/${save.id}`, save.body) : checkedApi.post(roomSchema, '/api/v1/rooms', save.body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['rooms'] }),
  });
}

export function useSaveProgram() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (save: { id: string; body: UpdateProgram } | { id?: undefined; body: CreateProgram }) =>
      save.id ? checkedApi.patch(programSchema, `/api/v1/programs/${save.id}`, save.body) : checkedApi.post(programSchema, '/api/v1/programs', save.body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: setupKeys.programs });
      await queryClient.invalidateQueries({ queryKey: ['census'] });
    },
  });
}

export function useSaveTrack() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (save: { id: string; body: UpdateTrackBody } | { id?: undefined; body: CreateTrackBody }) =>
      save.id ? checkedApi.put(trackSchema, `/api/v1/tracks/${save.id}`, save.body) : checkedApi.post(trackSchema, '/api/v1/tracks', save.body),
    onSuccess: async (track) => {
      queryClient.setQueryData(setupKeys.track(track.id), track);
      await queryClient.invalidateQueries({ queryKey: ['tracks'] });
      await queryClient.invalidateQueries({ queryKey: ['sessions'] });
    },
  });
}

/** Blocks whose facilitator already runs another group at that weekly time: a warning shown while editing. */
export function useFacilitatorClashes(check: FacilitatorClashCheck | null) {
  return useQuery({
    queryKey: ['facilitator-clashes', check],
    queryFn: () => checkedApi.post(facilitatorClashListSchema, '/api/v1/tracks/facilitator-clashes', check),
    select: (data) => data.items,
    enabled: !!check,
    staleTime: 30_000,
  });
}

/** A program's documentation settings: note deadline, plan review cycle, supervisor sign-off, Medicare certification. */
export function usePlanSettings(programId: string) {
  return useQuery({
    queryKey: ['plan-settings', programId],
    queryFn: ({ signal }) => checkedApi.get(planSettingsViewSchema, `/api/v1/programs/${programId}/plan-settings`, undefined, signal),
  });
}

export function useSavePlanSettings(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PlanSettingsUpdate) => checkedApi.put(planSettingsViewSchema, `/api/v1/programs/${programId}/plan-settings`, body),
    onSuccess: (saved) => client.setQueryData(['plan-settings', programId], saved),
  });
}

export function useProgramPublicProfile(programId: string) {
  return useQuery({
    queryKey: ['public-profile', programId],
    queryFn: ({ signal }) => checkedApi.get(programPublicProfileViewSchema, `/api/v1/programs/${programId}/public-profile`, undefined, signal),
  });
}

export function useSaveProgramPublicProfile(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateProgramPublicProfile) => checkedApi.put(programPublicProfileViewSchema, `/api/v1/programs/${programId}/public-profile`, body),
    onSuccess: (saved) => client.setQueryData(['public-profile', programId], saved),
  });
}
