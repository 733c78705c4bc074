import { useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { Link, useParams } from 'react-router-dom';
import { MEASURE_LINK_KINDS, type MeasureLinkCreated, type MeasureLinkKind } from '@trellis/core';
import { formatDateTime } from '../../app/format.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { newIdempotencyKey } from '../../app/idempotency.ts';
import { useMe } from '../../app/auth-context.tsx';
import { can } from '../../app/permissions.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { TableSkeleton } from '../../ui/TableSkeleton.tsx';
import { useParticipant } from '../participants/api.ts';
import { CheckInFields } from './CheckInFields.tsx';
import { checkInForm, EMPTY_CHECK_IN, type CheckInDraft } from './check-in-form.ts';
import { useCheckIns, useCreateLink, useEnterCheckIn } from './api.ts';
import { kindLabel, LinksMadeList } from './LinksMadeList.tsx';

/**
 * A participant's daily check-ins: enter one in session, or send a one-time link for a check-in or a questionnaire
 * to their phone; the recent check-ins below, newest first.
 */
export function CheckInsPage() {
  const { participantId = '' } = useParams();
  const me = useMe();
  const participant = useParticipant(participantId);
  const checkIns = useCheckIns(participantId);
  const enter = useEnterCheckIn(participantId);
  const createLink = useCreateLink();
  const [made, setMade] = useState<MeasureLinkCreated[]>([]);
  const [key, setKey] = useState(newIdempotencyKey);
  const form = useForm<CheckInDraft>({ initialValues: EMPTY_CHECK_IN, validate: checkInForm.validate });
  const episode = participant.data?.episodes.find((e) => e.status === 'active') ?? null;
  const writes = can(me, 'measure.write');
  const name = participant.data ? `${participant.data.preferredName ?? participant.data.givenName} ${participant.data.familyName}` : '';

  const submit = form.onSubmit((values) => {
    if (!episode) return;
    enter.mutate(
      { episodeId: episode.id, checkIn: checkInForm.request(values), idempotencyKey: key },
      {
        onSuccess: (stored) => {
          form.reset();
          setKey(newIdempotencyKey());
          notifications.show({
            color: stored.safetyAlertId ? 'red' : 'teal',
            message: stored.safetyAlertId ? 'Check-in saved. It reports thoughts of self-harm: a safety alert was raised.' : 'Check-in saved.',
          });
        },
        onError: (error) => applyFieldErrors(form, error, Object.keys(EMPTY_CHECK_IN)),
      },
    );
  });

  const send = (instrument: MeasureLinkKind) => {
    if (!episode) return;
    createLink.mutate({ episodeId: episode.id, instrument }, { onSuccess: (l) => setMade([l]) });
  };

  return (
    <>
      <PageHeader
        title="Check-ins and links"
        documentTitle={name ? `Check-ins · ${name}` : 'Check-ins'}
        description={name}
        above={
          <Anchor component={Link} to={`/participants/${participantId}`} size="sm">
            Back to the participant
          </Anchor>
        }
      />
      <Stack gap="lg">
        {participant.isError && <ProblemAlert error={participant.error} title="Could not load the participant" />}
        {participant.data && !episode && <EmptyState title="Not in a program">Check-ins and links are for a participant with an open episode.</EmptyState>}
        {episode && writes && (
          <Paper withBorder p="md" radius="md">
            <Title order={2} size="h4" mb="sm">
              Send a one-time link to their phone
            </Title>
            <Group gap="xs">
              {MEASURE_LINK_KINDS.map((k) => (
                <Button key={k} size="xs" variant="light" onClick={() => send(k)} loading={createLink.isPending && createLink.variables?.instrument === k}>
                  {kindLabel(k)}
                </Button>
              ))}
            </Group>
            {createLink.error && <ProblemAlert error={createLink.error} title="Could not make the link" />}
            {made.length > 0 && (
              <Stack mt="sm">
                <LinksMadeList links={made} />
              </Stack>
            )}
          </Paper>
        )}
        {episode && writes && (
          <Paper withBorder p="md" radius="md" component="form" noValidate onSubmit={submit} aria-label="Enter a check-in">
            <Title order={2} size="h4" mb="sm">
              Enter today’s check-in
            </Title>
            <CheckInFields form={form} who="staff" />
            {enter.error && <ProblemAlert error={enter.error} title="Could not save the check-in" />}
            <Group mt="md">
              <Button type="submit" loading={enter.isPending}>
                Save check-in
              </Button>
            </Group>
          </Paper>
        )}
        <div>
          <Title order={2} size="h4" mb="sm">
            Recent check-ins
          </Title>
          {checkIns.isPending ? (
            <TableSkeleton rows={3} label="Loading check-ins" />
          ) : checkIns.isError ? (
            <ProblemAlert error={checkIns.error} title="Could not load the check-ins" onRetry={() => void checkIns.refetch()} />
          ) : checkIns.data.items.length === 0 ? (
            <EmptyState title="No check-ins yet" />
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>When</Table.Th>
                    <Table.Th>Mood</Table.Th>
                    <Table.Th>Anxiety</Table.Th>
                    <Table.Th>Craving</Table.Th>
                    <Table.Th>Sleep</Table.Th>
                    <Table.Th>Use</Table.Th>
                    <Table.Th>Note</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {checkIns.data.items.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>
                        {formatDateTime(c.checkedInAt)}
                        {c.source !== 'staff' && (
                          <Badge ml={4} size="xs" variant="light">
                            {c.source === 'portal' ? 'in portal' : 'by link'}
                          </Badge>
                        )}
                        {c.selfHarmThoughts && (
                          <Badge ml={4} size="xs" color="red">
                            safety
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>{c.mood}</Table.Td>
                      <Table.Td>{c.anxiety}</Table.Td>
                      <Table.Td>{c.craving}</Table.Td>
                      <Table.Td>{c.sleepHours} h</Table.Td>
                      <Table.Td>{c.anyUse ? (c.substancesUsed ?? 'Yes') : 'No'}</Table.Td>
                      <Table.Td>
                        <Text size="sm" lineClamp={2}>
                          {c.note ?? ''}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </div>
      </Stack>
    </>
  );
}
