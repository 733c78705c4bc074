import { Badge, Button, Card, Group, Progress, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { PortalHours, PortalSession, PortalWeek } from '@trellis/core';
import { formatHours, formatTimeRange, formatWeekdayDate, formatWeekRange } from '../../app/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { usePortalWeek } from './api.ts';
import { CalendarFeedCard } from '../../ui/CalendarFeedCard.tsx';
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
      <CalendarFeedCard
        path="/api/v1/portal/calendar-feed"
        title="Your sessions in your phone’s calendar"
        intro="A private address your calendar app can subscribe to. It shows only “Group session”, the time and the room — never your program’s name. Anyone with the address can see your schedule, so keep it to yourself."
      />
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
