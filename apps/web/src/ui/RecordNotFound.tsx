import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { isApiError } from '../app/api-client.ts';
import { usePageTitle } from './page-title.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether an id from the address can name a record at all (every record id is a UUID). */
export function isRecordId(id: string | undefined): id is string {
  return !!id && UUID.test(id);
}

/** A request for a record that is not there (404), or for an id that cannot be one (400 on the path). */
export function isNotFound(error: unknown): boolean {
  return isApiError(error, 404) || (isApiError(error, 400) && error.errors.some((e) => e.path.startsWith('params')));
}

/** "Not found" for an address naming a record that does not exist or that the reader cannot see. */
export function RecordNotFound({ what, backTo, backLabel }: { what: string; backTo: string; backLabel: string }) {
  usePageTitle(`${what} not found`);
  return (
    <Center mih="50vh" p="md">
      <Stack align="center" ta="center" role="alert">
        <Title order={1} fz={26}>
          {what} not found
        </Title>
        <Text c="dimmed">The address may be mistyped or out of date, or the record is not one you can see.</Text>
        <Button component={Link} to={backTo}>
          {backLabel}
        </Button>
      </Stack>
    </Center>
  );
}
