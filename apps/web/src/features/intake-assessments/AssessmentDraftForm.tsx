import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Badge, Button, Checkbox, Group, NativeSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  HOME_STABILITY,
  HOME_STABILITY_LABELS,
  IDEATION_LABELS,
  IDEATION_LEVELS,
  READINESS_LABELS,
  READINESS_LEVELS,
  SUBSTANCE_LABELS,
  SUBSTANCES,
  USE_FREQUENCIES,
  USE_FREQUENCY_LABELS,
  USE_ROUTE_LABELS,
  USE_ROUTES,
  WITHDRAWAL_RISK_LABELS,
  WITHDRAWAL_RISKS,
  firstMissingAnswer,
  intakeAssessmentDraftSchema,
  type IntakeAssessmentContent,
  type IntakeAssessmentView,
} from '@trellis/core';
import { isApiError, isStaleVersion } from '../../app/api-client.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { UnsavedChangesGuard } from '../../ui/UnsavedChangesGuard.tsx';
import { useSaveAssessment, useSignAssessment } from './api.ts';
import { setAnswer } from './assessment-content.ts';
import { FlagGuidance } from './FlagGuidance.tsx';

type SaveState = 'saved' | 'unsaved' | 'saving' | 'stale' | 'invalid' | 'error';

const SAVE_STATE_LABELS: Record<SaveState, { label: string; color: string }> = {
  saved: { label: 'Saved', color: 'teal' },
  unsaved: { label: 'Unsaved changes', color: 'gray' },
  saving: { label: 'Saving…', color: 'blue' },
  stale: { label: 'Not saved: changed by someone else', color: 'orange' },
  invalid: { label: 'Not saved: check the marked answers', color: 'red' },
  error: { label: 'Not saved', color: 'red' },
};

const answerAt = (content: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), content);

interface Props {
  assessment: IntakeAssessmentView;
  /** Fetches the assessment as stored now (after a stale save); the form keeps what was typed. */
  reload: () => Promise<IntakeAssessmentView | undefined>;
  /** Quiet time after the last keystroke before the draft saves itself. */
  autosaveMs?: number;
}

/**
 * The assessment's draft, section by section. It saves itself a moment after each change (the badge says whether it
 * is saved); a save someone else's save overtook offers to reload while keeping the text typed here. Signing checks
 * every answer with core's rule first and asks for confirmation: a signed assessment takes addenda only.
 */
