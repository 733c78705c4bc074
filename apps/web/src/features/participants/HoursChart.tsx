import { BarChart } from '@mantine/charts';
import { Card, Group, Text, Title } from '@mantine/core';
import type { LedgerStatus, WeeklyHoursLedger } from '@trellis/core';
import { formatHours, formatShortDate } from '../../app/format.ts';
import { LEDGER_STATUS_COLORS, LEDGER_STATUS_LABELS, LEDGER_STATUSES } from '../../ui/ledger-status.ts';

interface HoursChartProps {
  weeks: WeeklyHoursLedger[];
  /** The program's full-week minimum; partial weeks are prorated in the table. */
  requiredHours: number | null;
}

/**
 * Attended hours per program week, coloured by the week's status, with still-scheduled hours stacked on top and a
 * line at the required minimum.
 */
export function HoursChart({ weeks, requiredHours }: HoursChartProps) {
  const minimum = requiredHours ?? Math.max(0, ...weeks.map((w) => w.requiredHours));
  const data = weeks.map((w) => {
    const row: Record<string, string | number> = { week: formatShortDate(w.weekMonday), remaining: Math.max(0, w.projectedHours - w.attendedHours) };
    for (const status of LEDGER_STATUSES) row[status] = w.status === status ? w.attendedHours : 0;
    return row;
  });
  const shown = new Set<LedgerStatus>(weeks.map((w) => w.status));
  const series = [
    ...LEDGER_STATUSES.filter((s) => shown.has(s)).map((s) => ({ name: s, label: `Attended (${LEDGER_STATUS_LABELS[s].toLowerCase()})`, color: `${LEDGER_STATUS_COLORS[s]}.6`, stackId: 'hours' })),
    ...(weeks.some((w) => w.projectedHours > w.attendedHours) ? [{ name: 'remaining', label: 'Still scheduled', color: 'gray.4', stackId: 'hours' }] : []),
  ];
  const summary = weeks
    .map((w) => `Week of ${formatShortDate(w.weekMonday)}: ${formatHours(w.attendedHours, { unit: false })} of ${formatHours(w.requiredHours)}, ${LEDGER_STATUS_LABELS[w.status]}`)
    .join('. ');

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="hours-chart-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="lg" id="hours-chart-heading">
          Weekly hours
        </Title>
        <Text size="sm" c="dimmed">
          Required: at least {formatHours(minimum)} a week
        </Text>
      </Group>
      <div role="img" aria-label={`Bar chart of weekly hours. ${summary}`}>
        <BarChart
          h={260}
          data={data}
          dataKey="week"
          type="stacked"
          series={series}
          unit=" h"
          withLegend
          legendProps={{ verticalAlign: 'bottom', height: 40, itemSorter: null }}
          valueFormatter={(v) => formatHours(v)}
          referenceLines={[{ y: minimum, label: `Minimum ${formatHours(minimum)}`, color: 'red.6', labelPosition: 'insideTopRight' }]}
          yAxisProps={{ domain: [0, (max: number) => Math.ceil(Math.max(max, minimum) * 1.15)] }}
          maxBarWidth={48}
          accessibilityLayer={false}
        />
      </div>
    </Card>
  );
}
