import { Anchor, Card, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { CensusRow } from '../../api/types.ts';
import { HoursProgress } from '../../ui/HoursProgress.tsx';
import { LedgerStatusBadge } from '../../ui/LedgerStatusBadge.tsx';
import { MakeUpButton, programTrack } from './CensusTable.tsx';
import { ServiceCountsCell } from './ServiceCountsCell.tsx';

/** The census as cards for a phone, one per participant. */
export function CensusCards({ rows, past = false, onMakeUp }: { rows: CensusRow[]; past?: boolean; onMakeUp?: ((row: CensusRow) => void) | undefined }) {
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Participants">
      {rows.map((row) => (
        <Card key={row.episodeId} withBorder radius="md" padding="md" component="li">
          <Group justify="space-between" align="flex-start" wrap="nowrap" mb="xs">
            <div style={{ minWidth: 0 }}>
              <Anchor component={Link} to={`/participants/${row.participantId}`} className="row-link">
                {row.displayName}
              </Anchor>
              <Text size="xs" c="dimmed">
                {programTrack(row)}
              </Text>
            </div>
            <LedgerStatusBadge status={row.ledger.status} />
          </Group>
          <HoursProgress ledger={row.ledger} compact past={past} />
          {row.ledger.reason && (
            <Text size="sm" mt={4} c={row.ledger.programCaused ? 'orange.9' : undefined}>
              {row.ledger.reason}
            </Text>
          )}
          <Group gap="xs" mt={6} align="flex-start">
            <Text size="xs" fw={500}>
              Appointments
            </Text>
            <ServiceCountsCell services={row.services} />
          </Group>
          <Text size="xs" c="dimmed" mt={4}>
            {row.ledger.daysMeetingPerDiem} per-diem {row.ledger.daysMeetingPerDiem === 1 ? 'day' : 'days'}
            {row.primaryClinicianName ? ` · ${row.primaryClinicianName}` : ''}
          </Text>
          <MakeUpButton row={row} past={past} onMakeUp={onMakeUp} />
        </Card>
      ))}
    </Stack>
  );
}
