import { useState } from 'react';
import { Alert, Card, Group, Loader, Table, Text, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useQuery } from '@tanstack/react-query';
import { addDays, INQUIRY_SOURCE_LABELS, inquiryPipelineQuerySchema, inquiryPipelineSchema, type InquiryPipeline } from '@trellis/core';
import { checkedApi, errorMessage } from '../../app/api-client.ts';
import { todayIn } from '../../app/format.ts';

/** The default period: the last 90 days, today included. */
const DEFAULT_DAYS = 90;

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);
const days = (d: number | null) => (d === null ? '—' : `${Number.isInteger(d) ? d : d.toFixed(1)} days`);
const sourceLabel = (s: InquiryPipeline['figures'][number]['source']) => (s === 'all' ? 'All sources' : INQUIRY_SOURCE_LABELS[s]);

/** Conversion rate and median days from inquiry to admission by referral source, over a chosen period. */
export function PipelineFigures() {
  const today = todayIn();
  const [from, setFrom] = useState<string | null>(addDays(today, -(DEFAULT_DAYS - 1)));
  const [to, setTo] = useState<string | null>(today);
  const period = inquiryPipelineQuerySchema.safeParse({ from, to });
  const figures = useQuery({
    queryKey: ['inquiries', 'pipeline', from, to],
    queryFn: ({ signal }) => checkedApi.get(inquiryPipelineSchema, '/api/v1/inquiries/pipeline', { from: from!, to: to! }, signal),
    enabled: period.success,
  });
  const periodProblem = period.success ? null : period.error.issues[0]?.message;
  return (
    <Card withBorder component="section" aria-labelledby="pipeline-title">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={2} size="h4" id="pipeline-title">
          Admissions pipeline
        </Title>
        <Group gap="xs">
          <DateInput label="From" size="xs" value={from} onChange={setFrom} maxDate={today} />
          <DateInput label="To" size="xs" value={to} onChange={setTo} maxDate={today} error={periodProblem ? `To ${periodProblem}` : undefined} />
        </Group>
      </Group>
      {figures.isFetching && <Loader size="sm" aria-label="Loading pipeline figures" />}
      {figures.isError && <Alert color="red">{errorMessage(figures.error)}</Alert>}
      {figures.data && (
        <Table mt="sm" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Source</Table.Th>
              <Table.Th>Inquiries</Table.Th>
              <Table.Th>Admitted</Table.Th>
              <Table.Th>Conversion</Table.Th>
              <Table.Th>Median time to admission</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {figures.data.figures.map((f) => (
              <Table.Tr key={f.source} fw={f.source === 'all' ? 700 : undefined}>
                <Table.Td>{sourceLabel(f.source)}</Table.Td>
                <Table.Td>{f.inquiries}</Table.Td>
                <Table.Td>{f.admitted}</Table.Td>
                <Table.Td>{percent(f.conversionRate)}</Table.Td>
                <Table.Td>{days(f.medianDaysToAdmission)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Text size="xs" c="dimmed" mt="xs">
        Inquiries that came in during the period; time to admission counts from the inquiry to the admission date.
      </Text>
    </Card>
  );
}
