import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router-dom';
import { usePageTitle } from '../ui/page-title.ts';

/** Shown when a page fails to render: plain words and a way back, never a stack trace. */
export function RouteError() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  usePageTitle(notFound ? 'Page not found' : 'Something went wrong');
  return (
    <Center mih="60vh" p="md">
      <Stack align="center" ta="center" role="alert">
        <Title order={1} fz={26}>
          {notFound ? 'There is no page here' : 'This page could not be shown'}
        </Title>
        <Text c="dimmed">
          {notFound ? 'The address may be mistyped or out of date.' : 'Reload the page; if it happens again, tell your administrator.'}
        </Text>
        <Button component={Link} to="/">
          Go to the start page
        </Button>
      </Stack>
    </Center>
  );
}

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <Center mih="50vh">
      <Stack align="center" ta="center">
        <Title order={1} fz={26}>
          There is no page here
        </Title>
        <Text c="dimmed">The address may be mistyped or out of date.</Text>
        <Button component={Link} to="/">
          Go to the start page
        </Button>
      </Stack>
    </Center>
  );
}
