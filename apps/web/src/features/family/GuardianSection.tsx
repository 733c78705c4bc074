import { useState } from 'react';
import { Alert, Button, Card, Group, List, Select, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  CONSENT_CATEGORY_LABELS,
  FAMILY_RELATIONSHIP_LABELS,
  FAMILY_RELATIONSHIPS,
  guardianFamilyMemberInputSchema,
  type FamilyMe,
  type FamilyMember,
  type GuardianFamily,
} from '@trellis/core';
import { coreRequestForm } from '../../app/core-form.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { formatDate } from '../../app/format.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { ConsentModal } from './ConsentModal.tsx';
import { useGuardianAddMember, useGuardianFamily, useGuardianRevokeConsent } from './api.ts';

interface MemberDraft {
  name: string;
  relationship: string;
  email: string;
}
const memberForm = coreRequestForm(guardianFamilyMemberInputSchema, (v: MemberDraft) => ({ ...v, relationship: v.relationship || undefined }), {
  whenEmpty: { name: 'Enter their name', relationship: 'Choose how they are related' },
});

function consentWords(m: FamilyMember): string {
  const c = m.consent;
  if (!c) return 'No consent recorded: they see nothing.';
  if (!c.inForce) return c.revokedAt ? `Consent revoked on ${formatDate(c.revokedAt.slice(0, 10))}: they see nothing.` : 'Consent ended: they see nothing.';
  return `May see: ${c.categories.map((k) => CONSENT_CATEGORY_LABELS[k].toLowerCase()).join(', ')} (${c.programName}), until ${formatDate(c.endsOn)}.`;
}

function AddMember() {
  const add = useGuardianAddMember();
  const form = useForm<MemberDraft>({ initialValues: { name: '', relationship: '', email: '' }, validate: memberForm.validate });
  const submit = form.onSubmit((values) =>
    add.mutate(memberForm.request(values), {
      onSuccess: () => form.reset(),
      onError: (error) => applyFieldErrors(form, error, ['name', 'relationship', 'email']),
    }),
  );
  return (
    <form onSubmit={submit} noValidate aria-labelledby="add-member-heading">
      <Stack gap="sm">
        {/* Named on screen: on a phone the fields follow the member cards, and read as theirs without it. */}
        <Title order={4} size="h6" id="add-member-heading">
          Add a family member
        </Title>
        <TextInput size="md" label="Name" required {...form.getInputProps('name')} />
        <Select
          size="md"
          label="Relationship"
          required
          data={FAMILY_RELATIONSHIPS.map((r) => ({ value: r, label: FAMILY_RELATIONSHIP_LABELS[r] }))}
          {...form.getInputProps('relationship')}
        />
        <TextInput size="md" type="email" label="Email (optional)" {...form.getInputProps('email')} />
        {add.isError && <ProblemAlert error={add.error} title="The family member was not added" />}
        <Button type="submit" size="md" variant="light" loading={add.isPending}>
          Add family member
        </Button>
      </Stack>
    </form>
  );
}

function Members({ family, me, today }: { family: GuardianFamily; me: FamilyMe; today: string }) {
  const [consentFor, setConsentFor] = useState<FamilyMember | null>(null);
  const [revoking, setRevoking] = useState<FamilyMember | null>(null);
  const revoke = useGuardianRevokeConsent();
  const closeRevoke = () => {
    revoke.reset();
    setRevoking(null);
  };
  return (
    <Stack gap="sm">
      {family.items.map((m) => {
        const own = m.name === me.name && m.isGuardian;
        return (
          <Card key={m.id} withBorder padding="sm" component="article" aria-label={m.name}>
            <Text fw={600}>
              {m.name}
              {own ? ' (you)' : ''}
            </Text>
            <Text size="sm" c="dimmed">
              {FAMILY_RELATIONSHIP_LABELS[m.relationship]}
              {m.isGuardian ? ' · guardian' : ''}
            </Text>
            <Text size="sm" mt={4}>
              {consentWords(m)}
            </Text>
            {!own && family.programs.length > 0 && (
              <Group gap="xs" mt="xs">
                <Button size="sm" variant="light" onClick={() => setConsentFor(m)}>
                  {m.consent?.inForce ? 'Change consent' : 'Record consent'}
                </Button>
                {m.consent?.inForce && (
                  <Button size="sm" variant="default" color="red" onClick={() => setRevoking(m)}>
                    Revoke consent
                  </Button>
                )}
              </Group>
            )}
          </Card>
        );
      })}
      <ConfirmModal
        opened={revoking !== null}
        title="Revoke consent?"
        confirmLabel="Revoke consent"
        destructive
        loading={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSuccess: closeRevoke })}
        onClose={closeRevoke}
      >
        {revoking ? `${revoking.name} will see nothing from their next visit. A new consent can be recorded later.` : ''}
      </ConfirmModal>
      {consentFor && (
        <ConsentModal
          guardian
          participantId=""
          participantName={family.participantName}
          member={consentFor}
          programs={family.programs.map((p) => ({ ...p, part2: false }))}
          today={today}
          onClose={() => setConsentFor(null)}
        />
      )}
    </Stack>
  );
}

/**
 * What a minor's guardian may do in the family portal, and doing it: the adolescent's family members and, for each, a
 * consent. Once the participant is an adult the server refuses, and this says why.
 */
export function GuardianSection({ me, today }: { me: FamilyMe; today: string }) {
  const family = useGuardianFamily(me.guardian.status === 'guardian');
  if (me.guardian.status === 'not_guardian') return null;
  if (me.guardian.status === 'refused') {
    return (
      <Alert color="gray" variant="light" title="Guardian rights have ended">
        {me.guardian.reason}
      </Alert>
    );
  }
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="guardian-heading">
      <Title order={2} size="h4" id="guardian-heading" mb="xs">
        As {me.participantName}’s guardian
      </Title>
      <Text size="sm" fw={600}>
        You may
      </Text>
      <List size="sm" spacing={4} mb="xs">
        {me.guardian.may.map((line) => (
          <List.Item key={line}>{line}</List.Item>
        ))}
      </List>
      <Text size="sm" fw={600}>
        Not here
      </Text>
      <List size="sm" spacing={4} mb="md">
        {me.guardian.mayNot.map((line) => (
          <List.Item key={line}>{line}</List.Item>
        ))}
      </List>
      <Title order={3} size="h5" mb="xs">
        Family members
      </Title>
      {family.isPending ? (
        <Skeleton h={80} />
      ) : family.isError ? (
        <ProblemAlert error={family.error} title="The family members could not be loaded" onRetry={() => void family.refetch()} />
      ) : (
        <Stack gap="md">
          <Members family={family.data} me={me} today={today} />
          <AddMember />
        </Stack>
      )}
    </Card>
  );
}
