/**
 * The participant portal's calls, and the staff side's "invite to portal". Every answer is parsed with the schema the
 * server answers with. The portal's own calls take no participant id: the server answers for whoever is signed in.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  calendarFeedCreatedSchema,
  calendarFeedStatusSchema,
  portalAccountSchema,
  portalInvitationRenewalSchema,
  portalInvitationStateSchema,
  portalMeSchema,
  portalWeekSchema,
  type PortalInvitation,
} from '@trellis/core';
import { apiRequest, checkedApi } from '../../app/api-client.ts';

export const portalKeys = {
  me: ['portal', 'me'] as const,
  week: ['portal', 'week'] as const,
  feed: ['portal', 'calendar-feed'] as const,
};

/** Who is signed in to the portal; a 401 means nobody (the layout sends them to the portal's sign-in). */
export function usePortalMe() {
  return useQuery({
    queryKey: portalKeys.me,
    queryFn: ({ signal }) => apiRequest<unknown>('/api/v1/portal/me', { signal, ignoreUnauthenticated: true }).then((d) => portalMeSchema.parse(d)),
    staleTime: 5 * 60_000,
  });
}

export function usePortalWeek() {
  return useQuery({
    queryKey: portalKeys.week,
    queryFn: ({ signal }) => checkedApi.get(portalWeekSchema, '/api/v1/portal/week', undefined, signal),
  });
}

export function useFeedStatus() {
  return useQuery({
    queryKey: portalKeys.feed,
    queryFn: ({ signal }) => checkedApi.get(calendarFeedStatusSchema, '/api/v1/portal/calendar-feed', undefined, signal),
  });
}

/** A new private feed address; the earlier one stops working. */
export function useResetFeed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => checkedApi.post(calendarFeedCreatedSchema, '/api/v1/portal/calendar-feed'),
    onSuccess: () => client.invalidateQueries({ queryKey: portalKeys.feed }),
  });
}

export async function signInToPortal(email: string, password: string): Promise<void> {
  await apiRequest('/api/auth/sign-in/email', { method: 'POST', body: { email, password }, ignoreUnauthenticated: true });
}

export async function signOutOfPortal(): Promise<void> {
  await apiRequest('/api/auth/sign-out', { method: 'POST', body: {}, ignoreUnauthenticated: true });
}

export function invitationState(token: string) {
  return checkedApi.get(portalInvitationStateSchema, `/api/v1/public/portal-invitations/${encodeURIComponent(token)}`);
}

export function askForNewInvitation(token: string) {
  return checkedApi.post(portalInvitationRenewalSchema, `/api/v1/public/portal-invitations/${encodeURIComponent(token)}/renewal`);
}

// ---- Staff: the participant's portal account ----

export function usePortalAccount(participantId: string) {
  return useQuery({
    queryKey: ['participants', participantId, 'portal-account'],
    queryFn: ({ signal }) => checkedApi.get(portalAccountSchema, `/api/v1/participants/${participantId}/portal-account`, undefined, signal),
  });
}

export function useInviteToPortal(participantId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PortalInvitation) => checkedApi.post(portalAccountSchema, `/api/v1/participants/${participantId}/portal-invitation`, body),
    onSuccess: (account) => client.setQueryData(['participants', participantId, 'portal-account'], account),
  });
}
