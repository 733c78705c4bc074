import { useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { FACILITATOR_ROLES, setCoFacilitatorsSchema } from '@trellis/core';
import type { SessionSummary } from '../../api/types.ts';
import type { FieldProblem } from '../../app/api-client.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { coreRequestForm } from '../../app/core-form.ts';
import { formatLongWeekdayDate, formatTimeRange } from '../../app/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useStaff } from '../setup/api.ts';
import { useSetCoFacilitators } from './api.ts';
import { CO_FACILITATOR_ALIASES, CoFacilitatorsPicker } from './CoFacilitatorsPicker.tsx';

interface Values {
  coFacilitatorIds: string[];
}

const coFacilitatorsForm = coreRequestForm(setCoFacilitatorsSchema, (v: Values) => ({ coFacilitatorIds: v.coFacilitatorIds }), { aliases: CO_FACILITATOR_ALIASES });

/** Changes who co-facilitates an existing session; someone busy then is refused by the server, named under the picker. */
export function CoFacilitatorsModal({ session, onClose }: { session: SessionSummary; onClose: () => void }) {
  const save = useSetCoFacilitators();
  const staff = useStaff();
  const [extra, setExtra] = useState<FieldProblem[]>([]);
  const form = useForm<Values>({
    initialValues: { coFacilitatorIds: (session.coFacilitators ?? []).map((c) => c.id) },
    validate: coFacilitatorsForm.validate,
  });
  // Treating staff, and anyone already named (so a name never shows as a bare id), never the lead facilitator.
  const named = new Map((session.coFacilitators ?? []).map((c) => [c.id, c.name]));
  for (const s of staff.data ?? []) if (FACILITATOR_ROLES.includes(s.role)) named.set(s.id, s.name);
  const options = [...named].filter(([id]) => id !== session.facilitatorId).map(([value, label]) => ({ value, label }));

  const submit = form.onSubmit(async (v) => {
    setExtra([]);
    try {
      await save.mutateAsync({ id: session.id, body: coFacilitatorsForm.request(v) });
      notifications.show({ color: 'teal', title: 'Co-facilitators saved', message: `${session.title} on ${formatLongWeekdayDate(session.localDate)}.` });
      onClose();
    } catch (error) {
      setExtra(applyFieldErrors(form, error, ['coFacilitatorIds'], CO_FACILITATOR_ALIASES));
    }
  });

  return (
    <Modal opened onClose={onClose} title="Co-facilitators">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">
            <strong>{session.title}</strong>, {formatLongWeekdayDate(session.localDate)}, {formatTimeRange(session.startsAt, session.endsAt, session.timeZone)}
            {session.facilitatorName ? `, led by ${session.facilitatorName}` : ''}.
          </Text>
          <ProblemAlert error={save.error} extra={extra} title="Could not save the co-facilitators" />
          <CoFacilitatorsPicker options={options} data-autofocus {...form.getInputProps('coFacilitatorIds')} value={form.values.coFacilitatorIds} />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save co-facilitators
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
