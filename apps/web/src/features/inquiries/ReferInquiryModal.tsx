import { Button, Group, Modal, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { inquirySchema, referInquirySchema, type Inquiry } from '@trellis/core';
import { checkedApi } from '../../app/api-client.ts';
import { coreSchemaResolver } from '../../app/core-form.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';

interface ReferValues {
  version: number;
  referredTo: string;
  reason: string;
}

/** "Refer elsewhere": where the person was referred and why; the inquiry leaves the open columns. */
export function ReferInquiryModal({ inquiry: i, onClose }: { inquiry: Inquiry; onClose: () => void }) {
  const queryClient = useQueryClient();
  const form = useForm<ReferValues>({
    initialValues: { version: i.version, referredTo: '', reason: '' },
    validate: coreSchemaResolver<ReferValues>(referInquirySchema),
  });
  const refer = useMutation({
    mutationFn: (values: ReferValues) => checkedApi.post(inquirySchema, `/api/v1/inquiries/${i.id}/refer`, values),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['inquiries'] });
      onClose();
    },
    onError: (error) => applyFieldErrors(form, error, ['referredTo', 'reason']),
  });
  return (
    <Modal opened onClose={onClose} title={`Refer ${i.name} elsewhere`}>
      <form onSubmit={form.onSubmit((v) => refer.mutate(v))} noValidate>
        <Stack gap="sm">
          <ProblemAlert error={refer.error} title="Could not record the referral" />
          <TextInput label="Referred to" description="The program or provider" required maxLength={200} {...form.getInputProps('referredTo')} />
          <Textarea label="Why" required rows={3} maxLength={1000} {...form.getInputProps('reason')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={refer.isPending}>
              Record referral
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
