import { Table, Text } from '@mantine/core';
import { CONSENT_CATEGORY_LABELS, type Part2DisclosureList } from '@trellis/core';
import { formatDateTime } from '../../app/format.ts';

/** The accounting of disclosures: who saw which records of a Part 2 program, and when (newest first). */
export function DisclosuresTable({ items, empty }: { items: Part2DisclosureList['items']; empty: string }) {
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>To</Table.Th>
            <Table.Th>What</Table.Th>
            <Table.Th>Program</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>{formatDateTime(d.disclosedAt)}</Table.Td>
              <Table.Td>{d.recipientName}</Table.Td>
              <Table.Td>
                {CONSENT_CATEGORY_LABELS[d.category]}
                <Text size="xs" c="dimmed">
                  {d.description}
                </Text>
              </Table.Td>
              <Table.Td>{d.programName}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
