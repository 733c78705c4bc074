import type { ReactNode } from 'react';
import { useState } from 'react';
import { Anchor, Button, Card, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { IconArrowsExchange, IconDoorExit, IconLogin } from '@tabler/icons-react';
import { DISCHARGE_DISPOSITION_LABELS, LEVEL_OF_CARE_LABELS } from '@trellis/core';
import type { Episode } from '../../api/types.ts';
import { useMe } from '../../app/auth-context.tsx';
import { formatDate } from '../../app/format.ts';
import { can } from '../../app/permissions.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { MoveTrackModal } from './MoveTrackModal.tsx';
import { DischargeModal } from './DischargeModal.tsx';
import { AdmitModal } from './AdmitModal.tsx';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

function TrackHistory({ episode }: { episode: Episode }) {
  if (episode.memberships.length < 2) return null;
  return (
    <div>
      <Text size="xs" c="dimmed" fw={500} mb={4}>
        Track history
      </Text>
      <List size="sm" spacing={2}>
        {episode.memberships.map((m) => (
          <List.Item key={`${m.trackId}:${m.fromDate}`}>
            {m.trackName}: {formatDate(m.fromDate)} – {m.toDate ? formatDate(m.toDate) : 'now'}
          </List.Item>
        ))}
      </List>
    </div>
  );
}

interface EpisodeCardProps {
  participantId: string;
  participantName: string;
  episodes: Episode[];
  canWrite: boolean;
  canAdmit: boolean;
}

/** The current episode of care with its actions, and earlier episodes below it. */
export function EpisodeCard({ participantId, participantName, episodes, canWrite, canAdmit }: EpisodeCardProps) {
  const [dialog, setDialog] = useState<'move' | 'discharge' | 'admit' | null>(null);
  const current = episodes.find((e) => e.status === 'active') ?? null;
  const past = episodes.filter((e) => e.status !== 'active');
  const me = useMe();
  const readsClinical = can(me, 'clinical-note.read');
  const readsDiagnoses = can(me, 'diagnosis.read');
  const readsMeasures = can(me, 'measure.read');

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="episode-heading">
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} fz="lg" id="episode-heading">
          Current episode
        </Title>
        {current && canWrite && (
          <Group gap="xs">
            <Button variant="light" size="xs" leftSection={<IconArrowsExchange size={14} aria-hidden />} onClick={() => setDialog('move')}>
              Move track
            </Button>
            <Button variant="light" color="red" size="xs" leftSection={<IconDoorExit size={14} aria-hidden />} onClick={() => setDialog('discharge')}>
              Discharge
            </Button>
          </Group>
        )}
      </Group>

      {current ? (
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="sm">
            <Field label="Program">
              {current.programName}
              <Text size="xs" c="dimmed">
                {LEVEL_OF_CARE_LABELS[current.levelOfCare]}
              </Text>
            </Field>
            <Field label="Track">{current.currentTrackName ?? '—'}</Field>
            <Field label="Admitted">{formatDate(current.admittedOn)}</Field>
            <Field label="Primary clinician">{current.primaryClinicianName ?? '—'}</Field>
            <Field label="Expected length">{current.expectedWeeks ? `${current.expectedWeeks} weeks` : 'Not set'}</Field>
          </SimpleGrid>
          <TrackHistory episode={current} />
          <Group gap="md">
            {readsDiagnoses && (
              <Anchor component={Link} to={`/episodes/${current.id}/diagnoses`} size="sm">
                Diagnoses
              </Anchor>
            )}
            {readsClinical && (
              <Anchor component={Link} to={`/episodes/${current.id}/level-of-care`} size="sm">
                Level of care
              </Anchor>
            )}
            {readsMeasures && (
              <Anchor component={Link} to={`/participants/${current.participantId}/check-ins`} size="sm">
                Check-ins and links
              </Anchor>
            )}
            {readsClinical && (
              <Anchor component={Link} to={`/participants/${current.participantId}/safety-plan`} size="sm">
                Safety plan
              </Anchor>
            )}
            {readsClinical && (
              <Anchor component={Link} to={`/episodes/${current.id}/intake-assessments`} size="sm">
                Intake assessment
              </Anchor>
            )}
            {readsClinical && (
              <Anchor component={Link} to={`/participants/${current.participantId}/relapse-plan`} size="sm">
                Relapse prevention plan
              </Anchor>
            )}
            {readsClinical && (
              <Anchor component={Link} to={`/episodes/${current.id}/skills`} size="sm">
                Skills homework
              </Anchor>
            )}
            {readsClinical && (
              <Anchor component={Link} to={`/episodes/${current.id}/notes`} size="sm">
                Notes
              </Anchor>
            )}
            {readsClinical && (
              <Anchor component={Link} to={`/episodes/${current.id}/treatment-plan`} size="sm">
                Treatment plan
              </Anchor>
            )}
          </Group>
        </Stack>
      ) : (
        <EmptyState
          title="Not in a program"
          action={
            canAdmit && (
              <Button leftSection={<IconLogin size={16} aria-hidden />} onClick={() => setDialog('admit')}>
                Admit to a program
              </Button>
            )
          }
        >
          {past.length ? 'Their last episode has ended.' : 'They have not been admitted yet.'}
        </EmptyState>
      )}

      {past.length > 0 && (
        <Stack gap="xs" mt="md">
          <Text size="xs" c="dimmed" fw={500}>
            Earlier episodes
          </Text>
          {past.map((e) => (
            <Paper key={e.id} withBorder radius="sm" p="xs" component="article" aria-label={`${e.programName} episode`}>
              <Text size="sm" fw={600} mb={4}>
                {e.programName}
              </Text>
              <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" verticalSpacing={4}>
                <Field label="Admitted">{formatDate(e.admittedOn)}</Field>
                <Field label="Discharged">{formatDate(e.dischargedOn)}</Field>
                <Field label="Disposition">{e.disposition ? DISCHARGE_DISPOSITION_LABELS[e.disposition] : '—'}</Field>
              </SimpleGrid>
              {e.dischargeNote && (
                <Text size="sm" mt={6} style={{ whiteSpace: 'pre-wrap' }}>
                  <Text span size="xs" c="dimmed" fw={500}>
                    Discharge note:{' '}
                  </Text>
                  {e.dischargeNote}
                </Text>
              )}
            </Paper>
          ))}
        </Stack>
      )}

      {dialog === 'move' && current && <MoveTrackModal episode={current} onClose={() => setDialog(null)} />}
      {dialog === 'discharge' && current && (
        <DischargeModal episode={current} participantName={participantName} onClose={() => setDialog(null)} />
      )}
      {dialog === 'admit' && <AdmitModal participantId={participantId} participantName={participantName} onClose={() => setDialog(null)} />}
    </Card>
  );
}
