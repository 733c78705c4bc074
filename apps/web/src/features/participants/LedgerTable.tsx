import { Badge, Card, Table, Text, Title, Tooltip } from '@mantine/core';
import { addDays, type ParticipantLedger, type WeeklyHoursLedger } from '@trellis/core';
import { formatHours, formatWeekRange } from '../../app/format.ts';
import { LedgerStatusBadge } from '../../ui/LedgerStatusBadge.tsx';
import { RequiredServicesCell } from './RequiredServicesCell.tsx';

/** The weekly hours ledger, one row per program week of the episode, newest first, with each week's required appointments. */
export function LedgerTable({
  weeks,
  currentMonday,
  services = [],
}: {
  weeks: WeeklyHoursLedger[];
  currentMonday: string | null;
  services?: ParticipantLedger['services'];
}) {
  const rows = [...weeks].reverse();
  const servicesOf = new Map(services.map((s) => [s.weekMonday, s.items]));
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="ledger-heading">
      <Title order={2} fz="lg" id="ledger-heading" mb="sm">
        Week by week
      </Title>
      <Table.ScrollContainer minWidth={860}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Program week</Table.Th>
              <Table.Th ta="right">Attended</Table.Th>
              <Table.Th ta="right">Still scheduled</Table.Th>
              <Table.Th ta="right">Projected</Table.Th>
              <Table.Th ta="right">Required</Table.Th>
              <Table.Th ta="center">Per-diem days</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Appointments</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((w) => (
              <Table.Tr key={w.weekMonday} aria-current={w.weekMonday === currentMonday ? 'date' : undefined} fw={w.weekMonday === currentMonday ? 600 : undefined}>
                <Table.Td>
                  <Text size="sm" span fw="inherit">
                    {formatWeekRange(w.weekMonday, addDays(w.weekMonday, 6))}
                  </Text>
                  {w.weekMonday === currentMonday && (
                    <Badge size="xs" variant="outline" ml={6}>
                      This week
                    </Badge>
                  )}
                  {w.partialWeek && (
                    <Tooltip label="The episode covers only part of this week, so the requirement is prorated.">
                      <Badge size="xs" variant="light" color="gray" ml={6} tabIndex={0}>
                        Partial
                      </Badge>
                    </Tooltip>
                  )}
                </Table.Td>
                <Table.Td ta="right">{formatHours(w.attendedHours)}</Table.Td>
                <Table.Td ta="right">{formatHours(w.scheduledHours + w.unrecordedHours)}</Table.Td>
                <Table.Td ta="right">
                  {formatHours(w.projectedHours)}
                  {w.overMax && (
                    <Tooltip label={`Above the level of care's ${w.maxHours === null ? '' : formatHours(w.maxHours)} maximum`}>
                      <Badge size="xs" color="yellow" ml={6} tabIndex={0}>
                        Over max
                      </Badge>
                    </Tooltip>
                  )}
                </Table.Td>
                <Table.Td ta="right">{formatHours(w.requiredHours)}</Table.Td>
                <Table.Td ta="center">{w.daysMeetingPerDiem}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <LedgerStatusBadge status={w.status} size="sm" />
                </Table.Td>
                <Table.Td>
                  <RequiredServicesCell items={servicesOf.get(w.weekMonday) ?? []} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
