import { useState } from 'react';
import { Badge, Button, Code, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { IntakeAssessmentView } from '@trellis/core';
import { useMe } from '../../app/auth-context.tsx';
import { formatDateTime } from '../../app/format.ts';
import { can } from '../../app/permissions.ts';
import { DownloadPdfButton } from '../../ui/DownloadPdfButton.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useAssessmentAddendum } from './api.ts';
import { answerSections } from './assessment-content.ts';
import { FlagGuidance } from './FlagGuidance.tsx';

/** A signed assessment as the record keeps it: every answer, the flags, its hash and addenda; it takes addenda only. */
export function SignedAssessment({ assessment: a }: { assessment: IntakeAssessmentView }) {
  const me = useMe();
  const addendum = useAssessmentAddendum();
  const [text, setText] = useState('');

  const add = async () => {
    try {
      await addendum.mutateAsync({ id: a.id, text });
      setText('');
      notifications.show({ color: 'teal', title: 'Addendum added', message: 'The assessment itself is unchanged.' });
    } catch {
      // Shown by the alert below.
    }
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Group gap="xs">
          <Badge color="teal">Signed</Badge>
          {a.intact === false && <Badge color="red">Content does not match its hash</Badge>}
        </Group>
        <DownloadPdfButton href={`/api/v1/intake-assessments/${a.id}/pdf`} what="this assessment" />
      </Group>
      <Text size="sm">
        Signed by {a.author.name} on {a.signedAt ? formatDateTime(a.signedAt) : '—'}
      </Text>
      <FlagGuidance flags={a.flags} />
      {answerSections(a.content).map((s) => (
        <Paper key={s.title} withBorder radius="md" p="md" component="section" aria-label={s.title}>
          <Title order={3} fz="md" mb="xs">
            {s.title}
          </Title>
          {s.answers.map((x) => (
            <div key={x.label}>
              <Text size="sm" fw={600}>
                {x.label}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {x.value || '—'}
              </Text>
            </div>
          ))}
        </Paper>
      ))}
      <Text size="xs" c="dimmed">
        Content hash (SHA-256): <Code>{a.contentHash}</Code>
      </Text>
      <Title order={3} fz="md">
        Addenda
      </Title>
      {a.addenda.length === 0 ? (
        <Text size="sm" c="dimmed">
          No addenda.
        </Text>
      ) : (
        a.addenda.map((d) => (
          <Paper key={d.id} withBorder p="xs">
            <Text size="xs" c="dimmed">
              Addendum by {d.author.name}, {formatDateTime(d.writtenAt)}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {d.text}
            </Text>
          </Paper>
        ))
      )}
      {can(me, 'intake-assessment.write') && (
        <Stack gap="xs">
          <ProblemAlert error={addendum.error} title="Could not add the addendum" />
          <Textarea
            label="New addendum"
            description="A correction or addition, kept with your name and the time."
            autosize
            minRows={2}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" disabled={!text.trim()} loading={addendum.isPending} onClick={() => void add()}>
              Add addendum
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
