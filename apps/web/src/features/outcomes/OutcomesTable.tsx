import { Fragment } from 'react';
import { Table, Text } from '@mantine/core';
import type { OutcomesReport } from '@trellis/core';
import { formatChange, formatShare } from './outcome-format.ts';

type Group = OutcomesReport['groups'][number];

/**
 * One row per group and instrument: how many episodes were measured (a baseline and a later score), and each figure
 * as a count out of the episodes that could count towards it. Counts only; no one is named.
 */
export function OutcomesTable({ groups, total, groupLabel }: { groups: Group[]; total: OutcomesReport['total']; groupLabel: string }) {
  const all: Group = { id: 'all', name: 'All together', programName: null, episodes: total.episodes, instruments: total.instruments };
  const shown = groups.length > 1 ? [...groups, all] : groups;
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped withTableBorder verticalSpacing="xs" aria-label={`Outcomes by ${groupLabel}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{groupLabel}</Table.Th>
            <Table.Th scope="col">Measure</Table.Th>
            <Table.Th scope="col">Measured</Table.Th>
            <Table.Th scope="col">Reliable improvement</Table.Th>
            <Table.Th scope="col">Reliable deterioration</Table.Th>
            <Table.Th scope="col">Response</Table.Th>
            <Table.Th scope="col">Remission</Table.Th>
            <Table.Th scope="col">Mean change (admission → latest)</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((g) => {
            const heading = (
              <Table.Th scope="row" rowSpan={Math.max(1, g.instruments.length)} style={{ verticalAlign: 'top' }}>
                <Text fw={600} size="sm">
                  {g.name}
                </Text>
                {g.programName && (
                  <Text size="xs" c="dimmed">
                    {g.programName}
                  </Text>
                )}
                <Text size="xs" c="dimmed">
                  {g.episodes} {g.episodes === 1 ? 'participant' : 'participants'}
                </Text>
              </Table.Th>
            );
            if (g.instruments.length === 0) {
              return (
                <Table.Tr key={g.id ?? 'none'}>
                  {heading}
                  <Table.Td colSpan={7}>
                    <Text size="sm" c="dimmed">
                      No scores recorded
                    </Text>
                  </Table.Td>
                </Table.Tr>
              );
            }
            return (
              <Fragment key={g.id ?? 'none'}>
                {g.instruments.map((i, index) => (
                  <Table.Tr key={i.instrument}>
                    {index === 0 && heading}
                    <Table.Td>{i.shortName}</Table.Td>
                    <Table.Td>
                      {i.measured} of {i.scored}
                      {i.noBaseline + i.singleScore > 0 && (
                        <Text size="xs" c="dimmed">
                          {[i.noBaseline > 0 && `${i.noBaseline} no admission score`, i.singleScore > 0 && `${i.singleScore} one score only`].filter(Boolean).join('; ')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{formatShare(i.reliableImprovement)}</Table.Td>
                    <Table.Td>{formatShare(i.reliableDeterioration)}</Table.Td>
                    <Table.Td>{formatShare(i.response)}</Table.Td>
                    <Table.Td>{formatShare(i.remission)}</Table.Td>
                    <Table.Td>
                      {formatChange(i.meanChange)}
                      {i.meanBaseline !== null && i.meanLatest !== null && (
                        <Text size="xs" c="dimmed">
                          {i.meanBaseline} → {i.meanLatest}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
