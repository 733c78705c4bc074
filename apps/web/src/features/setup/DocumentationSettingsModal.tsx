import { useState } from 'react';
import { Button, Group, Loader, Modal, NumberInput, Stack, Switch } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { NOTE_DEADLINE_HOURS_MAX, PLAN_REVIEW_INTERVAL_DAYS_MAX, planSettingsUpdateSchema, type PlanSettingsView } from '@trellis/core';
import type { Program } from '../../api/types.ts';
import type { FieldProblem } from '../../app/api-client.ts';
import { coreRequestForm } from '../../app/core-form.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { usePlanSettings, useSavePlanSettings } from './api.ts';

interface Values {
  noteDeadlineHours: number | string;
  reviewIntervalDays: number | string;
  supervisorSignOff: boolean;
  certificationRequired: boolean;
}
const FIELDS = ['noteDeadlineHours', 'reviewIntervalDays', 'supervisorSignOff', 'certificationRequired'];
const num = (v: number | string) => (v === '' ? undefined : Number(v));

function SettingsForm({ program, settings, onClose }: { program: Program; settings: PlanSettingsView; onClose: () => void }) {
  const save = useSavePlanSettings(program.id);
  const [extra, setExtra] = useState<FieldProblem[]>([]);
  const request = coreRequestForm(
    planSettingsUpdateSchema,
    (v: Values) => ({ version: settings.version, ...v, noteDeadlineHours: num(v.noteDeadlineHours) ?? '', reviewIntervalDays: num(v.reviewIntervalDays) ?? '' }),
    { whenEmpty: { noteDeadlineHours: 'Enter the hours', reviewIntervalDays: 'Enter the days' } },
  );
  const form = useForm<Values>({
    initialValues: {
      noteDeadlineHours: settings.noteDeadlineHours,
      reviewIntervalDays: settings.reviewIntervalDays,
      supervisorSignOff: settings.supervisorSignOff,
      certificationRequired: settings.certificationRequired,
    },
    validate: request.validate,
  });
  const submit = form.onSubmit(async (v) => {
    setExtra([]);
    try {
      await save.mutateAsync(request.request(v));
      notifications.show({ color: 'teal', title: 'Documentation settings saved', message: program.name });
      onClose();
    } catch (error) {
      setExtra(applyFieldErrors(form, error, FIELDS));
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ProblemAlert error={save.error} extra={extra} title="Could not save the settings" />
        <NumberInput
          label="Note deadline, hours"
          description="After a contact ends; notes unsigned later show on the supervision page and sign as late entries"
          required
          min={1}
          max={NOTE_DEADLINE_HOURS_MAX}
          allowDecimal={false}
          clampBehavior="none"
          {...form.getInputProps('noteDeadlineHours')}
        />
        <NumberInput
          label="Treatment plan review every, days"
          description={`Also at every change of level of care; at most ${PLAN_REVIEW_INTERVAL_DAYS_MAX}`}
          required
          min={1}
          max={PLAN_REVIEW_INTERVAL_DAYS_MAX}
          allowDecimal={false}
          clampBehavior="none"
          {...form.getInputProps('reviewIntervalDays')}
        />
        <Switch label="Signed plans need the supervisor’s sign-off" {...form.getInputProps('supervisorSignOff', { type: 'checkbox' })} />
        <Switch
          label="Bills Medicare: PHP and IOP episodes need a physician’s certification"
          {...form.getInputProps('certificationRequired', { type: 'checkbox' })}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A program's documentation settings: the note deadline and the treatment plan settings, validated with core's schema. */
export function DocumentationSettingsModal({ program, onClose }: { program: Program; onClose: () => void }) {
  const settings = usePlanSettings(program.id);
  return (
    <Modal opened onClose={onClose} title={`Documentation: ${program.name}`} size="md">
      {settings.isPending ? (
        <Loader aria-label="Loading the settings" />
      ) : settings.isError ? (
        <ProblemAlert error={settings.error} title="Could not load the settings" onRetry={() => void settings.refetch()} />
      ) : (
        <SettingsForm program={program} settings={settings.data} onClose={onClose} />
      )}
    </Modal>
  );
}
