import { useState } from 'react';
import {
  ActionIcon,
  Alert,
  Button,
  Fieldset,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { getHotkeyHandler } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import {
  FREQUENCY_PERIODS,
  INTERVENTION_MODALITIES,
  INTERVENTION_MODALITY_LABELS,
  treatmentPlanOverviewSchema,
  treatmentPlanSchema,
  type PlanVersionView,
  type TreatmentPlan,
} from '@trellis/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMe } from '../../app/auth-context.tsx';
import { ApiError, checkedApi, isStaleVersion, type FieldProblem } from '../../app/api-client.ts';
import { coreRequestForm } from '../../app/core-form.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { can } from '../../app/permissions.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { UnsavedChangesGuard } from '../../ui/UnsavedChangesGuard.tsx';
import { useStaff } from '../setup/api.ts';
import { planKeys, useOpenDraft, useSaveDraft, useSignPlan } from './api.ts';
import { newGoal, newIntervention, newObjective, newProblem, requestOf, valuesOf, type PlanValues } from './plan-form.ts';

const planForm = coreRequestForm<PlanValues, typeof treatmentPlanSchema>(treatmentPlanSchema, requestOf, {
  whenEmpty: { 'problems.*.goals.*.objectives.*.targetDate': 'Enter a target date' },
});

const FREQUENCY_LABELS = { day: 'a day', week: 'a week', month: 'a month' } as const;

interface PlanEditorProps {
  episodeId: string;
  /** The open draft, or null to write a new version from `initial`. */
  draft: PlanVersionView | null;
  initial: PlanValues;
  programRange: { minHours: number; maxHours: number | null };
  onClose?: () => void;
}

/**
 * The plan editor: problems → goals → objectives → interventions, the prescribed schedule, strengths and discharge
 * criteria. Saves the draft against the version it loaded; when someone else saved first (409) the text on screen
 * stays, and the editor offers to take their version number (to save over it) or to load their text instead.
 * Ctrl/⌘+S saves.
 */
export function PlanEditor({ episodeId, draft, initial, programRange, onClose }: PlanEditorProps) {
  const me = useMe();
  const queryClient = useQueryClient();
  const staff = useStaff({ enabled: can(me, 'staff.read') });
  const open = useOpenDraft(episodeId);
  const save = useSaveDraft(episodeId);
  const sign = useSignPlan(episodeId);
  const [base, setBase] = useState<{ number: number; version: number } | null>(draft ? { number: draft.number, version: draft.version } : null);
  const [stale, setStale] = useState<PlanVersionView | null | 'loading'>(null);
  const [extra, setExtra] = useState<FieldProblem[]>([]);
  const [signing, setSigning] = useState(false);
  const form = useForm<PlanValues>({ mode: 'controlled', initialValues: initial, validate: planForm.validate });
  const v = form.getValues();
  const busy = open.isPending || save.isPending;
  const error = open.error ?? save.error;

  const staffOptions = [
    ...(staff.data ?? []).map((s) => ({ value: s.id, label: s.name })),
    ...(staff.data?.some((s) => s.id === me.id) ? [] : [{ value: me.id, label: me.name }]),
  ];

  const submit = async (values: PlanValues) => {
    setExtra([]);
    open.reset();
    save.reset();
    const content: TreatmentPlan = planForm.request(values);
    try {
      const saved = base
        ? await save.mutateAsync({ number: base.number, version: base.version, content })
        : await open.mutateAsync(content);
      setBase({ number: saved.number, version: saved.version });
      setStale(null);
      form.resetDirty();
      notifications.show({ color: 'teal', title: 'Draft saved', message: `Version ${saved.number} of the plan` });
    } catch (e) {
      if (isStaleVersion(e)) setStale(null);
      // The server names fields under the request's `content`; the form holds the content itself.
      const placed =
        e instanceof ApiError ? new ApiError(e.status, e.title, e.detail, e.errors.map((p) => ({ ...p, path: p.path.replace(/^body\.content\./, 'body.') }))) : e;
      setExtra(applyFieldErrors(form, placed, ['effectiveOn', 'problems', 'schedule', 'strengths', 'dischargeCriteria']));
    }
  };

  /** Fetches the draft as someone else saved it, keeping what is on screen. */
  const reloadTheirs = async () => {
    setStale('loading');
    const overview = await checkedApi.get(treatmentPlanOverviewSchema, `/api/v1/episodes/${episodeId}/treatment-plan`);
    void queryClient.invalidateQueries({ queryKey: planKeys.overview(episodeId) });
    setStale(overview.draft);
  };

  const keepMine = () => {
    if (stale && stale !== 'loading') setBase({ number: stale.number, version: stale.version });
    save.reset();
    setStale(null);
  };

  const takeTheirs = () => {
    if (!stale || stale === 'loading') return;
    form.setValues(valuesOf(stale.content));
    form.resetDirty(valuesOf(stale.content));
    setBase({ number: stale.number, version: stale.version });
    save.reset();
    setStale(null);
  };

  const confirmSign = async () => {
    if (!base) return;
    try {
      await sign.mutateAsync(base);
      setSigning(false);
      notifications.show({ color: 'teal', title: 'Plan signed', message: `Version ${base.number} is locked and in force.` });
      onClose?.();
    } catch {
      // The modal shows why.
    }
  };

  const weekly = Number(v.schedule.daysPerWeek) * Number(v.schedule.hoursPerDay);
  const range = `${programRange.minHours}${programRange.maxHours === null ? '+' : `–${programRange.maxHours}`} h`;
  const staleConflict = isStaleVersion(save.error);

  return (
    <form
      onSubmit={form.onSubmit((values) => void submit(values))}
      onKeyDown={getHotkeyHandler([['mod+S', () => form.onSubmit((values) => void submit(values))()]])}
      noValidate
      aria-label="Treatment plan editor"
    >
      <UnsavedChangesGuard when={form.isDirty()} what="changes to the plan" />
      <Stack gap="md">
        {staleConflict ? (
          <Alert color="orange" title="Someone else saved this draft after you opened it">
            <Stack gap="xs">
              <Text size="sm">Your text is still here and nothing of it is lost. Load their version to decide what to keep.</Text>
              {stale === null || stale === 'loading' ? (
                <Group>
                  <Button size="xs" loading={stale === 'loading'} onClick={() => void reloadTheirs()}>
                    Reload their version
                  </Button>
                </Group>
              ) : (
                <Group>
                  <Button size="xs" onClick={keepMine}>
                    Keep my text (save over version {stale?.version})
                  </Button>
                  <Button size="xs" variant="default" onClick={takeTheirs}>
                    Replace my text with theirs
                  </Button>
                </Group>
              )}
            </Stack>
          </Alert>
        ) : (
          <ProblemAlert error={error} extra={extra} title="Could not save the plan" />
        )}

        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput type="date" label="Takes effect" required {...form.getInputProps('effectiveOn')} />
        </SimpleGrid>

        {v.problems.map((problem, pi) => (
          <Paper key={pi} withBorder p="md" radius="md">
            <Stack gap="sm">
              <Group justify="space-between">
                <Title order={3} size="h4">
                  Problem {pi + 1}
                </Title>
                {v.problems.length > 1 && (
                  <ActionIcon variant="subtle" color="red" aria-label={`Remove problem ${pi + 1}`} onClick={() => form.removeListItem('problems', pi)}>
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                )}
              </Group>
              <Textarea label="Problem" required autosize minRows={1} {...form.getInputProps(`problems.${pi}.description`)} />
              {form.errors[`problems.${pi}.goals`] && <Text c="red" size="sm">{form.errors[`problems.${pi}.goals`]}</Text>}
              {problem.goals.map((goal, gi) => (
                <Fieldset key={gi} legend={`Goal ${pi + 1}.${gi + 1}`}>
                  <Stack gap="sm">
                    <Group align="flex-end" wrap="nowrap">
                      <Textarea style={{ flex: 1 }} label="Goal" required autosize minRows={1} {...form.getInputProps(`problems.${pi}.goals.${gi}.description`)} />
                      {problem.goals.length > 1 && (
                        <ActionIcon variant="subtle" color="red" aria-label={`Remove goal ${pi + 1}.${gi + 1}`} onClick={() => form.removeListItem(`problems.${pi}.goals`, gi)}>
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      )}
                    </Group>
                    {goal.objectives.map((objective, oi) => {
                      const at = `problems.${pi}.goals.${gi}.objectives.${oi}`;
                      const name = `${pi + 1}.${gi + 1}.${oi + 1}`;
                      return (
                        <Paper key={objective.id} withBorder p="sm" radius="sm" bg="var(--mantine-color-gray-0)">
                          <Stack gap="xs">
                            <Group justify="space-between">
                              <Text fw={600} size="sm">
                                Objective {name}
                              </Text>
                              {goal.objectives.length > 1 && (
                                <ActionIcon variant="subtle" color="red" aria-label={`Remove objective ${name}`} onClick={() => form.removeListItem(`problems.${pi}.goals.${gi}.objectives`, oi)}>
                                  <IconTrash size={16} aria-hidden />
                                </ActionIcon>
                              )}
                            </Group>
                            <Textarea label={`Objective ${name}`} description="Measurable: what the participant will do" required autosize minRows={1} {...form.getInputProps(`${at}.description`)} />
                            <SimpleGrid cols={{ base: 1, sm: 2 }}>
                              <TextInput type="date" label={`Target date ${name}`} required {...form.getInputProps(`${at}.targetDate`)} />
                              <TextInput label={`Measured by ${name}`} required {...form.getInputProps(`${at}.measuredBy`)} />
                            </SimpleGrid>
                            {form.errors[`${at}.interventions`] && <Text c="red" size="sm">{form.errors[`${at}.interventions`]}</Text>}
                            {objective.interventions.map((_iv, ii) => {
                              const ivAt = `${at}.interventions.${ii}`;
                              const ivName = `${name}.${ii + 1}`;
                              return (
                                <Group key={ii} align="flex-end" gap="xs" wrap="wrap">
                                  <NativeSelect
                                    label={`Intervention ${ivName}`}
                                    data={INTERVENTION_MODALITIES.map((m) => ({ value: m, label: INTERVENTION_MODALITY_LABELS[m] }))}
                                    {...form.getInputProps(`${ivAt}.modality`)}
                                  />
                                  <NumberInput w={90} label="Times" min={1} max={31} allowDecimal={false} {...form.getInputProps(`${ivAt}.frequency.times`)} />
                                  <NativeSelect
                                    label="Per"
                                    data={FREQUENCY_PERIODS.map((p) => ({ value: p, label: FREQUENCY_LABELS[p] }))}
                                    {...form.getInputProps(`${ivAt}.frequency.per`)}
                                  />
                                  <NativeSelect
                                    label="Responsible"
                                    data={[{ value: '', label: 'Choose staff' }, ...staffOptions]}
                                    {...form.getInputProps(`${ivAt}.responsibleStaffId`)}
                                  />
                                  {objective.interventions.length > 1 && (
                                    <ActionIcon variant="subtle" color="red" aria-label={`Remove intervention ${ivName}`} onClick={() => form.removeListItem(`${at}.interventions`, ii)}>
                                      <IconTrash size={16} aria-hidden />
                                    </ActionIcon>
                                  )}
                                </Group>
                              );
                            })}
                            <Group>
                              <Button size="compact-sm" variant="subtle" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => form.insertListItem(`${at}.interventions`, newIntervention(me.id))}>
                                Add an intervention to objective {name}
                              </Button>
                            </Group>
                          </Stack>
                        </Paper>
                      );
                    })}
                    <Group>
                      <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => form.insertListItem(`problems.${pi}.goals.${gi}.objectives`, newObjective(me.id))}>
                        Add an objective to goal {pi + 1}.{gi + 1}
                      </Button>
                    </Group>
                  </Stack>
                </Fieldset>
              ))}
              <Group>
                <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => form.insertListItem(`problems.${pi}.goals`, newGoal(me.id))}>
                  Add a goal to problem {pi + 1}
                </Button>
              </Group>
            </Stack>
          </Paper>
        ))}
        <Group>
          <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => form.insertListItem('problems', newProblem(me.id))}>
            Add a problem
          </Button>
        </Group>

        <Fieldset legend="Prescribed schedule">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput label="Days per week" required min={1} max={7} allowDecimal={false} {...form.getInputProps('schedule.daysPerWeek')} />
            <NumberInput label="Hours per day" required min={0.25} max={12} step={0.25} decimalScale={2} {...form.getInputProps('schedule.hoursPerDay')} />
            <NumberInput label="Expected length (weeks)" required min={1} max={52} allowDecimal={false} {...form.getInputProps('schedule.expectedWeeks')} />
          </SimpleGrid>
          <Text size="sm" c={form.errors.schedule ? 'red' : 'dimmed'} mt="xs">
            {form.errors.schedule ?? `${Number.isFinite(weekly) ? weekly : '—'} h a week; the program asks for ${range}. Once signed, this is the participant's weekly requirement.`}
          </Text>
        </Fieldset>
        <Textarea label="Strengths" required autosize minRows={2} {...form.getInputProps('strengths')} />
        <Textarea label="Discharge criteria" required autosize minRows={2} {...form.getInputProps('dischargeCriteria')} />

        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {base ? `Draft version ${base.number}, saved ${base.version} time${base.version === 1 ? '' : 's'}` : 'Not saved yet'} · Ctrl+S saves
          </Text>
          <Group>
            {onClose && (
              <Button variant="default" onClick={onClose}>
                Close
              </Button>
            )}
            <Button type="submit" loading={busy}>
              Save draft
            </Button>
            {can(me, 'note.sign') && (
              <Button
                color="teal"
                disabled={!base || form.isDirty()}
                title={!base || form.isDirty() ? 'Save the draft first' : undefined}
                onClick={() => {
                  sign.reset();
                  setSigning(true);
                }}
              >
                Sign plan
              </Button>
            )}
          </Group>
        </Group>
      </Stack>
      <ConfirmModal
        opened={signing}
        title={`Sign version ${base?.number ?? ''} of the plan`}
        confirmLabel="Sign and lock"
        loading={sign.isPending}
        error={sign.error}
        onConfirm={() => void confirmSign()}
        onClose={() => setSigning(false)}
      >
        Signing locks this version: it can no longer be changed, and a later change makes a new version. The prescribed
        schedule becomes the participant&apos;s weekly requirement from the next program week.
      </ConfirmModal>
    </form>
  );
}
