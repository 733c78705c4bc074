import { useState } from 'react';
import { Anchor, Button, Checkbox, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useParams } from 'react-router-dom';
import { SKILL_TOPICS, type SkillTopicId } from '@trellis/core';
import { useMe } from '../../app/auth-context.tsx';
import { can } from '../../app/permissions.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { TableSkeleton } from '../../ui/TableSkeleton.tsx';
import { usePrograms } from '../setup/api.ts';
import { useProgramSkills, usePublishSkills } from './api.ts';

/** Which skills-library topics a program publishes to its participants (and so which clinicians can assign). */
export function ProgramSkillsPage() {
  const { programId = '' } = useParams();
  const me = useMe();
  const programs = usePrograms();
  const view = useProgramSkills(programId);
  const save = usePublishSkills(programId);
  const [chosen, setChosen] = useState<SkillTopicId[] | null>(null);
  const writes = can(me, 'setup.write');
  const programName = programs.data?.find((p) => p.id === programId)?.name ?? '';
  const shown = chosen ?? view.data?.topics.filter((t) => t.publishedAt !== null).map((t) => t.topic) ?? [];

  return (
    <>
      <PageHeader
        title="Skills library"
        documentTitle={programName ? `Skills library · ${programName}` : 'Skills library'}
        description={programName ? `What ${programName} publishes to its participants` : undefined}
        above={
          <Anchor component={Link} to="/setup" size="sm">
            Back to setup
          </Anchor>
        }
      />
      {view.isPending ? (
        <TableSkeleton rows={8} label="Loading the skills library" />
      ) : view.isError ? (
        <ProblemAlert
          error={view.error}
          title="Could not load the skills library"
          onRetry={() => void view.refetch()}
        />
      ) : (
        <Paper withBorder p="md" radius="md">
          <Stack gap="md">
            <Checkbox.Group
              label="Topics published to participants"
              description="Participants read published topics in their portal; clinicians can assign them as homework."
              value={shown}
              onChange={setChosen}
            >
              <Stack gap="sm" mt="sm">
                {view.data.topics.map((t) => (
                  <Checkbox
                    key={t.topic}
                    value={t.topic}
                    disabled={!writes}
                    label={SKILL_TOPICS[t.topic].title}
                    description={SKILL_TOPICS[t.topic].summary}
                  />
                ))}
              </Stack>
            </Checkbox.Group>
            {save.error && <ProblemAlert error={save.error} title="Could not save the skills library" />}
            {writes && (
              <Group>
                <Button
                  loading={save.isPending}
                  onClick={() =>
                    save.mutate(
                      { topics: shown },
                      {
                        onSuccess: () => {
                          setChosen(null);
                          notifications.show({ color: 'teal', message: 'Skills library saved.' });
                        },
                      },
                    )
                  }
                >
                  Save
                </Button>
                <Text size="sm" c="dimmed">
                  {shown.length} of {view.data.topics.length} published
                </Text>
              </Group>
            )}
          </Stack>
        </Paper>
      )}
    </>
  );
}
