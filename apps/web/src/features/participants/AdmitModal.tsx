import { useState } from 'react';
import { Button, Group, Modal, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { FieldProblem } from '../../app/api-client.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useAdmit } from './api.ts';
import { AdmissionFields } from './AdmissionFields.tsx';
import { ADMISSION_FIELDS, admissionInputOf, admissionValidation, emptyAdmission, type AdmissionValues } from './admission-form.ts';

/** Admits an existing participant (for example a readmission after discharge) to a program and track. */
export function AdmitModal({ participantId, participantName, onClose }: { participantId: string; participantName: string; onClose: () => void }) {
  const admit = useAdmit();
  const [extra, setExtra] = useState<FieldProblem[]>([]);
  const form = useForm<AdmissionValues>({ initialValues: emptyAdmission(), validate: admissionValidation });

  const submit = form.onSubmit(async (values) => {
    setExtra([]);
    try {
      await admit.mutateAsync({ participantId, input: admissionInputOf(values) });
      notifications.show({ color: 'teal', title: 'Admitted', message: `${participantName} is now on the census.` });
      onClose();
    } catch (error) {
      setExtra(applyFieldErrors(form, error, ADMISSION_FIELDS));
    }
  });

  return (
    <Modal opened onClose={onClose} title={`Admit ${participantName}`} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert error={admit.error} extra={extra} title="Could not admit" />
          <AdmissionFields form={form} />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={admit.isPending}>
              Admit
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
