import { Anchor, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconClock, IconDoor, IconUser } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { SESSION_KIND_LABELS } from '@trellis/core';
import type { SessionSummary } from '../../api/types.ts';
import { formatLongWeekdayDate, formatTimeRange, zoneAbbreviation } from '../../app/format.ts';
import { usePageTitle } from '../../ui/page-title.ts';
import { facilitatorsLine } from '../schedule/SessionCard.tsx';

export function RollHeader({
  session,
  groupNote = false,
  onEditCoFacilitators,
}: {
  session: SessionSummary;
  groupNote?: boolean;
  /** Offered to staff who may change sessions: opens the co-facilitators editor. */
  onEditCoFacilitators?: (() => void) | undefined;
}) {
  usePageTitle(`Roll: ${session.title}`);
  const cancelled = session.status === 'cancelled';
  return (
    <Stack gap={6} mb="md">
      <Anchor component={Link} to={`/schedule?site=${session.siteId}`} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden /> Schedule
        </Group>
      </Anchor>
      <Group gap="sm" align="center">
        <Title order={1} fz={{ base: 22, sm: 28 }} className={cancelled ? 'struck' : undefined}>
          {session.title}
        </Title>
        <Badge variant="light">{SESSION_KIND_LABELS[session.kind]}</Badge>
        {cancelled && <Badge color="gray">Cancelled</Badge>}
        {groupNote && !cancelled && (
          <Anchor component={Link} to={`/sessions/${session.id}/group-note`} size="sm">
            Group note
          </Anchor>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {session.programName} · {session.trackName}
      </Text>
      <Group gap="lg" wrap="wrap">
        <Group gap={6} wrap="nowrap">
          <IconClock size={16} aria-hidden />
          <Text size="sm">
            {formatLongWeekdayDate(session.localDate)},{' '}
            {formatTimeRange(session.startsAt, session.endsAt, session.timeZone)}{' '}
            <Text span c="dimmed" size="sm">
              {zoneAbbreviation(session.startsAt, session.timeZone)}
            </Text>
          </Text>
        </Group>
        <Group gap={6} wrap="nowrap">
          <IconDoor size={16} aria-hidden />
          <Text size="sm">{session.roomName ?? 'No room'}</Text>
        </Group>
        <Group gap={6} wrap="nowrap">
          <IconUser size={16} aria-hidden />
          <Text size="sm">{facilitatorsLine(session) ?? 'No facilitator assigned'}</Text>
          {onEditCoFacilitators && !cancelled && (
            <Button size="compact-xs" variant="subtle" onClick={onEditCoFacilitators}>
              {(session.coFacilitators ?? []).length > 0 ? 'Change co-facilitators' : 'Add co-facilitators'}
            </Button>
          )}
        </Group>
      </Group>
    </Stack>
  );
}
