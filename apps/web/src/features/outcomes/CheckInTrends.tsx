import { Card, Skeleton, Table, Text, Title } from '@mantine/core';
import { Bar, CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { StoredCheckIn } from '@trellis/core';
import { formatDateTime, formatShortDate } from '../../app/format.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useCheckIns } from '../measure-links/api.ts';

/** The 0–10 ratings a check-in asks for, with the colour and dash each line is drawn in (dashes so colour is not the only cue). */
const RATINGS = [
  { key: 'mood', label: 'Mood', color: '#1c7ed6', dash: undefined },
  { key: 'anxiety', label: 'Anxiety', color: '#e8590c', dash: '6 3' },
  { key: 'craving', label: 'Craving', color: '#862e9c', dash: '2 3' },
] as const;
const SLEEP = '#5c940d';
const USE = '#c92a2a';

const substanceUseWords = (c: StoredCheckIn) => (c.anyUse ? `yes${c.substancesUsed ? `: ${c.substancesUsed}` : ''}` : 'no');

/**
 * A participant's daily check-ins over time: mood, anxiety and craving (0–10) as lines, hours slept as bars, days
 * with any use marked by a red line, and the same as a table (newest first). The chart is hidden from assistive
 * technology behind a one-line summary; the table carries every value.
 */
export function CheckInTrendsView({ items }: { items: readonly StoredCheckIn[] }) {
  const oldestFirst = [...items].sort((a, b) => a.checkedInAt.localeCompare(b.checkedInAt));
  const data = oldestFirst.map((c, i) => ({
    i,
    when: c.checkedInAt,
    mood: c.mood,
    anxiety: c.anxiety,
    craving: c.craving,
    sleepHours: c.sleepHours,
  }));
  const useDays = oldestFirst.flatMap((c, i) => (c.anyUse ? [i] : []));
  const first = oldestFirst[0];
  const last = oldestFirst[oldestFirst.length - 1];
  const summary =
    first && last
      ? `${oldestFirst.length} check-ins from ${formatShortDate(first.checkedInAt.slice(0, 10))} to ${formatShortDate(last.checkedInAt.slice(0, 10))}; ` +
        `latest mood ${last.mood}, anxiety ${last.anxiety}, craving ${last.craving} out of 10, ${last.sleepHours} hours of sleep; ` +
        `use reported on ${useDays.length} of them. The table below lists every check-in.`
      : '';
  const tick = (i: number) => formatShortDate(data[i]?.when.slice(0, 10) ?? '');
  const xAxis = <XAxis dataKey="i" type="number" domain={[-0.5, Math.max(0, data.length - 1) + 0.5]} ticks={data.map((d) => d.i)} tickFormatter={tick} />;
  const useLines = useDays.map((i) => <ReferenceLine key={i} x={i} stroke={USE} strokeWidth={2} strokeDasharray="4 2" />);
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="check-in-trends-heading">
      <Title order={3} fz="md" id="check-in-trends-heading" mb="xs">
        Daily check-ins
      </Title>
      <div role="img" aria-label={`Charts of daily check-ins. ${summary}`}>
        <ResponsiveContainer width="100%" height={200}>
          <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            {xAxis}
            <YAxis domain={[0, 10]} ticks={[0, 2, 4, 6, 8, 10]} width={36} />
            <Tooltip labelFormatter={(i) => formatDateTime(data[Number(i)]?.when ?? '')} />
            {useLines}
            {RATINGS.map((r) => (
              <Line key={r.key} type="linear" dataKey={r.key} name={r.label} stroke={r.color} strokeDasharray={r.dash} strokeWidth={2} isAnimationActive={false} />
            ))}
          </ComposedChart>
        </ResponsiveContainer>
        <ResponsiveContainer width="100%" height={120}>
          <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            {xAxis}
            <YAxis allowDecimals={false} width={36} />
            <Tooltip labelFormatter={(i) => formatDateTime(data[Number(i)]?.when ?? '')} formatter={(v) => [`${String(v)} h`, 'Sleep']} />
            {useLines}
            <Bar dataKey="sleepHours" name="Sleep (hours)" fill={SLEEP} isAnimationActive={false} maxBarSize={18} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <Text size="xs" c="dimmed" mt={4}>
        Top: mood (solid blue), anxiety (dashed orange), craving (dotted purple), 0–10 · bottom: hours slept · red dashed line: use reported that day
      </Text>
      <Table mt="sm" withTableBorder verticalSpacing={4} fz="sm" aria-label="Daily check-ins">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">When</Table.Th>
            <Table.Th scope="col">Mood</Table.Th>
            <Table.Th scope="col">Anxiety</Table.Th>
            <Table.Th scope="col">Craving</Table.Th>
            <Table.Th scope="col">Sleep (hours)</Table.Th>
            <Table.Th scope="col">Any use</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...oldestFirst].reverse().map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>{formatDateTime(c.checkedInAt)}</Table.Td>
              <Table.Td>{c.mood}</Table.Td>
              <Table.Td>{c.anxiety}</Table.Td>
              <Table.Td>{c.craving}</Table.Td>
              <Table.Td>{c.sleepHours}</Table.Td>
              <Table.Td>
                {c.anyUse ? (
                  <Text span c="red.8" fw={600} size="sm">
                    {substanceUseWords(c)}
                  </Text>
                ) : (
                  substanceUseWords(c)
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** Check-in trends on the participant page; loaded lazily with the chart library, like the measures. */
export function CheckInTrends({ participantId }: { participantId: string }) {
  const checkIns = useCheckIns(participantId);
  if (checkIns.isPending) return <Skeleton height={200} aria-label="Loading check-ins" />;
  if (checkIns.isError) return <ProblemAlert error={checkIns.error} title="Check-ins could not be loaded" onRetry={() => void checkIns.refetch()} />;
  if (checkIns.data.items.length === 0)
    return <EmptyState title="No check-ins yet">Mood, anxiety, craving and sleep appear here once the participant checks in.</EmptyState>;
  return <CheckInTrendsView items={checkIns.data.items} />;
}
