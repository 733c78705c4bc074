import { Card, Skeleton, Text, Title } from '@mantine/core';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useOwnDisclosures } from './api.ts';
import { DisclosuresTable } from './DisclosuresTable.tsx';

/** In the participant's portal: who among their family has seen their records, and when (42 CFR Part 2). */
export function OwnDisclosuresCard() {
  const q = useOwnDisclosures();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="disclosures-heading">
      <Title order={2} size="h4" id="disclosures-heading" mb="xs">
        Who has seen your records
      </Title>
      <Text size="sm" mb="xs">
        Each time a family member you gave consent to sees your schedule, attendance or plan, it is listed here.
      </Text>
      {q.isPending && <Skeleton height={40} />}
      {q.isError && <ProblemAlert error={q.error} />}
      {q.isSuccess && (
        <DisclosuresTable items={q.data.items} empty="Nobody has seen your records through the family portal." />
      )}
    </Card>
  );
}
