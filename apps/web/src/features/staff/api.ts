import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  organisationSecuritySchema,
  outboxListSchema,
  passwordResetSentSchema,
  staffAccountListSchema,
  staffAccountSchema,
  type OrganisationSecurity,
  type StaffAccountUpdate,
  type StaffInvitation,
} from '@trellis/core';
import { checkedApi } from '../../app/api-client.ts';

const keys = {
  accounts: ['staff-accounts'] as const,
  outbox: ['outbox'] as const,
  security: ['organisation-security'] as const,
};

export function useStaffAccounts() {
  return useQuery({
    queryKey: keys.accounts,
    queryFn: async ({ signal }) => (await checkedApi.get(staffAccountListSchema, '/api/v1/staff-accounts', undefined, signal)).items,
  });
}

export function useOutbox() {
  return useQuery({
    queryKey: keys.outbox,
    queryFn: async ({ signal }) => (await checkedApi.get(outboxListSchema, '/api/v1/outbox', undefined, signal)).items,
  });
}

export function useSecurity() {
  return useQuery({
    queryKey: keys.security,
    queryFn: ({ signal }) => checkedApi.get(organisationSecuritySchema, '/api/v1/organisation/security', undefined, signal),
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
  return useMutation({ mutationFn: (input: StaffInvitation) => checkedApi.post(staffAccountSchema, '/api/v1/staff-accounts', input), onSuccess: refresh });
}

export function useUpdateStaff() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: StaffAccountUpdate }) => checkedApi.patch(staffAccountSchema, `/api/v1/staff-accounts/${id}`, input),
    onSuccess: refresh,
  });
}

export function useSetActive() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      checkedApi.post(staffAccountSchema, `/api/v1/staff-accounts/${id}/${active ? 'reactivate' : 'deactivate'}`),
    onSuccess: refresh,
  });
}

export function useResetPassword() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => checkedApi.post(passwordResetSentSchema, `/api/v1/staff-accounts/${id}/password-reset`), onSuccess: refresh });
}

export function useSaveSecurity() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: OrganisationSecurity) => checkedApi.put(organisationSecuritySchema, '/api/v1/organisation/security', input),
    onSuccess: (saved) => client.setQueryData(keys.security, saved),
  });
}
