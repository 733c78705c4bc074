import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrganisationSecurity, OutboxMessage, StaffAccount, StaffAccountUpdate, StaffInvitation } from '@trellis/core';
import { api } from '../../app/api-client.ts';

const keys = {
  accounts: ['staff-accounts'] as const,
  outbox: ['outbox'] as const,
  security: ['organisation-security'] as const,
};

export function useStaffAccounts() {
  return useQuery({
    queryKey: keys.accounts,
    queryFn: async ({ signal }) => (await api.get<{ items: StaffAccount[] }>('/api/v1/staff-accounts', undefined, signal)).items,
  });
}

export function useOutbox() {
  return useQuery({
    queryKey: keys.outbox,
    queryFn: async ({ signal }) => (await api.get<{ items: OutboxMessage[] }>('/api/v1/outbox', undefined, signal)).items,
  });
}

export function useSecurity() {
  return useQuery({
    queryKey: keys.security,
    queryFn: ({ signal }) => api.get<OrganisationSecurity>('/api/v1/organisation/security', undefined, signal),
  });
}

/** After any account change: the list, the outbox and everyone's staff pickers are stale. */
function useRefresh() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: keys.accounts });
    void client.invalidateQueries({ queryKey: keys.outbox });
    void client.invalidateQueries({ queryKey: ['staff'] });
  };
}

export function useInviteStaff() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: StaffInvitation) => api.post<StaffAccount>('/api/v1/staff-accounts', input), onSuccess: refresh });
}

export function useUpdateStaff() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: StaffAccountUpdate }) => api.patch<StaffAccount>(`/api/v1/staff-accounts/${id}`, input),
    onSuccess: refresh,
  });
}

export function useSetActive() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      api.post<StaffAccount>(`/api/v1/staff-accounts/${id}/${active ? 'reactivate' : 'deactivate'}`),
    onSuccess: refresh,
  });
}

export function useResetPassword() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => api.post<{ sent: true }>(`/api/v1/staff-accounts/${id}/password-reset`), onSuccess: refresh });
}

export function useSaveSecurity() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: OrganisationSecurity) => api.put<OrganisationSecurity>('/api/v1/organisation/security', input),
    onSuccess: (saved) => client.setQueryData(keys.security, saved),
  });
}
