import { Badge, Card, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { CartesianGrid, ComposedChart, Line, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MeasureSeries } from '@trellis/core';
import { formatDate, formatShortDate } from '../../app/format.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useParticipantMeasures } from './api.ts';
import { formatChange } from './outcome-format.ts';

/** Band fills from the mildest band to the most severe, spread over however many bands an instrument has. */
const BAND_FILLS = ['#2f9e44', '#94d82d', '#fab005', '#fd7e14', '#e03131'];
const IMPROVED = '#2b8a3e';
const DETERIORATED = '#c92a2a';
const PLAIN = '#1c7ed6';

function bandFill(index: number, count: number): string {
  if (count <= 1) return BAND_FILLS[0]!;
  return BAND_FILLS[Math.round((index / (count - 1)) * (BAND_FILLS.length - 1))]!;
}

type Marker = 'improved' | 'deteriorated' | null;

const MARKER_WORDS: Record<Exclude<Marker, null>, string> = {
  improved: 'reliable improvement',
  deteriorated: 'reliable deterioration',
};

interface DotProps {
  cx?: number;
  cy?: number;
  index?: number;
  payload?: { marker: Marker };
}

/** A score's marker: a downward green triangle for reliable improvement, an upward red one for deterioration, else a dot. */
function ScoreDot({ cx, cy, index, payload }: DotProps) {
  if (cx === undefined || cy === undefined) return <g key={index} />;
  const marker = payload?.marker ?? null;
  if (marker === 'improved') return <path key={index} d={`M${cx - 7},${cy - 5} L${cx + 7},${cy - 5} L${cx},${cy + 7} Z`} fill={IMPROVED} stroke="#fff" />;
  if (marker === 'deteriorated') return <path key={index} d={`M${cx - 7},${cy + 5} L${cx + 7},${cy + 5} L${cx},${cy - 7} Z`} fill={DETERIORATED} stroke="#fff" />;
  return <circle key={index} cx={cx} cy={cy} r={4} fill={PLAIN} stroke="#fff" />;
}

const markerOf = (p: MeasureSeries['points'][number]): Marker =>
  p.fromFirst?.reliable ? (p.fromFirst.direction === 'improved' ? 'improved' : p.fromFirst.direction === 'deteriorated' ? 'deteriorated' : null) : null;

/** One instrument's scores in one episode: the line over its severity bands, with reliable-change markers, and the same as a table. */
export function MeasureChart({ series, label }: { series: MeasureSeries; label: string }) {
  const points = series.points.filter((p) => p.total !== null);
  const data = points.map((p, i) => ({ i, date: p.administeredAt.slice(0, 10), total: p.total, marker: markerOf(p) }));
  const bands = series.bands.filter((b) => b.min !== null && b.max !== null);
  const top = Math.max(...bands.map((b) => b.max ?? 0), ...points.map((p) => p.total ?? 0));
  const summary = points
    .map((p) => {
      const m = markerOf(p);
      return `${formatShortDate(p.administeredAt.slice(0, 10))}: ${p.total}${p.band ? ` (${p.band.label})` : ''}${m ? `, ${MARKER_WORDS[m]}` : ''}`;
    })
    .join('; ');
  const headingId = `measure-${series.episodeId}-${series.instrument}`;
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={3} fz="md" id={headingId}>
          {label}
        </Title>
        <Group gap="xs">
          {series.outcome?.response && <Badge color="teal" variant="light">Response</Badge>}
          {series.outcome?.remission && <Badge color="green" variant="light">Remission</Badge>}
        </Group>
      </Group>
      <div role="img" aria-label={`Line chart of ${series.shortName} scores over severity bands. ${summary}`}>
        <ResponsiveContainer width="100%" height={240}>
          <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
            {bands.map((b, index) => (
              <ReferenceArea
                key={b.id}
                y1={Math.max(0, (b.min ?? 0) - 0.5)}
                y2={(b.max ?? 0) + 0.5}
                fill={bandFill(index, bands.length)}
                fillOpacity={0.14}
                stroke="none"
                ifOverflow="hidden"
                label={{ value: b.label, position: 'insideLeft', fontSize: 11, fill: '#495057' }}
              />
            ))}
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="i" type="number" domain={[0, Math.max(0, data.length - 1)]} ticks={data.map((d) => d.i)} tickFormatter={(i: number) => formatShortDate(data[i]?.date ?? '')} />
            <YAxis domain={[0, top]} allowDecimals={false} width={36} />
            <Tooltip labelFormatter={(i) => formatDate(data[Number(i)]?.date)} formatter={(v) => [String(v), 'Score']} />
            <Line type="linear" dataKey="total" stroke={PLAIN} strokeWidth={2} isAnimationActive={false} dot={(props: DotProps) => <ScoreDot {...props} />} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <Text size="xs" c="dimmed" mt={4}>
        ▼ green: reliable improvement from the admission score · ▲ red: reliable deterioration · bands: severity
      </Text>
      {[...new Set(points.map((p) => p.scoringNote).filter((n) => n !== null))].map((note) => (
        <Text key={note} size="xs" mt={4}>
          {note}
        </Text>
      ))}
      <Table mt="sm" withTableBorder verticalSpacing={4} fz="sm" aria-label={`${series.shortName} scores`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Date</Table.Th>
            <Table.Th scope="col">Score</Table.Th>
            <Table.Th scope="col">Severity</Table.Th>
            <Table.Th scope="col">Change from admission</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {points.map((p) => {
            const m = markerOf(p);
            return (
              <Table.Tr key={p.responseId}>
                <Table.Td>{formatDate(p.administeredAt.slice(0, 10))}</Table.Td>
                <Table.Td>{p.total}</Table.Td>
                <Table.Td>{p.band?.label ?? '—'}</Table.Td>
                <Table.Td>
                  {p.fromFirst ? formatChange(p.fromFirst.change) : 'admission score'}
                  {m && (
                    <Text span c={m === 'improved' ? 'green.8' : 'red.8'} fw={600} size="sm">
                      {' '}
                      ({MARKER_WORDS[m]})
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/**
 * A participant's measures over time on their page: per episode and instrument with a total, a chart with the severity
 * bands behind the line and reliable-change markers, and a table of the same scores. Loaded only for roles with
 * measure.read, and only when the page shows it (this module carries the chart library).
 */
export function MeasureCharts({ participantId }: { participantId: string }) {
  const measures = useParticipantMeasures(participantId);
  if (measures.isPending) return <Skeleton height={260} aria-label="Loading measures" />;
  if (measures.isError) return <ProblemAlert error={measures.error} title="Measures could not be loaded" onRetry={() => void measures.refetch()} />;
  const charted = measures.data.series
    .filter((s) => s.points.some((p) => p.total !== null))
    .sort((a, b) => (b.points[0]?.administeredAt ?? '').localeCompare(a.points[0]?.administeredAt ?? ''));
  const seen = new Set<string>();
  return (
    <Stack gap="md" component="section" aria-labelledby="measures-heading">
      <Title order={2} fz="lg" id="measures-heading">
        Measures over time
      </Title>
      {charted.length === 0 ? (
        <EmptyState title="No scores yet">Scores appear here once a measure such as the PHQ-9 or GAD-7 is entered.</EmptyState>
      ) : (
        charted.map((s) => {
          const earlier = seen.has(s.instrument);
          seen.add(s.instrument);
          const started = s.points[0]?.administeredAt.slice(0, 10);
          const label = earlier ? `${s.shortName} (earlier episode, from ${formatDate(started)})` : s.shortName;
          return <MeasureChart key={`${s.episodeId}-${s.instrument}`} series={s} label={label} />;
        })
      )}
    </Stack>
  );
}
