import { useMemo, useState } from 'react';
import { Alert, Button, Center, Container, Loader, Radio, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useParams } from 'react-router-dom';
import { instrumentAnswersSchema, isItemAsked, MEASURES, type PublicMeasureLink, type PublicQuestionnaire } from '@trellis/core';
import { z } from 'zod';
import { ApiError, errorMessage } from '../../app/api-client.ts';
import { coreRequestForm } from '../../app/core-form.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { CrisisResources } from '../way-in/CrisisResources.tsx';
import { CheckInFields } from './CheckInFields.tsx';
import { checkInForm, EMPTY_CHECK_IN, type CheckInDraft } from './check-in-form.ts';
import { sendLinkAnswer, usePublicMeasureLink } from './api.ts';

type Outcome = { kind: 'received'; crisis: boolean } | { kind: 'closed'; title: string; detail: string };

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
  return link.kind === 'check-in' ? (
    <CheckInLinkForm token={token} onDone={onDone} />
  ) : (
    <QuestionnaireForm token={token} questionnaire={link.questionnaire} onDone={onDone} />
  );
}

function useSend(token: string, onDone: (o: Outcome) => void, onFieldErrors: (error: unknown) => void) {
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async (body: Record<string, unknown>) => {
    setSending(true);
    setError(null);
    try {
      const receipt = await sendLinkAnswer(token, body);
      onDone({ kind: 'received', crisis: receipt.showCrisisResources });
    } catch (e) {
      const closed = closedOf(e);
      if (closed) onDone(closed);
      else {
        onFieldErrors(e);
        setError(errorMessage(e));
      }
    } finally {
      setSending(false);
    }
  };
  return { send, sending, error };
}

type AnswerDraft = { answers: Record<string, string> };

function QuestionnaireForm({ token, questionnaire, onDone }: { token: string; questionnaire: PublicQuestionnaire; onDone: (o: Outcome) => void }) {
  const rules = useMemo(() => {
    const schema = z.object({ answers: instrumentAnswersSchema(MEASURES[questionnaire.id].instrument) });
    return coreRequestForm(schema, (v: AnswerDraft) => ({ answers: askedAnswers(questionnaire, v.answers) }), {
      whenEmpty: Object.fromEntries(questionnaire.items.map((i) => [`answers.${i.id}`, 'Choose one answer'])),
    });
  }, [questionnaire]);
  const form = useForm<AnswerDraft>({
    initialValues: { answers: Object.fromEntries(questionnaire.items.map((i) => [i.id, ''])) },
    validate: rules.validate,
  });
  const { send, sending, error } = useSend(token, onDone, (e) => applyFieldErrors(form, e, ['answers']));
  const numeric = askedAnswers(questionnaire, form.values.answers);
  return (
    <form noValidate onSubmit={form.onSubmit((v) => void send(rules.request(v)))}>
      <Stack gap="lg">
        <div>
          <Title order={1} size="h2">
            {questionnaire.title}
          </Title>
          <Text mt="xs">{questionnaire.recall}</Text>
        </div>
        {questionnaire.items
          .filter((item) => isItemAsked(item, numeric))
          .map((item) => (
            <Radio.Group key={item.id} label={`${item.number}. ${item.text}`} withAsterisk {...form.getInputProps(`answers.${item.id}`)}>
              <Stack gap="sm" mt="xs">
                {item.options.map((o) => (
                  <Radio key={o.value} value={String(o.value)} label={o.label} size="md" />
                ))}
              </Stack>
            </Radio.Group>
          ))}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Button type="submit" size="lg" fullWidth loading={sending}>
          Send my answers
        </Button>
      </Stack>
    </form>
  );
}

/** The draft's answers as numbers, leaving out items the skip logic does not ask and those not yet answered. */
function askedAnswers(q: PublicQuestionnaire, draft: Record<string, string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of q.items) {
    const raw = draft[item.id];
    if (!isItemAsked(item, out)) continue;
    if (raw !== undefined && raw !== '') out[item.id] = Number(raw);
  }
  return out;
}

function CheckInLinkForm({ token, onDone }: { token: string; onDone: (o: Outcome) => void }) {
  const form = useForm<CheckInDraft>({ initialValues: EMPTY_CHECK_IN, validate: checkInForm.validate });
  const { send, sending, error } = useSend(token, onDone, (e) => applyFieldErrors(form, e, Object.keys(EMPTY_CHECK_IN)));
  return (
    <form noValidate onSubmit={form.onSubmit((v) => void send(checkInForm.request(v)))}>
      <Stack gap="lg">
        <Title order={1} size="h2">
          Daily check-in
        </Title>
        <CheckInFields form={form} who="participant" />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Button type="submit" size="lg" fullWidth loading={sending}>
          Send my check-in
        </Button>
      </Stack>
    </form>
  );
}
