/**
 * A participant's answer forms — a questionnaire, the daily check-in — on their phone: one column, large choices,
 * checked by core's schemas. Where the answer goes is the caller's: a one-time link, or the portal.
 */
import { useMemo, useRef, useState } from 'react';
import { Alert, Button, Radio, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  instrumentAnswersSchema,
  isItemAsked,
  MEASURES,
  type PublicMeasureReceipt,
  type PublicQuestionnaire,
} from '@trellis/core';
import { z } from 'zod';
import { errorMessage } from '../../app/api-client.ts';
import { coreRequestForm } from '../../app/core-form.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { CheckInFields } from './CheckInFields.tsx';
import { checkInForm, EMPTY_CHECK_IN, type CheckInDraft } from './check-in-form.ts';

export type AnswerOutcome = { kind: 'received'; crisis: boolean } | { kind: 'closed'; title: string; detail: string };

export interface AnswerFormProps {
  /** Sends the answer; the receipt says whether to show crisis resources first. */
  submit: (body: Record<string, unknown>) => Promise<PublicMeasureReceipt>;
  onDone: (o: AnswerOutcome) => void;
  /** An error that closes the form (a used link) rather than one to show on it. */
  closedOf?: (error: unknown) => AnswerOutcome | null;
}

function useSend({ submit, onDone, closedOf }: AnswerFormProps, onFieldErrors: (error: unknown) => void) {
  const [sending, setSending] = useState(false);
  // A second tap can land before React re-renders the button disabled: the ref refuses it at once.
  const inFlight = useRef(false);
  const [error, setError] = useState<string | null>(null);
  const send = async (body: Record<string, unknown>) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setSending(true);
    setError(null);
    try {
      const receipt = await submit(body);
      onDone({ kind: 'received', crisis: receipt.showCrisisResources });
    } catch (e) {
      const closed = closedOf?.(e) ?? null;
      if (closed) onDone(closed);
      else {
        onFieldErrors(e);
        setError(errorMessage(e));
      }
    } finally {
      inFlight.current = false;
      setSending(false);
    }
  };
  return { send, sending, error };
}

type AnswerDraft = { answers: Record<string, string> };

/** A questionnaire, one item at a time down the page, large choices; its skip logic as core defines it. */
export function QuestionnaireForm({
  questionnaire,
  ...props
}: AnswerFormProps & { questionnaire: PublicQuestionnaire }) {
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
  const { send, sending, error } = useSend(props, (e) => applyFieldErrors(form, e, ['answers']));
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
            <Radio.Group
              key={item.id}
              label={`${item.number}. ${item.text}`}
              withAsterisk
              {...form.getInputProps(`answers.${item.id}`)}
            >
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

/** The daily check-in as a participant answers it. */
export function CheckInForm(props: AnswerFormProps) {
  const form = useForm<CheckInDraft>({ initialValues: EMPTY_CHECK_IN, validate: checkInForm.validate });
  const { send, sending, error } = useSend(props, (e) => applyFieldErrors(form, e, Object.keys(EMPTY_CHECK_IN)));
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
