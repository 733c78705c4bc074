import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  acknowledgementReportSchema,
  outcomesReportSchema,
  participantMeasuresSchema,
  type AckPeriod,
  type OutcomeEpisodeStatus,
  type OutcomeGrouping,
} from '@trellis/core';
import { checkedApi } from '../../app/api-client.ts';

export interface OutcomeFilters {
  programId: string | null;
  status: OutcomeEpisodeStatus;
  groupBy: OutcomeGrouping;
  /** Discharge dates (discharged only); the server's year to today when absent. */
  from: string | null;
  to: string | null;
}

export function useOutcomes(filters: OutcomeFilters) {
  const discharged = filters.status === 'discharged';
  return useQuery({
    queryKey: ['outcomes', filters],
    queryFn: ({ signal }) =>
      checkedApi.get(
        outcomesReportSchema,
        '/api/v1/outcomes',
        {
          programId: filters.programId,
          status: filters.status,
          groupBy: filters.groupBy,
          from: discharged ? filters.from : null,
          to: discharged ? filters.to : null,
        },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useAcknowledgementReport(filters: { programId: string | null; period: AckPeriod }) {
  return useQuery({
    queryKey: ['time-to-acknowledgement', filters],
    queryFn: ({ signal }) =>
      checkedApi.get(acknowledgementReportSchema, '/api/v1/outcomes/time-to-acknowledgement', { programId: filters.programId, period: filters.period }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useParticipantMeasures(participantId: string) {
  return useQuery({
    queryKey: ['participant-measures', participantId],
    queryFn: ({ signal }) => checkedApi.get(participantMeasuresSchema, `/api/v1/participants/${participantId}/measures`, undefined, signal),
  });
}