export function AssessmentDraftForm({ assessment, reload, autosaveMs = 1500 }: Props) {
  const saveDraft = useSaveAssessment();
  const sign = useSignAssessment();
  const [content, setContent] = useState<IntakeAssessmentContent>(assessment.content);
  const [state, setState] = useState<SaveState>('saved');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  const version = useRef(assessment.version);
  const edits = useRef(0);

  const update = (path: string, value: unknown) => {
    edits.current += 1;
    setContent((c) => setAnswer(c, path, value === '' ? undefined : value));
    setState('unsaved');
  };

  /** Saves what the form holds; answers the saved assessment, or null when it was refused (the page says why). */
  const saveNow = async (): Promise<IntakeAssessmentView | null> => {
    const parsed = intakeAssessmentDraftSchema.safeParse(content);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message])));
      setState('invalid');
      return null;
    }
    setErrors({});
    setProblem(null);
    setState('saving');
    const at = edits.current;
    try {
      const saved = await saveDraft.mutateAsync({ id: assessment.id, version: version.current, content: parsed.data });
      version.current = saved.version;
      setState(edits.current === at ? 'saved' : 'unsaved');
      return saved;
    } catch (error) {
      setState(isStaleVersion(error) ? 'stale' : 'error');
      if (!isStaleVersion(error)) setProblem(error);
      return null;
    }
  };

  useEffect(() => {
    if (state !== 'unsaved') return;
    const timer = setTimeout(() => void saveNow(), autosaveMs);
    return () => clearTimeout(timer);
    // saveNow reads the latest content through this render's closure; the timer restarts on every change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [content, state, autosaveMs]);

  const reloadKeepingText = async () => {
    const fresh = await reload();
    if (fresh) version.current = fresh.version;
    setState('unsaved');
    notifications.show({ title: 'Reloaded', message: 'Your text is kept and saves over the latest version.' });
  };

  const signNow = async () => {
    setConfirming(false);
    const missing = firstMissingAnswer(content);
    if (missing) {
      setErrors({ [missing.path]: missing.message });
      setProblem(null);
      return;
    }
    if (state !== 'saved' && !(await saveNow())) return;
    try {
      await sign.mutateAsync({ id: assessment.id, version: version.current });
      notifications.show({ color: 'teal', title: 'Assessment signed', message: 'It is now part of the record; corrections are addenda.' });
    } catch (error) {
      if (isStaleVersion(error)) setState('stale');
      else if (isApiError(error, 422) && error.errors?.[0]) setErrors({ [error.errors[0].path.replace(/^content\./, '')]: error.errors[0].message });
      else setProblem(error);
    }
  };

  const text = (path: string, label: string, description?: string) => (
    <Textarea
      label={label}
      description={description}
      autosize
      minRows={2}
      value={(answerAt(content, path) as string | undefined) ?? ''}
      error={errors[path]}
      onChange={(e) => update(path, e.currentTarget.value)}
    />
  );
  const choice = <T extends string>(path: string, label: string, values: readonly T[], labels: Record<T, string>) => (
    <NativeSelect
      label={label}
      data={[{ value: '', label: 'Choose…' }, ...values.map((v) => ({ value: v, label: labels[v] }))]}
      value={(answerAt(content, path) as string | undefined) ?? ''}
      error={errors[path]}
      onChange={(e) => update(path, e.currentTarget.value)}
    />
  );
  const yesNo = (path: string, label: string) => {
    const v = answerAt(content, path) as boolean | undefined;
    return (
      <NativeSelect
        label={label}
        data={[
          { value: '', label: 'Choose…' },
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No' },
        ]}
        value={v === undefined ? '' : v ? 'yes' : 'no'}
        error={errors[path]}
        onChange={(e) => update(path, e.currentTarget.value === '' ? undefined : e.currentTarget.value === 'yes')}
      />
    );
  };
  const substances = content.substanceUse?.substances ?? [];
  const missingToSign = firstMissingAnswer(content);
  const saveState = SAVE_STATE_LABELS[state];
  const firstError = Object.entries(errors)[0];

  return (
    <Stack gap="md">
      <UnsavedChangesGuard when={state === 'unsaved' || state === 'stale' || state === 'invalid' || state === 'error'} what="answers" />
      <Group justify="space-between">
        <Badge color={saveState.color} variant="light" role="status" aria-live="polite">
          {saveState.label}
        </Badge>
        <Group>
          <Button variant="default" onClick={() => void saveNow()} loading={state === 'saving'}>
            Save now
          </Button>
          <Button onClick={() => setConfirming(true)} loading={sign.isPending}>
            Sign…
          </Button>
        </Group>
      </Group>
      {state === 'stale' && (
        <Alert color="orange" title="Changed by someone else">
          <Stack gap="xs">
            <Text size="sm">Someone saved this assessment after you opened it. Reload its latest version; what you typed here stays.</Text>
            <Group>
              <Button size="xs" onClick={() => void reloadKeepingText()}>
                Reload, keeping my text
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {firstError && (
        <Alert color="red" title="Check the answer marked below">
          {firstError[1]}
        </Alert>
      )}
      <ProblemAlert error={problem} title="Could not save the assessment" />
      <FlagGuidance flags={assessment.flags} />
      <Section title="Presenting problem">{text('presentingProblem', 'Presenting problem', 'In the person’s words: why now, what they want from treatment')}</Section>
      <Section title="Mental health history">{text('mentalHealthHistory', 'Mental health history', 'Diagnoses, treatment, hospitalisations')}</Section>
      <Section title="Substance use">
        <Checkbox
          label="No substance use reported"
          checked={content.substanceUse?.noneReported === true}
          error={errors['substanceUse.noneReported']}
          onChange={(e) => update('substanceUse.noneReported', e.currentTarget.checked || undefined)}
        />
        {errors['substanceUse.substances'] && (
          <Text c="red" size="sm">
            {errors['substanceUse.substances']}
          </Text>
        )}
        {substances.map((_, i) => (
          <Paper key={i} withBorder p="sm" aria-label={`Substance ${i + 1}`} component="fieldset">
            <Stack gap="xs">
              <Group grow align="flex-start">
                {choice(`substanceUse.substances.${i}.substance`, 'Substance', SUBSTANCES, SUBSTANCE_LABELS)}
                {substances[i]?.substance === 'other' && (
                  <TextInput
                    label="Which substance"
                    value={substances[i]?.otherName ?? ''}
                    error={errors[`substanceUse.substances.${i}.otherName`]}
                    onChange={(e) => update(`substanceUse.substances.${i}.otherName`, e.currentTarget.value)}
                  />
                )}
              </Group>
              <Group grow align="flex-start">
                {choice(`substanceUse.substances.${i}.route`, 'Route', USE_ROUTES, USE_ROUTE_LABELS)}
                {choice(`substanceUse.substances.${i}.frequency`, 'Frequency', USE_FREQUENCIES, USE_FREQUENCY_LABELS)}
                <TextInput
                  type="date"
                  label="Last use"
                  value={substances[i]?.lastUse ?? ''}
                  error={errors[`substanceUse.substances.${i}.lastUse`]}
                  onChange={(e) => update(`substanceUse.substances.${i}.lastUse`, e.currentTarget.value)}
                />
              </Group>
              {text(`substanceUse.substances.${i}.priorTreatment`, 'Prior treatment', 'Say "none" if none')}
              <Group justify="flex-end">
                <Button
                  variant="subtle"
                  color="red"
                  size="xs"
                  onClick={() => update('substanceUse.substances', substances.filter((__, j) => j !== i))}
                >
                  Remove substance {i + 1}
                </Button>
              </Group>
            </Stack>
          </Paper>
        ))}
        <Group>
          <Button variant="light" size="xs" onClick={() => update(`substanceUse.substances.${substances.length}`, {})}>
            Add a substance
          </Button>
        </Group>
      </Section>
      <Section title="Current symptoms">{text('currentSymptoms', 'Current symptoms')}</Section>
      <Section title="Stressors and support systems">
        {choice('stressorsAndSupports.homeStability', 'Home stability', HOME_STABILITY, HOME_STABILITY_LABELS)}
        {text('stressorsAndSupports.stressors', 'Stressors')}
        {text('stressorsAndSupports.supportsRecovery', 'Who supports recovery')}
      </Section>
      <Section title="Medical needs and conditions">
        {text('medical.conditions', 'Medical conditions')}
        {text('medical.needs', 'Medical needs')}
        {yesNo('medical.treatFirst', 'Is there a medical condition to treat first?')}
      </Section>
      <Section title="Medications">{text('medications', 'Medications', 'Name, dose and prescriber')}</Section>
      <Section title="Legal">{text('legal', 'Legal', 'Charges, probation, court dates; say "none" if none')}</Section>
      <Section title="Work, school and family obligations">
        {text('obligations.workSchool', 'Work or school')}
        {text('obligations.family', 'Family')}
      </Section>
      <Section title="Strengths">{text('strengths', 'Strengths')}</Section>
      <Section title="Risk screen">
        <Group grow align="flex-start">
          {choice('riskScreen.suicidalIdeation', 'Thoughts of suicide', IDEATION_LEVELS, IDEATION_LABELS)}
          {choice('riskScreen.harmToOthers', 'Thoughts of harming others', IDEATION_LEVELS, IDEATION_LABELS)}
        </Group>
        <Group grow align="flex-start">
          {choice('riskScreen.withdrawalRisk', 'Withdrawal risk', WITHDRAWAL_RISKS, WITHDRAWAL_RISK_LABELS)}
          {yesNo('riskScreen.eatingDisorderNeedsMealSupport', 'Eating disorder needing meal support?')}
          {choice('riskScreen.readiness', 'Readiness to change', READINESS_LEVELS, READINESS_LABELS)}
        </Group>
        {text('riskScreen.notes', 'Risk notes')}
      </Section>
      <ConfirmModal
        opened={confirming}
        title="Sign this assessment?"
        confirmLabel="Sign"
        loading={sign.isPending}
        onConfirm={() => void signNow()}
        onClose={() => setConfirming(false)}
      >
        {missingToSign
          ? `Not every answer is given yet: ${missingToSign.message}.`
          : 'A signed assessment cannot be changed. Corrections and additions are made as addenda, with your name and the time.'}
      </ConfirmModal>
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
      <Title order={3} fz="md" mb="xs">
        {title}
      </Title>
      <Stack gap="xs">{children}</Stack>
    </Paper>
  );
}
