import { Fragment, useState } from 'react';
import { Card, Group, SegmentedControl, Skeleton, Table, Text, Title } from '@mantine/core';
import type { AckPeriod } from '@trellis/core';
import { formatDate, formatShortDate } from '../../app/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useAcknowledgementReport } from './api.ts';
import { formatWait } from './outcome-format.ts';

/** Time to acknowledgement of safety alerts: median and 90th percentile, and alerts still open, by program and period. */
export function AcknowledgementSection({ programId }: { programId: string | null }) {
  const [period, setPeriod] = useState<AckPeriod>('week');
  const report = useAcknowledgementReport({ programId, period });
  const data = report.data;
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="ack-heading">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <div>
          <Title order={2} fz="lg" id="ack-heading">
            Time to acknowledge safety alerts
          </Title>
          {data && (
            <Text size="sm" c="dimmed">
              Alerts raised {formatDate(data.from)} to {formatDate(data.to)}. Times are for acknowledged alerts; open ones are counted apart.
            </Text>
          )}
        </div>
        <SegmentedControl
          aria-label="Period"
          value={period}
          onChange={(v) => setPeriod(v)}
          data={[
            { value: 'week', label: 'By week' },
            { value: 'month', label: 'By month' },
          ]}
        />
      </Group>
      {report.isPending && <Skeleton height={120} aria-label="Loading time to acknowledgement" />}
      {report.isError && <ProblemAlert error={report.error} title="Time to acknowledgement could not be loaded" onRetry={() => void report.refetch()} />}
      {data && data.programs.length === 0 && (
        <Text size="sm" c="dimmed">
          No safety alerts were raised in these weeks.
        </Text>
      )}
      {data && data.programs.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table withTableBorder verticalSpacing="xs" aria-label="Time to acknowledge safety alerts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{period === 'week' ? 'Week of' : 'Month'}</Table.Th>
                <Table.Th scope="col">Alerts</Table.Th>
                <Table.Th scope="col">Median time</Table.Th>
                <Table.Th scope="col">90th percentile</Table.Th>
                <Table.Th scope="col">Still open</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.programs.map((p) => (
                <Fragment key={p.programId}>
                  <Table.Tr>
                    <Table.Th scope="rowgroup" colSpan={5}>
                      {p.programName}: {p.total.alerts} alerts, median {formatWait(p.total.medianSeconds)}, {p.total.unacknowledged} open
                    </Table.Th>
                  </Table.Tr>
                  {p.periods.map((row) => (
                    <Table.Tr key={row.periodStart}>
                      <Table.Td>{period === 'week' ? formatShortDate(row.periodStart) : row.periodStart.slice(0, 7)}</Table.Td>
                      <Table.Td>{row.alerts}</Table.Td>
                      <Table.Td>{formatWait(row.medianSeconds)}</Table.Td>
                      <Table.Td>{formatWait(row.p90Seconds)}</Table.Td>
                      <Table.Td>{row.unacknowledged > 0 ? <Text c="red.8" fw={600} size="sm">{row.unacknowledged}</Text> : 0}</Table.Td>
                    </Table.Tr>
                  ))}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
