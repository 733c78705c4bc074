import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useAuth, ME_QUERY_KEY } from './auth-context.tsx';

/** Pages behind sign-in: while checking, a loader; signed out, the sign-in page that comes back here afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, loading } = useAuth();
  const location = useLocation();
  const queryClient = useQueryClient();
  const state = queryClient.getQueryState(ME_QUERY_KEY);

  if (loading && state?.status !== 'error') {
    return (
      <Center h="100vh" role="status" aria-label="Loading Trellis">
        <Loader />
      </Center>
    );
  }
  if (state?.status === 'error' && !me) {
    return (
      <Center h="100vh" p="md">
        <Stack align="center" role="alert">
          <Text fw={600}>Trellis could not be reached.</Text>
          <Text c="dimmed" size="sm">
            Check the connection, then try again.
          </Text>
          <Button onClick={() => void queryClient.refetchQueries({ queryKey: ME_QUERY_KEY })}>Try again</Button>
        </Stack>
      </Center>
    );
  }
  if (!me) {
    const next = `${location.pathname}${location.search}`;
    const search = next !== '/' ? `?next=${encodeURIComponent(next)}` : '';
    return <Navigate to={`/sign-in${search}`} replace />;
  }
  // An organisation that requires two-factor sign-in lets someone not yet enrolled do only that.
  if (me.twoFactorPending && location.pathname !== '/account') return <Navigate to="/account" replace />;
  return children;
}
