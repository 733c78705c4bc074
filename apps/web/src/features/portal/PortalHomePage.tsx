import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, CopyButton, Group, Progress, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import type { PortalHours, PortalSession, PortalWeek } from '@trellis/core';
import { errorMessage } from '../../app/api-client.ts';
import { formatHours, formatTimeRange, formatWeekdayDate, formatWeekRange } from '../../app/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { useFeedStatus, usePortalWeek, useResetFeed } from './api.ts';
import { OwnDisclosuresCard } from '../family/OwnDisclosuresCard.tsx';

const HOURS_WORDS: Record<PortalHours['status'], string> = {
  met: 'You have met this week’s hours.',
  'on-track': 'You are on track for this week’s hours.',
  'at-risk': 'This week’s hours are at risk: talk to your program about a make-up session.',
  short: 'This week fell short of its hours.',
};

/** The participant's home: today, this week, hours so far, and their calendar feed. */
export function PortalHomePage() {
  usePageTitle('My week');
  const week = usePortalWeek();
  if (week.isPending) {
    return (
      <Stack aria-busy="true" aria-label="Loading your week">
        <Skeleton h={120} />
        <Skeleton h={200} />
      </Stack>
    );
  }
  if (week.isError) return <ProblemAlert error={week.error} title="Your week could not be loaded" onRetry={() => void week.refetch()} />;
  const data = week.data;
  const today = data.sessions.filter((s) => s.localDate === data.today);
  const later = data.sessions.filter((s) => s.localDate > data.today);
  return (
    <Stack gap="lg">
      <section aria-labelledby="today-heading">
        <Title order={2} size="h4" id="today-heading" mb="xs">
          Today, {formatWeekdayDate(data.today)}
        </Title>
        {today.length === 0 ? <Text c="dimmed">No sessions today.</Text> : <SessionList sessions={today} week={data} />}
      </section>
      <HoursCard hours={data.hours} />
      <section aria-labelledby="week-heading">
        <Title order={2} size="h4" id="week-heading" mb="xs">
          Later this week ({formatWeekRange(data.monday, data.sunday)})
        </Title>
        {later.length === 0 ? <Text c="dimmed">Nothing else this week.</Text> : <SessionList sessions={later} week={data} withDay />}
      </section>
      <CalendarFeedCard />
      <OwnDisclosuresCard />
    </Stack>
  );
}

function SessionList({ sessions, week, withDay = false }: { sessions: PortalSession[]; week: PortalWeek; withDay?: boolean }) {
  return (
    <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {sessions.map((s) => (
        <Card key={s.id} withBorder padding="md" component="li">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <div>
              <Text fw={700} td={s.cancelled ? 'line-through' : undefined}>
                {s.title}
              </Text>
              <Text size="sm">
                {withDay && `${formatWeekdayDate(s.localDate)}, `}
                {formatTimeRange(s.startsAt, s.endsAt, week.timeZone)}
              </Text>
              <Text size="sm" c="dimmed">
                {s.room ? (s.room.kind === 'virtual' ? 'Online' : `${s.room.name}, ${s.siteName}`) : s.siteName}
              </Text>
            </div>
            {s.cancelled && <Badge color="gray">Cancelled</Badge>}
          </Group>
          {!s.cancelled && s.room?.meetingUrl && (
            <Button component="a" href={s.room.meetingUrl} target="_blank" rel="noopener noreferrer" size="md" mt="sm" fullWidth>
              Join online session
            </Button>
          )}
        </Card>
      ))}
    </Stack>
  );
}

function HoursCard({ hours }: { hours: PortalHours | null }) {
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="hours-heading">
      <Title order={2} size="h4" id="hours-heading" mb="xs">
        Your hours this week
      </Title>
      {hours === null ? (
        <Text c="dimmed">You have no program hours this week.</Text>
      ) : (
        <Stack gap={6}>
          <Text fz="xl" fw={700}>
            {formatHours(hours.attendedHours, { unit: false })} of {formatHours(hours.requiredHours)}
          </Text>
          <Progress
            value={Math.min(100, (hours.attendedHours / Math.max(hours.requiredHours, 0.01)) * 100)}
            size="lg"
            aria-label={`Hours so far: ${formatHours(hours.attendedHours)} of ${formatHours(hours.requiredHours)}`}
          />
          <Text size="sm">
            With the sessions still to come: {formatHours(hours.projectedHours)}. {HOURS_WORDS[hours.status]}
          </Text>
        </Stack>
      )}
    </Card>
  );
}

function CalendarFeedCard() {
  const status = useFeedStatus();
  const reset = useResetFeed();
  const [confirming, setConfirming] = useState(false);
  const url = reset.data?.url ?? null;
  const active = status.data?.active ?? false;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="feed-heading">
      <Title order={2} size="h4" id="feed-heading" mb="xs">
        Your sessions in your phone’s calendar
      </Title>
      <Stack gap="sm">
        <Text size="sm">
          A private address your calendar app can subscribe to. It shows only “Group session”, the time and the room —
          never your program’s name. Anyone with the address can see your schedule, so keep it to yourself.
        </Text>
        {status.isError && <ProblemAlert error={status.error} title="Could not check your calendar address" />}
        {reset.isError && <Alert color="red">{errorMessage(reset.error)}</Alert>}
        {url ? (
          <>
            <TextInput label="Your calendar address" value={url} readOnly onFocus={(e) => e.currentTarget.select()} />
            <Group grow>
              <CopyButton value={url}>
                {({ copied, copy }) => (
                  <Button size="md" variant={copied ? 'light' : 'filled'} onClick={copy}>
                    {copied ? 'Copied' : 'Copy address'}
                  </Button>
                )}
              </CopyButton>
              <Button size="md" variant="default" component="a" href={url.replace(/^https?:/, 'webcal:')}>
                Add to calendar
              </Button>
            </Group>
            <Text size="xs" c="dimmed">
              This address is shown only now. You can make a new one at any time.
            </Text>
          </>
        ) : (
          <Button
            size="md"
            loading={reset.isPending}
            disabled={status.isPending}
            onClick={() => (active ? setConfirming(true) : reset.mutate())}
          >
            {active ? 'Make a new calendar address' : 'Get my calendar address'}
          </Button>
        )}
        {active && !url && (
          <Text size="xs" c="dimmed">
            You already have a calendar address. A new one stops the old one working —{' '}
            <Anchor component="button" type="button" size="xs" onClick={() => setConfirming(true)}>
              do this if it was shared by mistake
            </Anchor>
            .
          </Text>
        )}
      </Stack>
      <ConfirmModal
        opened={confirming}
        title="Make a new calendar address?"
        confirmLabel="Make a new address"
        destructive
        onClose={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          reset.mutate();
        }}
      >
        The calendar that uses your current address stops updating. You will need to add the new address to it.
      </ConfirmModal>
    </Card>
  );
}
