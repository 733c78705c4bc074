import { useState } from 'react';
import { Alert, Button, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { PortalDueMeasure, PortalMeasures } from '@trellis/core';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { newIdempotencyKey } from '../../app/idempotency.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { CheckInForm, QuestionnaireForm, type AnswerOutcome } from '../measure-links/AnswerForms.tsx';
import { CrisisResources } from '../way-in/CrisisResources.tsx';
import { portalKeys, sendPortalAnswer, usePortalMeasures } from './api.ts';

type Choice = { kind: 'check-in'; episodeId: string } | { kind: 'questionnaire'; due: PortalDueMeasure };
/** A form opened, with the Idempotency-Key made when it opened: every send from it is the same answer. */
type Chosen = Choice & { idempotencyKey: string };

const REASON_WORDS: Record<PortalDueMeasure['reason'], string> = {
  admission: 'as you start the program',
  interval: 'a regular check on how you are doing',
  discharge: 'as you finish the program',
};

/**
 * The participant's daily check-in and the questionnaires due for them, answered here as through a one-time link: the
 * same forms, the same scoring and safety path. After a risk answer the crisis resources come first, at once.
 */
export function PortalMeasuresPage() {
  usePageTitle('Check-in');
  const measures = usePortalMeasures();
  const client = useQueryClient();
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [outcome, setOutcome] = useState<AnswerOutcome | null>(null);

  if (outcome?.kind === 'received') {
    return (
      <Stack gap="md" aria-live="polite">
        {outcome.crisis && <CrisisResources urgent />}
        <Title order={2} size="h3">
          Thank you
        </Title>
        <Text>Your answers were sent to your care team.</Text>
        {outcome.crisis && <Text>Someone from your care team will follow up with you today.</Text>}
        <Button size="md" variant="default" onClick={() => setOutcome(null)}>
          Back to my check-ins
        </Button>
      </Stack>
    );
  }
  if (measures.isPending) return <Skeleton h={200} aria-label="Loading your check-ins" />;
  if (measures.isError)
    return (
      <ProblemAlert
        error={measures.error}
        title="Your check-ins could not be loaded"
        onRetry={() => void measures.refetch()}
      />
    );

  if (chosen) {
    const episodeId = chosen.kind === 'check-in' ? chosen.episodeId : chosen.due.episodeId;
    const kind = chosen.kind === 'check-in' ? 'check-in' : chosen.due.questionnaire.id;
    const props = {
      submit: (body: Record<string, unknown>) => sendPortalAnswer(episodeId, kind, body, chosen.idempotencyKey),
      onDone: (o: AnswerOutcome) => {
        setChosen(null);
        setOutcome(o);
        void client.invalidateQueries({ queryKey: portalKeys.measures });
      },
    };
    return (
      <Stack gap="md">
        <Group>
          <Button variant="subtle" size="md" onClick={() => setChosen(null)}>
            Back
          </Button>
        </Group>
        {chosen.kind === 'check-in' ? (
          <CheckInForm {...props} />
        ) : (
          <QuestionnaireForm questionnaire={chosen.due.questionnaire} {...props} />
        )}
      </Stack>
    );
  }
  return <MeasureChoices data={measures.data} onChoose={(c) => setChosen({ ...c, idempotencyKey: newIdempotencyKey() })} />;
}

function MeasureChoices({ data, onChoose }: { data: PortalMeasures; onChoose: (c: Choice) => void }) {
  const several = data.checkIn.length > 1;
  return (
    <Stack gap="lg">
      <section aria-labelledby="check-in-heading">
        <Title order={2} size="h4" id="check-in-heading" mb="xs">
          Daily check-in
        </Title>
        {data.checkIn.length === 0 ? (
          <Text c="dimmed">You are not in a program right now, so there is nothing to check in to.</Text>
        ) : (
          <Stack gap="sm">
            {data.checkIn.map((c) => (
              <Card key={c.episodeId} withBorder padding="md">
                <Stack gap="xs">
                  {several && <Text fw={600}>{c.programName}</Text>}
                  <Text size="sm" c="dimmed">
                    {c.lastCheckedInAt
                      ? `Your last check-in: ${formatDateTime(c.lastCheckedInAt)}`
                      : 'You have not checked in yet.'}
                  </Text>
                  <Button size="md" fullWidth onClick={() => onChoose({ kind: 'check-in', episodeId: c.episodeId })}>
                    Check in now
                  </Button>
                </Stack>
              </Card>
            ))}
          </Stack>
        )}
      </section>
      <section aria-labelledby="due-heading">
        <Title order={2} size="h4" id="due-heading" mb="xs">
          Questionnaires for you
        </Title>
        {data.due.length === 0 ? (
          <Alert color="teal" variant="light">
            Nothing is due right now.
          </Alert>
        ) : (
          <Stack gap="sm">
            {data.due.map((d) => (
              <Card key={`${d.episodeId}-${d.questionnaire.id}`} withBorder padding="md">
                <Stack gap="xs">
                  <Text fw={600}>{d.questionnaire.title}</Text>
                  <Text size="sm" c="dimmed">
                    Due {formatDate(d.dueOn)} — {REASON_WORDS[d.reason]}.
                  </Text>
                  <Button
                    size="md"
                    fullWidth
                    variant="light"
                    onClick={() => onChoose({ kind: 'questionnaire', due: d })}
                  >
                    Answer the {d.questionnaire.shortName}
                  </Button>
                </Stack>
              </Card>
            ))}
          </Stack>
        )}
      </section>
    </Stack>
  );
}
