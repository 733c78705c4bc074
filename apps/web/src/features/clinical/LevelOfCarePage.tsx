import { Badge, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { PLACEMENT_LEVEL_LABELS, VARIANCE_REASON_LABELS, type LevelOfCareAssessmentView } from '@trellis/core';
import { useParams } from 'react-router-dom';
import { useMe } from '../../app/auth-context.tsx';
import { formatDate } from '../../app/format.ts';
import { can } from '../../app/permissions.ts';
import { DownloadPdfButton } from '../../ui/DownloadPdfButton.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useAssessmentsOf } from '../intake-assessments/api.ts';
import { AssessmentForm, type IntakeFlagPrefill } from './AssessmentForm.tsx';
import { useLevelOfCareHistory } from './api.ts';

function AssessmentCard({ a }: { a: LevelOfCareAssessmentView }) {
  return (
    <Paper withBorder p="sm">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600}>
            {formatDate(a.assessedOn)} · chosen {PLACEMENT_LEVEL_LABELS[a.chosenLevel]}
            {a.chosenLevel !== a.recommendedLevel && <> (recommended {PLACEMENT_LEVEL_LABELS[a.recommendedLevel]})</>}
          </Text>
          <DownloadPdfButton href={`/api/v1/episodes/${a.episodeId}/level-of-care/${a.id}/pdf`} what={`the assessment of ${formatDate(a.assessedOn)}`} />
        </Group>
        {a.varianceReason && (
          <Text size="sm">
            Variance: {VARIANCE_REASON_LABELS[a.varianceReason]}
            {a.varianceNote ? ` — ${a.varianceNote}` : ''}
          </Text>
        )}
        <Table>
          <Table.Tbody>
            {a.ratings.map((r) => (
              <Table.Tr key={r.dimension}>
                <Table.Td>
                  {r.dimension}. {r.dimensionName}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light">{r.rating}</Badge>
                </Table.Td>
                <Table.Td>{r.rationale}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="xs" c="dimmed">
          By {a.assessedBy.name}. Guidance at the time: {PLACEMENT_LEVEL_LABELS[a.guidance.suggested]}.
        </Text>
      </Stack>
    </Paper>
  );
}

/** An episode's level-of-care history, newest first, and a new assessment for those who may record one. */
export function LevelOfCarePage() {
  const { episodeId = '' } = useParams();
  const me = useMe();
  const history = useLevelOfCareHistory(episodeId);
  const readsIntake = can(me, 'intake-assessment.read');
  const intake = useAssessmentsOf({ kind: 'episodes', id: episodeId }, readsIntake);
  // Newest first: the latest signed intake assessment's flags start the form (guidance, labelled as such).
  const signedIntake = intake.data?.assessments.find((a) => a.status === 'signed' && a.signedAt);
  const prefill: IntakeFlagPrefill | undefined = signedIntake
    ? { flags: signedIntake.flags.map((f) => f.flag), signedAt: signedIntake.signedAt! }
    : undefined;
  return (
    <Stack gap="lg">
      <Title order={2}>Level of care</Title>
      {can(me, 'level-of-care.write') && (
        <section aria-label="New assessment">
          <Title order={3} mb="sm">
            New assessment
          </Title>
          {readsIntake && intake.isPending ? (
            <Loader aria-label="Loading the intake assessment" />
          ) : (
            <AssessmentForm episodeId={episodeId} prefill={prefill} />
          )}
        </section>
      )}
      <section aria-label="History">
        <Title order={3} mb="sm">
          History
        </Title>
        {history.isPending ? (
          <Loader />
        ) : history.isError ? (
          <ProblemAlert error={history.error} title="Could not load the history" />
        ) : history.data.assessments.length === 0 ? (
          <Text c="dimmed">No assessment recorded for this episode yet.</Text>
        ) : (
          <Stack gap="sm">
            {history.data.assessments.map((a) => (
              <AssessmentCard key={a.id} a={a} />
            ))}
          </Stack>
        )}
      </section>
    </Stack>
  );
}
