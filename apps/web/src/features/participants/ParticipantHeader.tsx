import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import type { Participant } from '../../api/types.ts';
import { ageOn, formatDate, todayIn } from '../../app/format.ts';
import { usePageTitle } from '../../ui/page-title.ts';
import { Part2Badge } from './Part2Badge.tsx';
import { displayNameOf, legalNameOf } from './participant-names.ts';

export function ParticipantHeader({ participant, canAudit }: { participant: Participant; canAudit: boolean }) {
  const name = displayNameOf(participant);
  usePageTitle(name);
  const legal = legalNameOf(participant);
  return (
    <Stack gap={4} mb="lg">
      <Anchor component={Link} to="/participants" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden /> Participants
        </Group>
      </Anchor>
      <Group gap="sm" align="center">
        <Title order={1} fz={{ base: 24, sm: 28 }}>
          {name}
        </Title>
        {participant.part2 && <Part2Badge />}
        {canAudit && (
          <Anchor component={Link} to={`/audit?participant=${participant.id}`} size="sm" ml="auto">
            Audit trail
          </Anchor>
        )}
      </Group>
      <Group gap="md" c="dimmed" wrap="wrap">
        {legal !== name && <Text size="sm">Legal name {legal}</Text>}
        {participant.pronouns && <Text size="sm">{participant.pronouns}</Text>}
        <Text size="sm">
          Born {formatDate(participant.dateOfBirth)} · {ageOn(participant.dateOfBirth, todayIn())} years
        </Text>
      </Group>
    </Stack>
  );
}
