import { useState } from 'react';
import { Button, Group, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { closureCreatedSchema, closureListSchema, createClosureSchema, type CreateClosure } from '@trellis/core';
import { checkedApi, type FieldProblem } from '../../app/api-client.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { coreRequestForm } from '../../app/core-form.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useSites } from './api.ts';
import { DeleteClosureButton } from './DeleteClosureButton.tsx';

const closuresKey = ['closures'] as const;

interface ClosureValues {
  siteId: string | null;
  fromDate: string;
  toDate: string;
  reason: string;
}

/** A closure as core's createClosureSchema reads it; a closure of one day leaves the last day blank. */
const closureForm = coreRequestForm(
  createClosureSchema,
  (v: ClosureValues) => ({ siteId: v.siteId ?? '', fromDate: v.fromDate, toDate: v.toDate || v.fromDate, reason: v.reason }),
  { whenEmpty: { siteId: 'Choose the site', fromDate: 'Enter the first day', reason: 'Say why the site is closed' } },
);

/**
 * Holidays and closures per site, a list the director keeps: no sessions are generated on a closed day, and adding a
 * closure cancels the sessions it covers with its reason.
 */
export function ClosuresPanel({ canWrite }: { canWrite: boolean }) {
  const queryClient = useQueryClient();
  const sites = useSites();
  const closures = useQuery({
    queryKey: closuresKey,
    queryFn: ({ signal }) => checkedApi.get(closureListSchema, '/api/v1/closures', undefined, signal),
    select: (data) => data.items,
  });
  const add = useMutation({
    mutationFn: (input: CreateClosure) => checkedApi.post(closureCreatedSchema, '/api/v1/closures', input),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: closuresKey });
      await queryClient.invalidateQueries({ queryKey: ['sessions'] });
      notifications.show({
        color: 'teal',
        title: 'Closure added',
        message: `${created.cancelledSessions} session${created.cancelledSessions === 1 ? '' : 's'} cancelled${
          created.keptSessions > 0 ? `; ${created.keptSessions} kept because their roll was taken` : ''
        }.`,
      });
      form.setValues({ fromDate: '', toDate: '', reason: '' });
    },
  });
  const [extra, setExtra] = useState<FieldProblem[]>([]);
  const form = useForm<ClosureValues>({ initialValues: { siteId: null, fromDate: '', toDate: '', reason: '' }, validate: closureForm.validate });
  const submit = form.onSubmit(async (v) => {
    setExtra([]);
    try {
      await add.mutateAsync(closureForm.request(v));
    } catch (error) {
      setExtra(applyFieldErrors(form, error, ['siteId', 'fromDate', 'toDate', 'reason']));
    }
  });

  return (
    <Stack gap="md">
      {canWrite && (
        <Paper withBorder radius="md" p="md">
          <form onSubmit={submit} noValidate>
            <Group align="flex-end" wrap="wrap">
              <Select
                label="Site"
                data={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
                required
                {...form.getInputProps('siteId')}
              />
              <TextInput label="First day" type="date" required {...form.getInputProps('fromDate')} />
              <TextInput label="Last day" type="date" {...form.getInputProps('toDate')} />
              <TextInput label="Reason" placeholder="Thanksgiving" required {...form.getInputProps('reason')} />
              <Button type="submit" loading={add.isPending}>
                Close these days
              </Button>
            </Group>
          </form>
          {add.isError && <ProblemAlert error={add.error} extra={extra} title="The closure could not be added" />}
        </Paper>
      )}
      {closures.isError && <ProblemAlert error={closures.error} title="Closures could not be loaded" onRetry={() => void closures.refetch()} />}
      {closures.isSuccess &&
        (closures.data.length === 0 ? (
          <EmptyState title="No closures">Add holidays and closed days; sessions are not held on them.</EmptyState>
        ) : (
          <Paper withBorder radius="md">
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Site</Table.Th>
                  <Table.Th>Days</Table.Th>
                  <Table.Th>Reason</Table.Th>
                  <Table.Th>Sessions cancelled</Table.Th>
                  {canWrite && <Table.Th aria-label="Actions" />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {closures.data.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>{c.siteName}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{c.fromDate === c.toDate ? c.fromDate : `${c.fromDate} – ${c.toDate}`}</Text>
                    </Table.Td>
                    <Table.Td>{c.reason}</Table.Td>
                    <Table.Td>{c.cancelledSessions}</Table.Td>
                    {canWrite && (
                      <Table.Td>
                        <DeleteClosureButton closure={c} />
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        ))}
    </Stack>
  );
}
