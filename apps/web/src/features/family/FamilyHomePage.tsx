import type { ReactNode } from 'react';
import { Alert, Card, List, Skeleton, Stack, Text, Title } from '@mantine/core';
import { localDateOf, type AppointmentStatus, type ConsentCategory } from '@trellis/core';
import { formatDate, formatHours, formatLongWeekdayDate, formatTimeRange, todayIn } from '../../app/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { GuardianSection } from './GuardianSection.tsx';
import { useFamilyAttendance, useFamilyEducation, useFamilyMe, useFamilyPlanGoals, useFamilySessions } from './api.ts';

/** A family session's state in a family's words (whether it was kept is recorded as for any appointment). */
const FAMILY_SESSION_STATUS: Record<AppointmentStatus, string> = {
  booked: 'Booked',
  cancelled: 'Cancelled',
  late_cancelled: 'Cancelled',
  no_show: 'Missed',
  attended: 'Attended',
};

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `family-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="xs">
        {title}
      </Title>
      {children}
    </Card>
  );
}

/** The Part 2 notice that travels with every disclosed record (42 CFR 2.32). */
function Notice({ text }: { text: string | null }) {
  return text ? (
    <Text size="xs" c="dimmed" mt="xs">
      {text}
    </Text>
  ) : null;
}

interface Query {
  isPending: boolean;
  isError: boolean;
  error: unknown;
}

function Loading({ query, children }: { query: Query; children: () => ReactNode }) {
  if (query.isPending) return <Skeleton height={60} />;
  if (query.isError) return <ProblemAlert error={query.error} />;
  return <>{children()}</>;
}

function FamilySessionsSection() {
  const q = useFamilySessions();
  return (
    <Section title="Family sessions">
      <Loading query={q}>
        {() =>
          q.data!.items.length === 0 ? (
            <Text size="sm">No family sessions are booked.</Text>
          ) : (
            <List spacing="xs">
              {q.data!.items.map((s) => (
                <List.Item key={s.id}>
                  <Text
                    fw={600}
                    size="sm"
                    td={s.status === 'cancelled' || s.status === 'late_cancelled' ? 'line-through' : undefined}
                  >
                    {formatLongWeekdayDate(localDateOf(s.startsAt, q.data!.timeZone))},{' '}
                    {formatTimeRange(s.startsAt, s.endsAt, q.data!.timeZone)}
                  </Text>
                  {s.status !== 'booked' && <Text size="sm">{FAMILY_SESSION_STATUS[s.status]}</Text>}
                  {s.location && <Text size="sm">{s.location}</Text>}
                </List.Item>
              ))}
            </List>
          )
        }
      </Loading>
      {q.data && <Notice text={q.data.notice} />}
    </Section>
  );
}

function AttendanceSection() {
  const q = useFamilyAttendance();
  return (
    <Section title="Attendance this week">
      <Loading query={q}>
        {() =>
          q.data!.attendedHours === null ? (
            <Text size="sm">There is no program week to show.</Text>
          ) : (
            <Text size="sm">
              {`${formatHours(q.data!.attendedHours, { unit: false })} of ${formatHours(q.data!.requiredHours ?? 0, { unit: false })} hours attended in the week of ${formatDate(q.data!.weekOf)}.`}
            </Text>
          )
        }
      </Loading>
      {q.data && <Notice text={q.data.notice} />}
    </Section>
  );
}

function EducationSection() {
  const q = useFamilyEducation();
  return (
    <Section title="Learning together">
      <Loading query={q}>
        {() => (
          <Stack gap="xs">
            {q.data!.items.map((topic) => (
              <div key={topic.id}>
                <Text fw={600} size="sm">
                  {topic.title}
                </Text>
                <Text size="sm">{topic.summary}</Text>
              </div>
            ))}
          </Stack>
        )}
      </Loading>
    </Section>
  );
}

function PlanGoalsSection() {
  const q = useFamilyPlanGoals();
  return (
    <Section title="Treatment goals">
      <Loading query={q}>
        {() =>
          q.data!.goals.length === 0 ? (
            <Text size="sm">No signed plan goals yet.</Text>
          ) : (
            <List>
              {q.data!.goals.map((g) => (
                <List.Item key={g}>{g}</List.Item>
              ))}
            </List>
          )
        }
      </Loading>
      {q.data && <Notice text={q.data.notice} />}
    </Section>
  );
}

const SECTIONS: Record<ConsentCategory, () => ReactNode> = {
  family_sessions: () => <FamilySessionsSection key="family_sessions" />,
  attendance: () => <AttendanceSection key="attendance" />,
  education: () => <EducationSection key="education" />,
  clinical: () => <PlanGoalsSection key="clinical" />,
};

/** The family portal's one page: only the sections the consent allows now; each asks the server, which checks again. */
export function FamilyHomePage() {
  usePageTitle('Family portal');
  const me = useFamilyMe();
  if (!me.data) return null;
  const { allowed, participantName, consentEndsOn } = me.data;
  const guardian = <GuardianSection me={me.data} today={todayIn()} />;
  if (allowed.length === 0) {
    return (
      <Stack gap="md">
        <Alert color="gray" variant="light" title="Nothing is shared with you right now">
          {participantName} has not given consent for you to see anything at the moment, or the consent has ended. Ask
          them or their program if you think this is wrong.
        </Alert>
        {guardian}
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      {guardian}
      <Text size="sm">
        {participantName} shares this with you{consentEndsOn ? ` until ${formatDate(consentEndsOn)}` : ''}. They can
        change this at any time.
      </Text>
      {allowed.map((category) => SECTIONS[category]())}
    </Stack>
  );
}
