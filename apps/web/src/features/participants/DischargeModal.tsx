import { useMemo, useState } from 'react';
import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { DISCHARGE_DISPOSITION_LABELS, DISCHARGE_DISPOSITIONS, dischargeSchema, type DischargeDisposition } from '@trellis/core';
import type { Episode } from '../../api/types.ts';
import type { FieldProblem } from '../../app/api-client.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { coreRequestForm } from '../../app/core-form.ts';
import { formatDate, todayIn } from '../../app/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useDischarge } from './api.ts';

interface DischargeValues {
  dischargedOn: string | null;
  disposition: DischargeDisposition | null;
  note: string;
}

/** A discharge of this episode as core's dischargeSchema reads it; it cannot be dated before the admission. */
function dischargeForm(episode: Episode) {
  const schema = dischargeSchema.superRefine((d, ctx) => {
    if (d.dischargedOn < episode.admittedOn)
      ctx.addIssue({ code: 'custom', path: ['dischargedOn'], message: `cannot be before the admission (${formatDate(episode.admittedOn)})` });
  });
  return coreRequestForm(
    schema,
    (v: DischargeValues) => ({ dischargedOn: v.dischargedOn ?? '', disposition: v.disposition, note: v.note.trim() || null, version: episode.version }),
    { whenEmpty: { dischargedOn: 'Enter the discharge date', disposition: 'Choose how the episode ended' } },
  );
}

/** Discharge with date, disposition and a note; a second step asks for confirmation before anything is saved. */
export function DischargeModal({ episode, participantName, onClose }: { episode: Episode; participantName: string; onClose: () => void }) {
  const discharge = useDischarge();
  const [confirming, setConfirming] = useState(false);
  const [extra, setExtra] = useState<FieldProblem[]>([]);
  const today = todayIn();
  const request = useMemo(() => dischargeForm(episode), [episode]);
  const form = useForm<DischargeValues>({
    initialValues: { dischargedOn: today < episode.admittedOn ? episode.admittedOn : today, disposition: null, note: '' },
    validate: request.validate,
  });
  const values = form.getValues();

  const save = async () => {
    setExtra([]);
    try {
      await discharge.mutateAsync({ episode, body: request.request(values) });
      notifications.show({ color: 'teal', title: 'Discharged', message: `${participantName} was discharged from ${episode.programName}.` });
      onClose();
    } catch (error) {
      setExtra(applyFieldErrors(form, error, ['dischargedOn', 'disposition', 'note']));
      setConfirming(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={confirming ? 'Confirm discharge' : `Discharge from ${episode.programName}`}>
      {confirming ? (
        <Stack gap="sm">
          <Alert color="red" variant="light" title="This ends the episode of care">
            {participantName} will be discharged on {formatDate(values.dischargedOn)} as “
            {values.disposition ? DISCHARGE_DISPOSITION_LABELS[values.disposition] : ''}”. They leave the census and are no longer expected at
            sessions after that date.
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)} disabled={discharge.isPending}>
              Go back
            </Button>
            <Button color="red" onClick={() => void save()} loading={discharge.isPending} data-autofocus>
              Discharge {participantName}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={form.onSubmit(() => setConfirming(true))} noValidate>
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              Admitted {formatDate(episode.admittedOn)}.
            </Text>
            <ProblemAlert error={discharge.error} extra={extra} title="Could not discharge" />
            <DateInput label="Discharge date" required minDate={episode.admittedOn} {...form.getInputProps('dischargedOn')} />
            <Select
              label="Disposition"
              required
              placeholder="How the episode ended"
              data={DISCHARGE_DISPOSITIONS.map((d) => ({ value: d, label: DISCHARGE_DISPOSITION_LABELS[d] }))}
              {...form.getInputProps('disposition')}
            />
            <Textarea label="Note" description="Optional. Reason, step-down referral, aftercare plan." autosize minRows={3} {...form.getInputProps('note')} />
            <Group justify="flex-end" mt="sm">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" color="red">
                Continue
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
