/**
 * Family access: the staff side on the participant's page (members, consents, invitations, the accounting of
 * disclosures), the participant's own accounting, and the family portal's calls. Every answer is parsed with the schema
 * the server answers with; the family portal's calls take no ids.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  familyAttendanceSchema,
  familyEducationSchema,
  familyMeSchema,
  familyMemberListSchema,
  familyMemberSchema,
  familyPlanGoalsSchema,
  familySessionsSchema,
  guardianFamilySchema,
  part2DisclosureListSchema,
  type GuardianFamilyMemberInput,
  type FamilyConsentInput,
  type FamilyMemberInput,
  type FamilyMemberUpdate,
} from '@trellis/core';
import { apiRequest, checkedApi } from '../../app/api-client.ts';

const membersKey = (participantId: string) => ['participants', participantId, 'family-members'] as const;
const disclosuresKey = (participantId: string) => ['participants', participantId, 'disclosures'] as const;

export function useFamilyMembers(participantId: string) {
  return useQuery({
    queryKey: membersKey(participantId),
    queryFn: ({ signal }) =>
      checkedApi.get(familyMemberListSchema, `/api/v1/participants/${participantId}/family-members`, undefined, signal),
  });
}

/** One change to a member (add, edit, consent, revoke, invite): the answer is the member as it now is. */
function useMemberChange<I>(participantId: string, send: (input: I) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => client.invalidateQueries({ queryKey: membersKey(participantId) }),
  });
}

const base = (participantId: string) => `/api/v1/participants/${participantId}/family-members`;

export function useSaveFamilyMember(participantId: string) {
  return useMemberChange(
    participantId,
    (change: { memberId: null; input: FamilyMemberInput } | { memberId: string; input: FamilyMemberUpdate }) =>
      change.memberId
        ? checkedApi.put(familyMemberSchema, `${base(participantId)}/${change.memberId}`, change.input)
        : checkedApi.post(familyMemberSchema, base(participantId), change.input),
  );
}

export function useRecordConsent(participantId: string) {
  return useMemberChange(participantId, ({ memberId, input }: { memberId: string; input: FamilyConsentInput }) =>
    checkedApi.post(familyMemberSchema, `${base(participantId)}/${memberId}/consent`, input),
  );
}

export function useRevokeConsent(participantId: string) {
  return useMemberChange(participantId, (memberId: string) =>
    checkedApi.post(familyMemberSchema, `${base(participantId)}/${memberId}/consent/revocation`),
  );
}

export function useInviteFamilyMember(participantId: string) {
  return useMemberChange(participantId, (memberId: string) =>
    checkedApi.post(familyMemberSchema, `${base(participantId)}/${memberId}/invitation`),
  );
}

export function useDisclosures(participantId: string) {
  return useQuery({
    queryKey: disclosuresKey(participantId),
    queryFn: ({ signal }) =>
      checkedApi.get(part2DisclosureListSchema, `/api/v1/participants/${participantId}/disclosures`, undefined, signal),
  });
}

/** The signed-in participant's own accounting of disclosures. */
export function useOwnDisclosures() {
  return useQuery({
    queryKey: ['portal', 'disclosures'],
    queryFn: ({ signal }) => checkedApi.get(part2DisclosureListSchema, '/api/v1/portal/disclosures', undefined, signal),
  });
}

// ---- The family portal ----

/** Who is signed in to the family portal; a 401 means nobody (the layout sends them to the family sign-in). */
export function useFamilyMe() {
  return useQuery({
    queryKey: ['family', 'me'],
    queryFn: ({ signal }) =>
      apiRequest<unknown>('/api/v1/family/me', { signal, ignoreUnauthenticated: true }).then((d) =>
        familyMeSchema.parse(d),
      ),
    staleTime: 60_000,
  });
}

export const useFamilySessions = () =>
  useQuery({
    queryKey: ['family', 'sessions'],
    queryFn: ({ signal }) => checkedApi.get(familySessionsSchema, '/api/v1/family/sessions', undefined, signal),
  });
export const useFamilyAttendance = () =>
  useQuery({
    queryKey: ['family', 'attendance'],
    queryFn: ({ signal }) => checkedApi.get(familyAttendanceSchema, '/api/v1/family/attendance', undefined, signal),
  });
export const useFamilyEducation = () =>
  useQuery({
    queryKey: ['family', 'education'],
    queryFn: ({ signal }) => checkedApi.get(familyEducationSchema, '/api/v1/family/education', undefined, signal),
  });
export const useFamilyPlanGoals = () =>
  useQuery({
    queryKey: ['family', 'plan-goals'],
    queryFn: ({ signal }) => checkedApi.get(familyPlanGoalsSchema, '/api/v1/family/plan-goals', undefined, signal),
  });

// ---- A guardian in the family portal ----

const guardianKey = ['family', 'guardian', 'family-members'] as const;
const guardianBase = '/api/v1/family/guardian/family-members';

/** For a minor's guardian: the participant's family members and consents, and the programs a consent may name. */
export const useGuardianFamily = (enabled: boolean) =>
  useQuery({
    queryKey: guardianKey,
    queryFn: ({ signal }) => checkedApi.get(guardianFamilySchema, guardianBase, undefined, signal),
    enabled,
  });

function useGuardianChange<I>(send: (input: I) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: send, onSuccess: () => client.invalidateQueries({ queryKey: guardianKey }) });
}

export const useGuardianAddMember = () =>
  useGuardianChange((input: GuardianFamilyMemberInput) => checkedApi.post(familyMemberSchema, guardianBase, input));
export const useGuardianRecordConsent = () =>
  useGuardianChange(({ memberId, input }: { memberId: string; input: FamilyConsentInput }) =>
    checkedApi.post(familyMemberSchema, `${guardianBase}/${memberId}/consent`, input),
  );
export const useGuardianRevokeConsent = () =>
  useGuardianChange((memberId: string) => checkedApi.post(familyMemberSchema, `${guardianBase}/${memberId}/consent/revocation`));
