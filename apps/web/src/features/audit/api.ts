import { useInfiniteQuery } from '@tanstack/react-query';
import { auditPageSchema } from '@trellis/core';
import { checkedApi } from '../../app/api-client.ts';

export interface AuditFilters {
  participantId: string | null;
  userId: string | null;
  /** Local calendar dates; the range covers both days entirely, in the reader's zone. */
  from: string | null;
  to: string | null;
}

function startOfLocalDay(date: string, addDays = 0): Date {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  return new Date(y, m - 1, d + addDays);
}

export function useAuditEvents(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit', filters],
    initialPageParam: null as number | null,
    queryFn: ({ pageParam, signal }) =>
      checkedApi.get(
        auditPageSchema,
        '/api/v1/audit',
        {
          participantId: filters.participantId,
          userId: filters.userId,
          from: filters.from ? startOfLocalDay(filters.from).toISOString() : null,
          // Through the end of the last day chosen.
          to: filters.to ? new Date(startOfLocalDay(filters.to, 1).getTime() - 1).toISOString() : null,
          cursor: pageParam,
          limit: 50,
        },
        signal,
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
}
