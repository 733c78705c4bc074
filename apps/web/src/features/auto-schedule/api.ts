/** Queries and mutations of the weekly auto-scheduler: start a run, follow it while it solves, accept all or part of it. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { scheduleRunSchema, scheduleRunStartedSchema, type ScheduleRunCreate } from '@trellis/core';
import { checkedApi } from '../../app/api-client.ts';

export const scheduleRunKeys = { run: (id: string) => ['schedule-runs', id] as const };

/** How often a queued run is asked about while it solves. */
export const SOLVING_POLL_MS = 1000;

/** A run; asked again every second while it is queued. */
export function useScheduleRun(id: string | null) {
  return useQuery({
    queryKey: scheduleRunKeys.run(id ?? ''),
    queryFn: ({ signal }) => checkedApi.get(scheduleRunSchema, `/api/v1/schedule-runs/${id}`, undefined, signal),
    enabled: !!id,
    refetchInterval: (query) => (query.state.data?.status === 'queued' ? SOLVING_POLL_MS : false),
  });
}

export function useStartScheduleRun() {
  return useMutation({
    mutationFn: (input: ScheduleRunCreate) => checkedApi.post(scheduleRunStartedSchema, '/api/v1/schedule-runs', input),
  });
}

export function useAcceptScheduleRun() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, placementIds }: { id: string; placementIds: string[] }) =>
      checkedApi.post(scheduleRunSchema, `/api/v1/schedule-runs/${id}/accept`, { placementIds }),
    onSuccess: (run) => {
      client.setQueryData(scheduleRunKeys.run(run.id), run);
      void client.invalidateQueries({ queryKey: ['appointments'] });
    },
  });
}
