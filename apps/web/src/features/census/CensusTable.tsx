import { Anchor, Paper, Table, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { CensusRow } from '../../api/types.ts';
import { HoursProgress } from '../../ui/HoursProgress.tsx';
import { LedgerStatusBadge } from '../../ui/LedgerStatusBadge.tsx';
import { SortableHeader } from '../../ui/SortableHeader.tsx';
import type { CensusSort, CensusSortKey } from './census-sort.ts';

interface CensusTableProps {
  rows: CensusRow[];
  sort: CensusSort;
  onSort: (key: CensusSortKey) => void;
  weekLabel: string;
  /** The week is over: hours are what was attended, with nothing projected. */
  past?: boolean;
}

export function programTrack(row: CensusRow): string {
  return row.trackName ? `${row.programName} · ${row.trackName}` : row.programName;
}

export function CensusTable({ rows, sort, onSort, weekLabel, past = false }: CensusTableProps) {
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={760}>
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
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <LedgerStatusBadge status={row.ledger.status} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={row.ledger.programCaused ? 'orange.9' : undefined}>
                    {row.ledger.reason ?? ''}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
