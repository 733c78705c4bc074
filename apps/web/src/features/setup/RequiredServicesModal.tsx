import { useState } from 'react';
import { ActionIcon, Button, Group, Modal, NumberInput, Select, Stack, Switch, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { APPOINTMENT_KIND_LABELS, APPOINTMENT_KINDS, DEFAULT_REQUIRED_SERVICES, updateProgramSchema, type AppointmentKind } from '@trellis/core';
import type { Program } from '../../api/types.ts';
import type { FieldProblem } from '../../app/api-client.ts';
import { coreRequestForm } from '../../app/core-form.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useSaveProgram } from './api.ts';

interface Line {
  kind: AppointmentKind | null;
  count: number | string;
  everyWeeks: number | string;
}
interface Values {
  useDefault: boolean;
  requiredServices: Line[];
}

/** "1 individual therapy every week", "1 psychiatry every 4 weeks": a requirement as the clinic says it. */
export function describeRequirement(r: { kind: AppointmentKind; count: number; everyWeeks: number }): string {
  const every = r.everyWeeks === 1 ? 'every week' : `every ${r.everyWeeks} weeks`;
  return `${r.count} ${APPOINTMENT_KIND_LABELS[r.kind].toLowerCase()} ${every}`;
}

const num = (v: number | string) => (v === '' ? null : Number(v));

/**
 * A program's required appointments per participant (individual, family, psychiatry, each every n weeks): the
 * auto-scheduler asks for them and the ledger shows each as due, booked or missing. A signed treatment plan that
 * names a frequency overrides the program's line of that kind. Checked with core's update schema.
 */
export function RequiredServicesModal({ program, onClose }: { program: Program; onClose: () => void }) {
  const save = useSaveProgram();
  const [extra, setExtra] = useState<FieldProblem[]>([]);
  const request = coreRequestForm(updateProgramSchema, (v: Values) => ({
    version: program.version,
    requiredServices: v.useDefault ? null : v.requiredServices.map((l) => ({ kind: l.kind, count: num(l.count), everyWeeks: num(l.everyWeeks) })),
  }), { whenEmpty: { 'requiredServices.*.kind': 'Choose the appointment', 'requiredServices.*.count': 'Enter how many', 'requiredServices.*.everyWeeks': 'Enter the weeks' } });
  const form = useForm<Values>({
    initialValues: {
      useDefault: program.requiredServices === null,
      requiredServices: (program.requiredServices ?? DEFAULT_REQUIRED_SERVICES).map((r) => ({ ...r })),
    },
    validate: request.validate,
  });
  const values = form.getValues();
  const unused = APPOINTMENT_KINDS.filter((k) => !values.requiredServices.some((l) => l.kind === k));

  const submit = form.onSubmit(async (v) => {
    setExtra([]);
    try {
      await save.mutateAsync({ id: program.id, body: request.request(v) });
      notifications.show({ color: 'teal', title: 'Required services saved', message: program.name });
      onClose();
    } catch (error) {
      setExtra(applyFieldErrors(form, error, ['requiredServices']));
    }
  });

  return (
    <Modal opened onClose={onClose} title={`Required services: ${program.name}`} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert error={save.error} extra={extra} title="Could not save the required services" />
          <Text size="sm" c="dimmed">
            The appointments each participant needs besides groups. The auto-scheduler books them and the weekly ledger shows each as
            due, booked or missing. A signed treatment plan that sets a frequency overrides the line of its kind.
          </Text>
          <Switch
            label="Use Trellis’s default"
            description={DEFAULT_REQUIRED_SERVICES.map(describeRequirement).join('; ')}
            {...form.getInputProps('useDefault', { type: 'checkbox' })}
          />
          {!values.useDefault && (
            <>
              {values.requiredServices.length === 0 && (
                <Text size="sm">No appointments required: participants of this program have groups only.</Text>
              )}
              {values.requiredServices.map((line, i) => (
                <Group key={i} align="flex-end" wrap="nowrap">
                  <Select
                    label="Appointment"
                    required
                    allowDeselect={false}
                    data={APPOINTMENT_KINDS.filter((k) => k === line.kind || unused.includes(k)).map((k) => ({ value: k, label: APPOINTMENT_KIND_LABELS[k] }))}
                    {...form.getInputProps(`requiredServices.${i}.kind`)}
                  />
                  <NumberInput label="How many" required min={1} max={7} allowDecimal={false} clampBehavior="none" w={110} {...form.getInputProps(`requiredServices.${i}.count`)} />
                  <NumberInput label="Every … weeks" required min={1} max={12} allowDecimal={false} clampBehavior="none" w={130} {...form.getInputProps(`requiredServices.${i}.everyWeeks`)} />
                  <ActionIcon variant="subtle" color="red" mb={4} aria-label={`Remove line ${i + 1}`} onClick={() => form.removeListItem('requiredServices', i)}>
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
              ))}
              {unused.length > 0 && (
                <Group>
                  <Button
                    variant="light"
                    size="xs"
                    leftSection={<IconPlus size={14} aria-hidden />}
                    onClick={() => form.insertListItem('requiredServices', { kind: unused[0]!, count: 1, everyWeeks: 1 })}
                  >
                    Add an appointment
                  </Button>
                </Group>
              )}
            </>
          )}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save required services
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
