import { Alert, Badge, Box, Button, Card, Group, List, Loader, Stack, Text, Title } from '@mantine/core';
import type { PublicProgram } from '@trellis/core';
import { isApiError, errorMessage } from '../../app/api-client.ts';
import { useProgramPage } from './public-api.ts';
import { PublicLink, usePublicLocation } from './public-route.tsx';

const weekdayName = new Intl.DateTimeFormat(undefined, { weekday: 'long', timeZone: 'UTC' });
/** ISO weekday (Monday 1) → its name in the reader's language; 1 January 2024 was a Monday. */
const dayName = (weekday: number) => weekdayName.format(Date.UTC(2024, 0, weekday));

/** The organisation's programs as a visitor sees them: who each is for, a typical week, the timetables, insurance. */
export function ProgramPage() {
  const { orgSlug } = usePublicLocation();
  const page = useProgramPage(orgSlug);
  if (page.isPending) return <Loader aria-label="Loading programs" />;
  if (page.isError) {
    return (
      <Alert color={isApiError(page.error, 404) ? 'gray' : 'red'} title={isApiError(page.error, 404) ? 'Not found' : 'Could not load'}>
        {isApiError(page.error, 404) ? 'There is no organisation at this address.' : errorMessage(page.error)}
      </Alert>
    );
  }
  const { programs } = page.data;
  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        Our programs
      </Title>
      <Group gap="sm">
        <Button component={PublicLink} href={`/p/${orgSlug}/self-check`} variant="light">
          Is an IOP right for me?
        </Button>
        <Button component={PublicLink} href={`/p/${orgSlug}/request`}>
          Request an assessment
        </Button>
      </Group>
      {programs.length === 0 && <Text>No programs are listed here yet. You can still request an assessment.</Text>}
      {programs.map((p) => (
        <ProgramCard key={p.id} program={p} orgSlug={orgSlug} />
      ))}
    </Stack>
  );
}

function ProgramCard({ program: p, orgSlug }: { program: PublicProgram; orgSlug: string }) {
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={`program-${p.id}`}>
      <Stack gap="sm">
        <div>
          <Title order={2} size="h3" id={`program-${p.id}`}>
            {p.name}
          </Title>
          <Group gap="xs" mt={4}>
            <Badge variant="light">{p.levelOfCareLabel}</Badge>
            <Badge variant="outline" color="gray">
              {p.siteName}
            </Badge>
          </Group>
        </div>
        {p.audience && (
          <div>
            <Title order={3} size="h5">
              Who it is for
            </Title>
            <Text>{p.audience}</Text>
          </div>
        )}
        {p.weekDescription && (
          <div>
            <Title order={3} size="h5">
              What a week looks like
            </Title>
            <Text>{p.weekDescription}</Text>
          </div>
        )}
        {p.typicalLengthWeeks && (
          <Text>
            <strong>How long it lasts:</strong> usually {p.typicalLengthWeeks.min === p.typicalLengthWeeks.max ? p.typicalLengthWeeks.min : `${p.typicalLengthWeeks.min} to ${p.typicalLengthWeeks.max}`}{' '}
            weeks; your team reviews it with you as you go.
          </Text>
        )}
        {p.tracks.length > 0 && (
          <div>
            <Title order={3} size="h5">
              Days and times
            </Title>
            <Text size="sm" c="dimmed">
              Local time at {p.siteName} ({p.timeZone.replace(/_/g, ' ')}). Choose the track that fits your week.
            </Text>
            {p.tracks.map((t) => (
              <Box key={t.name} mt="xs">
                <Text fw={600}>
                  {t.name} · about {t.weeklyHours} hours a week
                </Text>
                <List size="sm" listStyleType="none" spacing={2}>
                  {t.blocks.map((b) => (
                    <List.Item key={`${b.weekday}-${b.startTime}-${b.title}`}>
                      {dayName(b.weekday)}{' '}
                      <Text span style={{ whiteSpace: 'nowrap' }}>
                        {b.startTime}–{b.endTime}
                      </Text>{' '}
                      · {b.title}
                    </List.Item>
                  ))}
                </List>
              </Box>
            ))}
          </div>
        )}
        {p.therapies.length > 0 && (
          <div>
            <Title order={3} size="h5">
              Therapies offered
            </Title>
            <List size="sm">
              {p.therapies.map((t) => (
                <List.Item key={t}>{t}</List.Item>
              ))}
            </List>
          </div>
        )}
        {p.insuranceAccepted.length > 0 && (
          <Text size="sm">
            <strong>Insurance accepted:</strong> {p.insuranceAccepted.join(', ')}
          </Text>
        )}
        <Button component={PublicLink} href={`/p/${orgSlug}/request?program=${p.id}`} variant="outline">
          Ask about {p.name}
        </Button>
      </Stack>
    </Card>
  );
}
