import { useState } from 'react';
import { Badge, Button, Card, Group, Paper, Stack, Text, Title } from '@mantine/core';
import {
  CONSENT_CATEGORY_LABELS,
  FAMILY_RELATIONSHIP_LABELS,
  type EpisodeView,
  type FamilyMember,
  type PortalAccountState,
} from '@trellis/core';
import { formatDate, todayIn } from '../../app/format.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useDisclosures, useFamilyMembers, useInviteFamilyMember, useRevokeConsent } from './api.ts';
import { ConsentModal, type ConsentProgram } from './ConsentModal.tsx';
import { DisclosuresTable } from './DisclosuresTable.tsx';
import { FamilyMemberModal } from './FamilyMemberModal.tsx';

const ACCOUNT_LABELS: Record<PortalAccountState, string> = {
  none: 'Not invited',
  invited: 'Invited',
  active: 'Uses the family portal',
  inactive: 'Turned off',
};

type Dialog =
  | { kind: 'member'; member: FamilyMember | null }
  | { kind: 'consent'; member: FamilyMember }
  | { kind: 'revoke'; member: FamilyMember }
  | null;

function ConsentSummary({ member }: { member: FamilyMember }) {
  const c = member.consent;
  if (!c) return <Text size="sm">No consent recorded: they see nothing.</Text>;
  const state = c.revokedAt
    ? `Revoked ${formatDate(c.revokedAt.slice(0, 10))}`
    : c.inForce
      ? `Until ${formatDate(c.endsOn)}`
      : `Ended ${formatDate(c.endsOn)}`;
  return (
    <Stack gap={2}>
      <Group gap="xs">
        <Badge color={c.inForce ? 'teal' : 'gray'} variant="light">
          {c.inForce ? 'Consent in force' : 'No consent in force'}
        </Badge>
        {c.part2 && (
          <Badge color="grape" variant="light">
            42 CFR Part 2
          </Badge>
        )}
        <Text size="sm">{state}</Text>
      </Group>
      <Text size="sm">
        {c.programName}:{' '}
        {c.categories.length ? c.categories.map((k) => CONSENT_CATEGORY_LABELS[k]).join(', ') : 'nothing'}
      </Text>
    </Stack>
  );
}

/**
 * Family members on a participant's page: who they are, what their consent lets them see, and (for staff who may
 * change the record) add, edit, record a consent, revoke it after confirming, and invite them to the family portal.
 * The accounting of disclosures follows.
 */
export function FamilyCard({
  participantId,
  participantName,
  episodes,
  canWrite,
}: {
  participantId: string;
  participantName: string;
  episodes: EpisodeView[];
  canWrite: boolean;
}) {
  const members = useFamilyMembers(participantId);
  const disclosures = useDisclosures(participantId);
  const revoke = useRevokeConsent(participantId);
  const invite = useInviteFamilyMember(participantId);
  const [dialog, setDialog] = useState<Dialog>(null);
  const programs: ConsentProgram[] = [
    ...new Map(episodes.map((e) => [e.programId, { id: e.programId, name: e.programName, part2: e.part2 }])).values(),
  ];
  const close = () => setDialog(null);

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="family-heading">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="family-heading">
          Family
        </Title>
        {canWrite && (
          <Button variant="light" size="xs" onClick={() => setDialog({ kind: 'member', member: null })}>
            Add family member
          </Button>
        )}
      </Group>
      {members.isError && <ProblemAlert error={members.error} title="Family members could not be loaded" />}
      {invite.isError && <ProblemAlert error={invite.error} title="Could not send the invitation" />}
      {members.isSuccess && members.data.items.length === 0 && (
        <Text size="sm" c="dimmed">
          No family members recorded.
        </Text>
      )}
      <Stack gap="xs">
        {members.data?.items.map((m) => (
          <Paper key={m.id} withBorder p="sm" component="article" aria-label={m.name}>
            <Group justify="space-between" align="flex-start">
              <Stack gap={4}>
                <Group gap="xs">
                  <Text fw={600}>{m.name}</Text>
                  <Text size="sm" c="dimmed">
                    {FAMILY_RELATIONSHIP_LABELS[m.relationship]}
                    {m.isGuardian ? ' · guardian' : ''}
                  </Text>
                  <Badge variant="outline" color="gray">
                    {ACCOUNT_LABELS[m.account]}
                  </Badge>
                </Group>
                <ConsentSummary member={m} />
              </Stack>
              {canWrite && (
                <Group gap="xs">
                  <Button size="xs" variant="default" onClick={() => setDialog({ kind: 'member', member: m })}>
                    Edit
                  </Button>
                  <Button size="xs" variant="default" onClick={() => setDialog({ kind: 'consent', member: m })}>
                    {m.consent?.inForce ? 'New consent' : 'Record consent'}
                  </Button>
                  {m.consent && !m.consent.revokedAt && (
                    <Button
                      size="xs"
                      color="red"
                      variant="light"
                      onClick={() => setDialog({ kind: 'revoke', member: m })}
                    >
                      Revoke consent
                    </Button>
                  )}
                  {m.email && (m.account === 'none' || m.account === 'invited') && (
                    <Button
                      size="xs"
                      variant="light"
                      loading={invite.isPending && invite.variables === m.id}
                      onClick={() => invite.mutate(m.id)}
                    >
                      {m.account === 'none' ? 'Invite to family portal' : 'Send the invitation again'}
                    </Button>
                  )}
                </Group>
              )}
            </Group>
          </Paper>
        ))}
      </Stack>

      <Title order={3} size="h5" mt="md" mb="xs">
        Accounting of disclosures
      </Title>
      {disclosures.isError && (
        <ProblemAlert error={disclosures.error} title="The accounting of disclosures could not be loaded" />
      )}
      {disclosures.isSuccess && (
        <DisclosuresTable
          items={disclosures.data.items}
          empty="No Part 2 records have been disclosed to family members."
        />
      )}

      {dialog?.kind === 'member' && (
        <FamilyMemberModal participantId={participantId} member={dialog.member} onClose={close} />
      )}
      {dialog?.kind === 'consent' && (
        <ConsentModal
          participantId={participantId}
          participantName={participantName}
          member={dialog.member}
          programs={programs}
          today={todayIn()}
          onClose={close}
        />
      )}
      <ConfirmModal
        opened={dialog?.kind === 'revoke'}
        title="Revoke consent?"
        confirmLabel="Revoke consent"
        destructive
        loading={revoke.isPending}
        error={revoke.error}
        onConfirm={() => dialog?.kind === 'revoke' && revoke.mutate(dialog.member.id, { onSuccess: close })}
        onClose={close}
      >
        {dialog?.kind === 'revoke'
          ? `${dialog.member.name} will see nothing from their next visit. A new consent can be recorded later.`
          : ''}
      </ConfirmModal>
    </Card>
  );
}
