import { Alert, Button, Checkbox, Group, NativeSelect, Paper, SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  ASAM_DIMENSIONS,
  ASAM_EDITION_LABELS,
  ASAM_EDITIONS,
  ASAM_RISK_RATING_LABELS,
  ASAM_RISK_RATINGS,
  LEVEL_OF_CARE_FLAG_GUIDANCE,
  LEVEL_OF_CARE_FLAGS,
  PLACEMENT_LEVEL_LABELS,
  PLACEMENT_LEVELS,
  VARIANCE_REASON_LABELS,
  VARIANCE_REASONS,
  levelOfCareAssessmentInputSchema,
  levelOfCareGuidance,
  needsVarianceReason,
  type AsamEdition,
  type LevelOfCareAssessmentInput,
  type LevelOfCareFlag,
  type PlacementLevel,
  type VarianceReason,
} from '@trellis/core';
import { useState, type ChangeEvent } from 'react';
import type { FieldProblem } from '../../app/api-client.ts';
import { coreSchemaResolver } from '../../app/core-form.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { formatDateTime, todayIn } from '../../app/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useAssessLevelOfCare } from './api.ts';

/** Flags the episode's latest signed intake assessment points to, to start the level-of-care form from. */
export interface IntakeFlagPrefill {
  flags: LevelOfCareFlag[];
  signedAt: string;
}

interface AssessmentValues {
  assessedOn: string | null;
  edition: AsamEdition;
  ratings: { dimension: number; rating: number; rationale: string }[];
  flags: LevelOfCareFlag[];
  recommendedLevel: PlacementLevel | null;
  chosenLevel: PlacementLevel | null;
  varianceReason: VarianceReason | null;
  varianceNote: string;
}

const CHOOSE = { value: '', label: 'Choose…' };
const levelOptions = [CHOOSE, ...PLACEMENT_LEVELS.map((l) => ({ value: l, label: PLACEMENT_LEVEL_LABELS[l] }))];
const varianceOptions = [CHOOSE, ...VARIANCE_REASONS.map((r) => ({ value: r, label: VARIANCE_REASON_LABELS[r] }))];

/** The values as the API takes them (empty optional text left out). */
function toInput(v: AssessmentValues): LevelOfCareAssessmentInput {
  return {
    ...v,
    assessedOn: v.assessedOn ?? '',
    recommendedLevel: v.recommendedLevel as PlacementLevel,
    chosenLevel: v.chosenLevel as PlacementLevel,
    ratings: v.ratings as LevelOfCareAssessmentInput['ratings'],
    varianceNote: v.varianceNote.trim() || null,
  };
}

/**
 * Six dimension ratings with a rationale each, flags, and the level recommended and chosen. The guidance beside it is
 * Trellis's rule of thumb, labelled as not the ASAM algorithm; the clinician decides.
 */
