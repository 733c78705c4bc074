import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Checkbox, Group, List, NumberInput, Paper, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import {
  MEASURES,
  measurementScheduleUpdateSchema,
  measurementScheduleViewSchema,
  type MeasurementScheduleUpdate,
} from '@trellis/core';
import { checkedApi } from '../../app/api-client.ts';
import { useMe } from '../../app/auth-context.tsx';
import { can } from '../../app/permissions.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { TableSkeleton } from '../../ui/TableSkeleton.tsx';
import { requestOf, rowsOf, type Row } from './schedule-rows.ts';

/** A program's measurement schedule: which instruments at admission, every N days, at discharge. */
export function MeasurementSchedulePage() {
  const { programId = '' } = useParams();
  const me = useMe();
  const client = useQueryClient();
  const path = `/api/v1/programs/${programId}/measurement-schedule`;
  const view = useQuery({
    queryKey: ['measurement-schedule', programId],
    queryFn: ({ signal }) => checkedApi.get(measurementScheduleViewSchema, path, undefined, signal),
  });
  const save = useMutation({
    mutationFn: (body: MeasurementScheduleUpdate) => checkedApi.put(measurementScheduleViewSchema, path, body),
    onSuccess: (saved) => {
      client.setQueryData(['measurement-schedule', programId], saved);
      setRows(rowsOf(saved));
      notifications.show({ color: 'teal', message: saved.isDefault ? 'The program follows the default schedule.' : 'Schedule saved.' });
    },
  });
  const [rows, setRows] = useState<Row[] | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const shown = rows ?? (view.data ? rowsOf(view.data) : null);
  const writes = can(me, 'setup.write');
  const change = (i: number, patch: Partial<Row>) => setRows((shown ?? []).map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const submit = () => {
    if (!shown) return;
    const body = requestOf(shown);
    const parsed = measurementScheduleUpdateSchema.safeParse(body);
    if (!parsed.success) {
      setProblems(
        parsed.error.issues.map((issue) => {
          const index = typeof issue.path[1] === 'number' ? issue.path[1] : -1;
          const rule = body.rules[index];
          return `${rule ? MEASURES[rule.instrument].instrument.shortName : 'Schedule'}: ${issue.message}`;
        }),
      );
      return;
    }
    setProblems([]);
    save.mutate(parsed.data);
  };

  return (
    <>
      <PageHeader
        title="Measurement schedule"
        description={view.data && `${view.data.programName}${view.data.isDefault ? ' · the default schedule for its focus' : ''}`}
        above={
          <Anchor component={Link} to="/setup/programs" size="sm">
            Back to programs
          </Anchor>
        }
      />
      {view.isPending ? (
        <TableSkeleton rows={8} label="Loading the schedule" />
      ) : view.isError ? (
        <ProblemAlert error={view.error} title="Could not load the schedule" onRetry={() => void view.refetch()} />
      ) : (
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            Choose the instruments this program gives. Leave every instrument unchosen and save to follow the default schedule again.
          </Text>
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={560}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Instrument</Table.Th>
                    <Table.Th>At admission</Table.Th>
                    <Table.Th>Every N days</Table.Th>
                    <Table.Th>At discharge</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {shown!.map((r, i) => {
                    const name = MEASURES[r.instrument].instrument.shortName;
                    return (
                      <Table.Tr key={r.instrument}>
                        <Table.Td>
                          <Checkbox label={name} checked={r.used} disabled={!writes} onChange={(e) => change(i, { used: e.currentTarget.checked })} />
                        </Table.Td>
                        <Table.Td>
                          <Checkbox aria-label={`${name} at admission`} checked={r.atAdmission} disabled={!writes || !r.used} onChange={(e) => change(i, { atAdmission: e.currentTarget.checked })} />
                        </Table.Td>
                        <Table.Td>
                          <NumberInput aria-label={`${name} every N days`} w={110} min={1} max={365} value={r.everyDays} disabled={!writes || !r.used} onChange={(v) => change(i, { everyDays: v })} />
                        </Table.Td>
                        <Table.Td>
                          <Checkbox aria-label={`${name} at discharge`} checked={r.atDischarge} disabled={!writes || !r.used} onChange={(e) => change(i, { atDischarge: e.currentTarget.checked })} />
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
          {problems.length > 0 && (
            <Alert color="red" title="Some rows need attention" role="alert">
              <List size="sm">
                {problems.map((p) => (
                  <List.Item key={p}>{p}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          {save.error && <ProblemAlert error={save.error} title="Could not save the schedule" />}
          {writes && (
            <Group>
              <Button onClick={submit} loading={save.isPending}>
                Save schedule
              </Button>
              {view.data.isDefault && (
                <Badge variant="light" color="gray">
                  Default
                </Badge>
              )}
            </Group>
          )}
        </Stack>
      )}
    </>
  );
}
