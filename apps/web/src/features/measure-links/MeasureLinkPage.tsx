import { useState } from 'react';
import { Alert, Center, Container, Loader, Stack, Text, Title } from '@mantine/core';
import { useParams } from 'react-router-dom';
import type { PublicMeasureLink } from '@trellis/core';
import { ApiError, errorMessage } from '../../app/api-client.ts';
import { CrisisResources } from '../way-in/CrisisResources.tsx';
import { CheckInForm, QuestionnaireForm, type AnswerOutcome } from './AnswerForms.tsx';
import { sendLinkAnswer, usePublicMeasureLink } from './api.ts';

type Outcome = AnswerOutcome;

/** Why a link cannot be answered, in plain words, from the server's 404 or 410. */
function closedOf(error: unknown): Outcome | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 404) return { kind: 'closed', title: 'This link is not valid', detail: 'Check that the whole link was copied, or ask your care team for a new one.' };
  if (error.status === 410) return { kind: 'closed', title: error.title, detail: error.detail };
  return null;
}

/**
 * A one-time link on the participant's phone (no sign-in): only the questionnaire, one column, large choices. After a
 * risk answer the crisis resources come first; they are at the foot of every state of the page.
 */
export function MeasureLinkPage() {
  const { token = '' } = useParams();
  const link = usePublicMeasureLink(token);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const closed = outcome ?? closedOf(link.error);

  let body;
  if (closed?.kind === 'received') {
    body = (
      <Stack gap="md" aria-live="polite">
        {closed.crisis && <CrisisResources urgent />}
        <Title order={1} size="h2">
          Thank you
        </Title>
        <Text>Your answers were sent to your care team. You can close this page.</Text>
        {closed.crisis && <Text>Someone from your care team will follow up with you today.</Text>}
      </Stack>
    );
  } else if (closed) {
    body = (
      <Alert color="orange" title={closed.title} role="alert">
        {closed.detail} Nothing was sent.
      </Alert>
    );
  } else if (link.isPending) {
    body = (
      <Center mih={200} role="status" aria-label="Loading">
        <Loader />
      </Center>
    );
  } else if (link.isError) {
    body = (
      <Alert color="red" title="This page could not load" role="alert">
        {errorMessage(link.error)}
      </Alert>
    );
  } else {
    body = <LinkForm token={token} link={link.data} onDone={setOutcome} />;
  }

  return (
    <Container size="xs" px="md" py="md">
      <Stack gap="lg">
        {link.data && (
          <Text size="sm" c="dimmed">
            {link.data.organisationName}
          </Text>
        )}
        <main>{body}</main>
        {!(closed?.kind === 'received' && closed.crisis) && <CrisisResources />}
      </Stack>
    </Container>
  );
}

function LinkForm({ token, link, onDone }: { token: string; link: PublicMeasureLink; onDone: (o: Outcome) => void }) {
  const props = { submit: (body: Record<string, unknown>) => sendLinkAnswer(token, body), onDone, closedOf };
  return link.kind === 'check-in' ? <CheckInForm {...props} /> : <QuestionnaireForm questionnaire={link.questionnaire} {...props} />;
}
