/** Calls of measure administration: one-time links (public and staff), check-ins, the due list. Answers are parsed. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  checkInListSchema,
  dueLinksCreatedSchema,
  dueListSchema,
  measureLinkCreatedSchema,
  publicMeasureLinkSchema,
  publicMeasureReceiptSchema,
  storedCheckInSchema,
  type CheckIn,
  type MeasureLinkKind,
} from '@trellis/core';
import { checkedApi } from '../../app/api-client.ts';

const publicPath = (token: string) => `/api/v1/public/measure-links/${encodeURIComponent(token)}`;

export function usePublicMeasureLink(token: string) {
  return useQuery({
    queryKey: ['public', 'measure-link', token],
    queryFn: ({ signal }) => checkedApi.get(publicMeasureLinkSchema, publicPath(token), undefined, signal),
    staleTime: Infinity,
    retry: false,
  });
}

/** The participant's answer: `{ answers }` for an instrument, the check-in's fields for a check-in. */
export function sendLinkAnswer(token: string, body: Record<string, unknown>) {
  return checkedApi.post(publicMeasureReceiptSchema, publicPath(token), body);
}

export const measureKeys = {
  due: (clinicianId: string | null) => ['measures', 'due', clinicianId] as const,
  checkIns: (participantId: string) => ['check-ins', participantId] as const,
};

export function useDueList(clinicianId: string | null) {
  return useQuery({
    queryKey: measureKeys.due(clinicianId),
    queryFn: ({ signal }) => checkedApi.get(dueListSchema, '/api/v1/measures/due', { clinicianId }, signal),
  });
}

export function useCreateDueLinks() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (clinicianId: string | null) => checkedApi.post(dueLinksCreatedSchema, '/api/v1/measures/due/links', clinicianId ? { clinicianId } : {}),
    onSuccess: () => client.invalidateQueries({ queryKey: ['measures', 'due'] }),
  });
}

export function useCreateLink() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { episodeId: string; instrument: MeasureLinkKind }) =>
      checkedApi.post(measureLinkCreatedSchema, `/api/v1/episodes/${input.episodeId}/measure-links`, { instrument: input.instrument }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['measures', 'due'] }),
  });
}

export function useCheckIns(participantId: string) {
  return useQuery({
    queryKey: measureKeys.checkIns(participantId),
    queryFn: ({ signal }) => checkedApi.get(checkInListSchema, `/api/v1/participants/${participantId}/check-ins`, undefined, signal),
  });
}

export function useEnterCheckIn(participantId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { episodeId: string; checkIn: CheckIn; idempotencyKey: string }) =>
      checkedApi.post(storedCheckInSchema, `/api/v1/episodes/${input.episodeId}/check-ins`, input.checkIn, { 'Idempotency-Key': input.idempotencyKey }),
    onSuccess: () => client.invalidateQueries({ queryKey: measureKeys.checkIns(participantId) }),
  });
}

/** The address a participant opens, on this app's own origin. */
export function linkUrl(path: string): string {
  return `${window.location.origin}${path}`;
}
