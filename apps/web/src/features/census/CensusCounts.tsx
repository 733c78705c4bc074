import { Badge, Button, Group } from '@mantine/core';
import type { LedgerStatus } from '@trellis/core';
import type { Census } from '../../api/types.ts';
import { LEDGER_STATUS_COLORS, LEDGER_STATUS_LABELS, LEDGER_STATUSES } from '../../ui/ledger-status.ts';

const COUNT_KEYS: Record<LedgerStatus, Exclude<keyof Census['counts'], 'rollsNotTaken'>> = {
  met: 'met',
  'on-track': 'onTrack',
  'at-risk': 'atRisk',
  short: 'short',
};

const ORDER: LedgerStatus[] = ['at-risk', 'short', 'on-track', 'met'];

interface CensusCountsProps {
  counts: Census['counts'];
  selected: LedgerStatus | null;
  onSelect: (status: LedgerStatus | null) => void;
}

/** How many participants are in each status this week; each count also filters the list to that status. */
export function CensusCounts({ counts, selected, onSelect }: CensusCountsProps) {
  const statuses = ORDER.filter((s) => LEDGER_STATUSES.includes(s));
  return (
    <Group gap="xs" role="group" aria-label="Participants by status">
      {statuses.map((status) => {
        const count = counts[COUNT_KEYS[status]];
        const pressed = selected === status;
        return (
          <Button
            key={status}
            size="compact-md"
            radius="xl"
            color={LEDGER_STATUS_COLORS[status]}
            variant={pressed ? 'filled' : 'light'}
            aria-pressed={pressed}
            onClick={() => onSelect(pressed ? null : status)}
          >
            {count} {LEDGER_STATUS_LABELS[status].toLowerCase()}
          </Button>
        );
      })}
      {counts.rollsNotTaken > 0 && (
        <Badge color="gray" variant="outline" size="lg" radius="xl">
          {counts.rollsNotTaken} {counts.rollsNotTaken === 1 ? 'roll' : 'rolls'} not taken
        </Badge>
      )}
    </Group>
  );
}
