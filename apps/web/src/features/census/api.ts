import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';
import type { Census } from '../../api/types.ts';

export interface CensusFilters {
  programId?: string | null;
  trackId?: string | null;
  clinicianId?: string | null;
  /** Monday of the program week; the server's current week when absent. */
  week?: string | null;
}

export function useCensus(filters: CensusFilters) {
  return useQuery({
    queryKey: ['census', filters],
    queryFn: ({ signal }) =>
      api.get<Census>(
        '/api/v1/census',
        { programId: filters.programId, trackId: filters.trackId, clinicianId: filters.clinicianId, week: filters.week },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}
