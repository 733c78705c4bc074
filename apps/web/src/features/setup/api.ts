/** Queries and mutations for program setup: sites, rooms, programs, tracks and staff. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { facilitatorClashListSchema, programListSchema, programSchema, roomListSchema, roomSchema, siteListSchema, siteSchema, staffListSchema, trackListSchema, trackSchema } from '@trellis/core';
import { checkedApi } from '../../app/api-client.ts';
import type { TrackBlockDraft } from '../../api/types.ts';
import type { FacilitatorClashCheck, Focus, LevelOfCare, Population, StaffRole } from '@trellis/core';

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

export interface SiteInput {
  name: string;
  timeZone: string;
  address: string | null;
}

export function useSaveSite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, input }: { id?: string; version?: number; input: SiteInput }) =>
      id ? checkedApi.patch(siteSchema, `/api/v1/sites/${id}`, { version, ...input }) : checkedApi.post(siteSchema, '/api/v1/sites', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: setupKeys.sites }),
  });
}

export interface RoomInput {
  siteId: string;
  name: string;
  kind: 'physical' | 'virtual';
  capacity: number | null;
  meetingUrl: string | null;
  active: boolean;
}

export function useSaveRoom() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, input }: { id?: string; version?: number; input: RoomInput }) => {
      if (id) {
        const { name, capacity, meetingUrl, active } = input;
        return checkedApi.patch(roomSchema, `/api/v1/rooms/${id}`, { version, name, capacity, meetingUrl, active });
      }
      const { siteId, name, kind, capacity, meetingUrl } = input;
      return checkedApi.post(roomSchema, '/api/v1/rooms', {
        siteId,
        name,
        kind,
        ...(capacity !== null ? { capacity } : {}),
        ...(meetingUrl ? { meetingUrl } : {}),
      });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['rooms'] }),
  });
}

export interface ProgramInput {
  siteId: string;
  name: string;
  levelOfCare: LevelOfCare;
  population: Population;
  focus: Focus;
  minWeeklyHours: number;
  maxWeeklyHours: number | null;
  perDiemMinHours: number;
  active: boolean;
}

export function useSaveProgram() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, input }: { id?: string; version?: number; input: ProgramInput }) => {
      if (id) return checkedApi.patch(programSchema, `/api/v1/programs/${id}`, { version, ...input });
      const { active: _active, ...create } = input;
      return checkedApi.post(programSchema, '/api/v1/programs', create);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: setupKeys.programs });
      await queryClient.invalidateQueries({ queryKey: ['census'] });
    },
  });
}

export interface TrackInput {
  programId: string;
  name: string;
  active: boolean;
  blocks: TrackBlockDraft[];
}

export function useSaveTrack() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, input }: { id?: string; version?: number; input: TrackInput }) => {
      if (id) return checkedApi.put(trackSchema, `/api/v1/tracks/${id}`, { version, name: input.name, active: input.active, blocks: input.blocks });
      return checkedApi.post(trackSchema, '/api/v1/tracks', { programId: input.programId, name: input.name, blocks: input.blocks });
    },
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
