import { useState } from 'react';
import { ActionIcon, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { formatDateTime } from '../../app/format.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';

export interface TimeOffRow {
  id: string;
  startsAt: string;
  endsAt: string;
  /** "Leave", "Training", or null for a participant's exception. */
  label: string | null;
  note: string | null;
}

interface TimeOffListProps {
  rows: TimeOffRow[];
  emptyText: string;
  canRemove: boolean;
  removing: boolean;
  removeError: unknown;
  onRemove: (id: string) => Promise<unknown>;
}

/** Recorded absences, each removable after a confirmation. */
export function TimeOffList({ rows, emptyText, canRemove, removing, removeError, onRemove }: TimeOffListProps) {
  const [asking, setAsking] = useState<TimeOffRow | null>(null);
  if (rows.length === 0) return <Text c="dimmed">{emptyText}</Text>;
  const span = (r: TimeOffRow) => `${formatDateTime(r.startsAt)} – ${formatDateTime(r.endsAt)}`;
  return (
    <>
      <Table>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id}>
              {r.label !== null && <Table.Td>{r.label}</Table.Td>}
              <Table.Td>{span(r)}</Table.Td>
              <Table.Td>{r.note ?? ''}</Table.Td>
              {canRemove && (
                <Table.Td w={40}>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Remove ${r.label ?? 'exception'} ${span(r)}`}
                    onClick={() => setAsking(r)}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <ConfirmModal
        opened={asking !== null}
        title="Remove this absence?"
        confirmLabel="Remove"
        destructive
        loading={removing}
        error={removeError}
        onClose={() => setAsking(null)}
        onConfirm={() => {
          if (!asking) return;
          void onRemove(asking.id).then(
            () => {
              notifications.show({ color: 'teal', title: 'Removed', message: span(asking) });
              setAsking(null);
            },
            () => undefined,
          );
        }}
      >
        {asking ? `${asking.label ?? 'The exception'} from ${span(asking)} will no longer block bookings.` : ''}
      </ConfirmModal>
    </>
  );
}
