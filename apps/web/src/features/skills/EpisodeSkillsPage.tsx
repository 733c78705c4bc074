import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useParams } from 'react-router-dom';
import { SKILL_TOPICS } from '@trellis/core';
import { useMe } from '../../app/auth-context.tsx';
import { formatDateTime } from '../../app/format.ts';
import { can } from '../../app/permissions.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { TableSkeleton } from '../../ui/TableSkeleton.tsx';
import { useAssignSkill, useEpisodeSkills } from './api.ts';

/** An episode's skills homework: assign a topic the program publishes, and see what the participant has read. */
export function EpisodeSkillsPage() {
  const { episodeId = '' } = useParams();
  const me = useMe();
  const skills = useEpisodeSkills(episodeId);
  const assign = useAssignSkill(episodeId);
  const writes = can(me, 'treatment-plan.write');

  return (
    <>
      <PageHeader
        title="Skills homework"
        above={
          <Anchor size="sm" onClick={() => window.history.back()} component="button" type="button">
            Back
          </Anchor>
        }
      />
      {skills.isPending ? (
        <TableSkeleton rows={4} label="Loading skills homework" />
      ) : skills.isError ? (
        <ProblemAlert
          error={skills.error}
          title="Could not load skills homework"
          onRetry={() => void skills.refetch()}
        />
      ) : (
        <Stack gap="lg">
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="assigned-heading">
            <Title order={2} size="h4" id="assigned-heading" mb="sm">
              Assigned
            </Title>
            {skills.data.assignments.length === 0 ? (
              <Text c="dimmed">Nothing assigned yet.</Text>
            ) : (
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Topic</Table.Th>
                    <Table.Th>Assigned</Table.Th>
                    <Table.Th>Read</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {skills.data.assignments.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>{SKILL_TOPICS[a.topic].title}</Table.Td>
                      <Table.Td>
                        {formatDateTime(a.assignedAt)} by {a.assignedBy.name}
                      </Table.Td>
                      <Table.Td>
                        {a.readAt ? (
                          <Badge color="teal" variant="light">
                            Read {formatDateTime(a.readAt)}
                          </Badge>
                        ) : (
                          <Badge color="gray" variant="light">
                            Not read yet
                          </Badge>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Paper>
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="library-heading">
            <Title order={2} size="h4" id="library-heading" mb="sm">
              The program’s skills library
            </Title>
            {skills.data.published.length === 0 ? (
              <Alert color="blue">
                The program publishes no topics yet. A director publishes them under Setup → Programs → Skills library.
              </Alert>
            ) : (
              <Stack gap="sm">
                {skills.data.published.map((topic) => {
                  const open = skills.data.assignments.some((a) => a.topic === topic && a.readAt === null);
                  return (
                    <Group key={topic} justify="space-between" wrap="nowrap">
                      <div>
                        <Text fw={600}>{SKILL_TOPICS[topic].title}</Text>
                        <Text size="sm" c="dimmed">
                          {SKILL_TOPICS[topic].summary}
                        </Text>
                      </div>
                      {writes && (
                        <Button
                          size="xs"
                          variant="light"
                          disabled={open}
                          loading={assign.isPending && assign.variables === topic}
                          aria-label={`Assign ${SKILL_TOPICS[topic].title}`}
                          onClick={() =>
                            assign.mutate(topic, {
                              onSuccess: () =>
                                notifications.show({
                                  color: 'teal',
                                  message: `${SKILL_TOPICS[topic].title} assigned.`,
                                }),
                            })
                          }
                        >
                          {open ? 'Assigned' : 'Assign'}
                        </Button>
                      )}
                    </Group>
                  );
                })}
              </Stack>
            )}
            {assign.error && <ProblemAlert error={assign.error} title="Could not assign the topic" />}
          </Paper>
        </Stack>
      )}
    </>
  );
}
