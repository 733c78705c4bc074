import { Badge, Tooltip } from '@mantine/core';
import type { LedgerStatus } from '@trellis/core';
import { LEDGER_STATUS_COLORS, LEDGER_STATUS_DESCRIPTIONS, LEDGER_STATUS_LABELS } from './ledger-status.ts';

/** The weekly hours status as a coloured badge whose text is the status ("At risk"). */
export function LedgerStatusBadge({ status, size = 'md' }: { status: LedgerStatus; size?: 'sm' | 'md' | 'lg' }) {
  return (
    <Tooltip label={LEDGER_STATUS_DESCRIPTIONS[status]} multiline w={260} withArrow openDelay={300}>
      <Badge
        color={LEDGER_STATUS_COLORS[status]}
        variant="light"
        size={size}
        radius="sm"
        data-status={status}
        style={{ flexShrink: 0 }}
      >
        {LEDGER_STATUS_LABELS[status]}
      </Badge>
    </Tooltip>
  );
}
