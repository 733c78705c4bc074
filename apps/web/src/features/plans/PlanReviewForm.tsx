import { useState } from 'react';
import { Button, Group, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  OBJECTIVE_PROGRESS,
  OBJECTIVE_PROGRESS_LABELS,
  planObjectives,
  planReviewCreateSchema,
  type ObjectiveProgress,
  type PlanVersionView,
} from '@trellis/core';
import type { FieldProblem } from '../../app/api-client.ts';
import { coreRequestForm } from '../../app/core-form.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useReviewPlan } from './api.ts';

interface ReviewValues {
  reviewedOn: string;
  nextReviewOn: string;
  narrative: string;
  progress: { objectiveId: string; progress: ObjectiveProgress | ''; note: string }[];
}

const reviewForm = coreRequestForm<ReviewValues, typeof planReviewCreateSchema>(
  planReviewCreateSchema,
  (v) => ({
    reviewedOn: v.reviewedOn || undefined,
    nextReviewOn: v.nextReviewOn || null,
    narrative: v.narrative,
    progress: v.progress.map((p) => ({ objectiveId: p.objectiveId, progress: p.progress || undefined, note: p.note.trim() || null })),
  }),
  { whenEmpty: { 'progress.*.progress': 'Choose the progress' } },
);

/** A review of the plan in force: progress on each objective, a narrative, and (if sooner than the cycle) the next date. */
export function PlanReviewForm({ episodeId, plan, today, onDone }: { episodeId: string; plan: PlanVersionView; today: string; onDone: () => void }) {
  const review = useReviewPlan(episodeId);
  const [extra, setExtra] = useState<FieldProblem[]>([]);
  const objectives = planObjectives(plan.content);
  const form = useForm<ReviewValues>({
    mode: 'controlled',
    initialValues: {
      reviewedOn: today,
      nextReviewOn: '',
      narrative: '',
      progress: objectives.map((o) => ({ objectiveId: o.id, progress: '', note: '' })),
    },
    validate: reviewForm.validate,
  });

  const submit = async (values: ReviewValues) => {
    setExtra([]);
    try {
      await review.mutateAsync(reviewForm.request(values));
      notifications.show({ color: 'teal', title: 'Review recorded', message: `Version ${plan.number} of the plan reviewed` });
      onDone();
    } catch (e) {
      setExtra(applyFieldErrors(form, e, ['reviewedOn', 'nextReviewOn', 'narrative', 'progress']));
    }
  };

  return (
    <form onSubmit={form.onSubmit((v) => void submit(v))} noValidate aria-label="Plan review">
      <Stack gap="sm">
        <ProblemAlert error={review.error} extra={extra} title="Could not record the review" />
        <Group grow align="flex-start">
          <TextInput type="date" label="Reviewed on" required {...form.getInputProps('reviewedOn')} />
          <TextInput type="date" label="Next review" description="Leave empty for the program's cycle" {...form.getInputProps('nextReviewOn')} />
        </Group>
        {objectives.map((o, i) => (
          <Group key={o.id} align="flex-start" grow>
            <Stack gap={0}>
              <Text size="sm" fw={500}>
                {o.description}
              </Text>
              <Text size="xs" c="dimmed">
                Target {o.targetDate}; {o.measuredBy}
              </Text>
            </Stack>
            <NativeSelect
              label={`Progress: ${o.description}`}
              data={[{ value: '', label: 'Choose' }, ...OBJECTIVE_PROGRESS.map((p) => ({ value: p, label: OBJECTIVE_PROGRESS_LABELS[p] }))]}
              {...form.getInputProps(`progress.${i}.progress`)}
            />
            <TextInput label="Note" {...form.getInputProps(`progress.${i}.note`)} />
          </Group>
        ))}
        {form.errors.progress && (
          <Text c="red" size="sm">
            {form.errors.progress}
          </Text>
        )}
        <Textarea label="Narrative" required autosize minRows={3} {...form.getInputProps('narrative')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={review.isPending}>
            Record review
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
