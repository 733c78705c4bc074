import { useState } from 'react';
import { Alert, Button, Group, List, Radio, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  SELF_CHECK_DISCLAIMER,
  SELF_CHECK_LEVEL_LABELS,
  SELF_CHECK_QUESTIONS,
  selfCheckAdvice,
  selfCheckAnswersSchema,
  type SelfCheckAnswers,
  type SelfCheckResult,
} from '@trellis/core';
import { coreSchemaResolver } from '../../app/core-form.ts';
import { CrisisResources } from './CrisisResources.tsx';
import { PublicLink, usePublicLocation } from './public-route.tsx';

type Draft = Record<keyof SelfCheckAnswers, string>;
const EMPTY = Object.fromEntries(SELF_CHECK_QUESTIONS.map((q) => [q.id, ''])) as Draft;

/**
 * "Is an IOP right for me?" — the answers stay in the browser (nothing is sent or stored); the advice is core's, so it
 * is the same rule the tests hold.
 */
export function SelfCheckPage() {
  const { orgSlug } = usePublicLocation();
  const [result, setResult] = useState<SelfCheckResult | null>(null);
  const form = useForm<Draft>({ initialValues: EMPTY, validate: coreSchemaResolver<Draft>(selfCheckAnswersSchema) });
  const submit = form.onSubmit((values) => {
    setResult(selfCheckAdvice(selfCheckAnswersSchema.parse(values)));
    window.scrollTo?.({ top: 0 });
  });

  if (result) {
    return (
      <Stack gap="md" aria-live="polite">
        {result.crisisFirst && <CrisisResources urgent />}
        <Title order={1} size="h2">
          What to ask about
        </Title>
        <Alert color={result.level === 'more-intensive' ? 'orange' : 'teal'} title={SELF_CHECK_LEVEL_LABELS[result.level]}>
          <Text fw={600}>{result.headline}</Text>
        </Alert>
        <div>
          <Title order={2} size="h4">
            Why
          </Title>
          <List spacing="xs">
            {result.reasons.map((r) => (
              <List.Item key={r}>{r}</List.Item>
            ))}
          </List>
        </div>
        <Text size="sm" c="dimmed">
          {SELF_CHECK_DISCLAIMER}
        </Text>
        <Group>
          <Button component={PublicLink} href={`/p/${orgSlug}/request`}>
            Request an assessment
          </Button>
          <Button variant="subtle" onClick={() => setResult(null)}>
            Change my answers
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <Title order={1} size="h2">
          Is an IOP right for me?
        </Title>
        <Text>
          Nine short questions that programs ask at a first call. Your answers stay on this device: nothing is sent or saved.
        </Text>
        <Text size="sm" c="dimmed">
          {SELF_CHECK_DISCLAIMER}
        </Text>
        {SELF_CHECK_QUESTIONS.map((q, i) => (
          <Radio.Group key={q.id} label={`${i + 1}. ${q.text}`} withAsterisk {...form.getInputProps(q.id)}>
            <Stack gap="xs" mt="xs">
              {q.options.map((o) => (
                <Radio key={o.value} value={o.value} label={o.label} />
              ))}
            </Stack>
          </Radio.Group>
        ))}
        <Button type="submit" size="md">
          See what to ask about
        </Button>
      </Stack>
    </form>
  );
}