export function AssessmentForm({ episodeId, prefill }: { episodeId: string; prefill?: IntakeFlagPrefill }) {
  const assess = useAssessLevelOfCare(episodeId);
  const [extra, setExtra] = useState<FieldProblem[]>([]);
  const form = useForm<AssessmentValues>({
    mode: 'controlled',
    initialValues: {
      assessedOn: todayIn(),
      edition: 'asam-4',
      ratings: ASAM_DIMENSIONS['asam-4'].map((d) => ({ dimension: d.number, rating: 0, rationale: '' })),
      flags: prefill ? [...new Set(prefill.flags)] : [],
      recommendedLevel: null,
      chosenLevel: null,
      varianceReason: null,
      varianceNote: '',
    },
    // A variance reason belongs to differing levels only: matching them again clears it.
    onValuesChange: (v) => {
      if (v.varianceReason !== null && v.recommendedLevel === v.chosenLevel) form.setFieldValue('varianceReason', null);
    },
    validate: coreSchemaResolver<AssessmentValues>(levelOfCareAssessmentInputSchema, {
      whenEmpty: { recommendedLevel: 'Choose the level recommended', chosenLevel: 'Choose the level chosen' },
    }),
  });
  const values = form.getValues();
  const guidance = levelOfCareGuidance(values.edition, values.ratings, values.flags);
  /** A native select over a nullable field: the empty choice is null. */
  const choice = (field: 'recommendedLevel' | 'chosenLevel' | 'varianceReason') => {
    return {
      error: form.errors[field],
      value: values[field] ?? '',
      onChange: (e: ChangeEvent<HTMLSelectElement>) => form.setFieldValue(field, (e.currentTarget.value || null) as never),
    };
  };
  const differs = !!values.recommendedLevel && !!values.chosenLevel && needsVarianceReason(values.recommendedLevel, values.chosenLevel);

  const save = async (v: AssessmentValues) => {
    setExtra([]);
    try {
      await assess.mutateAsync(toInput(v));
      notifications.show({ color: 'teal', title: 'Assessment saved', message: `Level chosen: ${PLACEMENT_LEVEL_LABELS[v.chosenLevel!]}.` });
      form.reset();
    } catch (error) {
      setExtra(applyFieldErrors(form, error, Object.keys(v)));
    }
  };

  return (
    <form onSubmit={form.onSubmit((v) => void save(v))} noValidate>
      <Stack gap="md">
        <ProblemAlert error={assess.error} extra={extra} title="Could not save the assessment" />
        <Group grow align="flex-start">
          <DateInput label="Assessed on" required {...form.getInputProps('assessedOn')} />
          <Select
            label="Criteria edition"
            data={ASAM_EDITIONS.map((e) => ({ value: e, label: ASAM_EDITION_LABELS[e] }))}
            allowDeselect={false}
            {...form.getInputProps('edition')}
          />
        </Group>
        {ASAM_DIMENSIONS[values.edition].map((d, i) => (
          <Paper key={d.number} withBorder p="sm">
            <Stack gap={6}>
              <Text fw={600} id={`dimension-${d.number}`}>
                Dimension {d.number}: {d.name}
              </Text>
              <SegmentedControl
                aria-labelledby={`dimension-${d.number}`}
                data={ASAM_RISK_RATINGS.map((r) => ({ value: String(r), label: `${r} ${ASAM_RISK_RATING_LABELS[r]}` }))}
                value={String(values.ratings[i]?.rating ?? 0)}
                onChange={(r) => form.setFieldValue(`ratings.${i}.rating`, Number(r))}
              />
              <Textarea
                label={`Rationale for dimension ${d.number}`}
                required
                rows={2}
                {...form.getInputProps(`ratings.${i}.rationale`)}
              />
            </Stack>
          </Paper>
        ))}
        {prefill && prefill.flags.length > 0 && (
          <Alert color="blue" variant="light" title="Prefilled from the intake assessment (guidance)">
            <Text size="sm">
              The flags below are ticked because the intake assessment signed on {formatDateTime(prefill.signedAt)} points to them. They are
              guidance: untick any that does not hold.
            </Text>
          </Alert>
        )}
        <Checkbox.Group label="Flags that argue against intensive outpatient" {...form.getInputProps('flags')}>
          <Stack gap={4} mt={4}>
            {LEVEL_OF_CARE_FLAGS.map((f) => (
              <Checkbox key={f} value={f} label={LEVEL_OF_CARE_FLAG_GUIDANCE[f].label} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Alert color="gray" variant="light" title="Guidance" aria-label="Guidance">
          <Stack gap={4}>
            <Text size="sm">
              Suggested:{' '}
              <Text span fw={700}>
                {PLACEMENT_LEVEL_LABELS[guidance.suggested]}
              </Text>{' '}
              (floor from the ratings:{' '}
              {PLACEMENT_LEVEL_LABELS[guidance.floor]}
              {guidance.floorDimensions.length > 0 ? `, set by dimension ${guidance.floorDimensions.join(', ')}` : ''})
            </Text>
            <Text size="xs" c="dimmed">
              {guidance.notice}
            </Text>
          </Stack>
        </Alert>
        <Group grow align="flex-start">
          <NativeSelect label="Level recommended" required data={levelOptions} {...choice('recommendedLevel')} />
          <NativeSelect label="Level chosen" required data={levelOptions} {...choice('chosenLevel')} />
        </Group>
        {differs && (
          <Group grow align="flex-start">
            <NativeSelect label="Variance reason" required data={varianceOptions} {...choice('varianceReason')} />
            <Textarea label="Variance note" {...form.getInputProps('varianceNote')} />
          </Group>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={assess.isPending}>
            Save assessment
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
