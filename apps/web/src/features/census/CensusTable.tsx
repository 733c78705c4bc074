import { Anchor, Button, Paper, Table, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { CensusRow } from '../../api/types.ts';
import { HoursProgress } from '../../ui/HoursProgress.tsx';
import { LedgerStatusBadge } from '../../ui/LedgerStatusBadge.tsx';
import { SortableHeader } from '../../ui/SortableHeader.tsx';
import type { CensusSort, CensusSortKey } from './census-sort.ts';
import { ServiceCountsCell } from './ServiceCountsCell.tsx';

interface CensusTableProps {
  rows: CensusRow[];
  sort: CensusSort;
  onSort: (key: CensusSortKey) => void;
  weekLabel: string;
  /** The week is over: hours are what was attended, with nothing projected. */
  past?: boolean;
  /** Offered on rows whose week is at risk or short (make-up sessions); left out when the viewer may not book. */
  onMakeUp?: ((row: CensusRow) => void) | undefined;
}

/** Whether a row's week can still be saved by a make-up: at risk or short, in a week that is not over. */
export function offersMakeUp(row: CensusRow, past: boolean): boolean {
  return !past && (row.ledger.status === 'at-risk' || row.ledger.status === 'short');
}

/** The census row's "Make-up" action, where the week can still be saved. */
export function MakeUpButton({ row, past, onMakeUp }: { row: CensusRow; past: boolean; onMakeUp: ((row: CensusRow) => void) | undefined }) {
  if (!onMakeUp || !offersMakeUp(row, past)) return null;
  return (
    <Button size="compact-xs" variant="light" mt={4} onClick={() => onMakeUp(row)} aria-label={`Make-up for ${row.displayName}`}>
      Make-up
    </Button>
  );
}

export function programTrack(row: CensusRow): string {
  return row.trackName ? `${row.programName} · ${row.trackName}` : row.programName;
}

export function CensusTable({ rows, sort, onSort, weekLabel, past = false, onMakeUp }: CensusTableProps) {
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={880}>
        <Table>
          <Table.Caption style={{ captionSide: 'top', textAlign: 'left', padding: '12px 16px 0' }}>
            Weekly hours, {weekLabel}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <SortableHeader active={sort.key === 'name'} direction={sort.direction} onSort={() => onSort('name')}>
                Participant
              </SortableHeader>
              <Table.Th>Program · track</Table.Th>
              <SortableHeader active={sort.key === 'hours'} direction={sort.direction} onSort={() => onSort('hours')} width={260}>
                {past ? 'Hours that week' : 'Hours this week'}
              </SortableHeader>
              <Table.Th ta="center">Per-diem days</Table.Th>
              <Table.Th>Appointments</Table.Th>
              <SortableHeader active={sort.key === 'status'} direction={sort.direction} onSort={() => onSort('status')}>
                Status
              </SortableHeader>
              <Table.Th>Why</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.episodeId} data-participant-id={row.participantId}>
                <Table.Td>
                  <Anchor component={Link} to={`/participants/${row.participantId}`} className="row-link">
                    {row.displayName}
                  </Anchor>
                  {row.primaryClinicianName && (
                    <Text size="xs" c="dimmed">
                      {row.primaryClinicianName}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{row.programName}</Text>
                  {row.trackName && (
                    <Text size="xs" c="dimmed">
                      {row.trackName}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <HoursProgress ledger={row.ledger} compact past={past} />
                </Table.Td>
                <Table.Td ta="center">
                  <Text size="sm">{row.ledger.daysMeetingPerDiem}</Text>
                </Table.Td>
                <Table.Td>
                  <ServiceCountsCell services={row.services} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <LedgerStatusBadge status={row.ledger.status} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={row.ledger.programCaused ? 'orange.9' : undefined}>
                    {row.ledger.reason ?? ''}
                  </Text>
                  <MakeUpButton row={row} past={past} onMakeUp={onMakeUp} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
