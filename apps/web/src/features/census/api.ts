import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { censusSchema } from '@trellis/core';
import { checkedApi } from '../../app/api-client.ts';

export interface CensusFilters {
  programId?: string | null;
  trackId?: string | null;
  clinicianId?: string | null;
  /** Monday of the program week; the server's current week when absent. */
  week?: string | null;
}

export function useCensus(filters: CensusFilters, options: { enabled?: boolean } = {}) {
  return useQuery({
    enabled: options.enabled ?? true,
    queryKey: ['census', filters],
    queryFn: ({ signal }) =>
      checkedApi.get(censusSchema, '/api/v1/census',
        { programId: filters.programId, trackId: filters.trackId, clinicianId: filters.clinicianId, week: filters.week },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}
