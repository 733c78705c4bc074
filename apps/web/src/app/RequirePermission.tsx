import type { ReactNode } from 'react';
import type { Action } from '@trellis/core';
import { Button } from '@mantine/core';
import { Link } from 'react-router-dom';
import { IconLock } from '@tabler/icons-react';
import { useAuth } from './auth-context.tsx';
import { can } from './permissions.ts';
import { homePathFor } from './navigation.ts';
import { EmptyState } from '../ui/EmptyState.tsx';
import { usePageTitle } from '../ui/page-title.ts';

function NotAllowed({ home }: { home: string }) {
  usePageTitle('Not available');
  return (
    <EmptyState
      title="This page is not available to your role"
      icon={<IconLock size={26} />}
      action={
        <Button component={Link} to={home} variant="light">
          Go to your start page
        </Button>
      }
    >
      Ask a program director or administrator if you need access.
    </EmptyState>
  );
}

/** A page for roles with a permission; others see a plain explanation instead of a broken page. */
export function RequirePermission({ action, children }: { action: Action; children: ReactNode }) {
  const { me } = useAuth();
  if (!can(me, action)) return <NotAllowed home={homePathFor(me)} />;
  return children;
}
