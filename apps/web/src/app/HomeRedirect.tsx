import { Navigate } from 'react-router-dom';
import { useMe } from './auth-context.tsx';
import { homePathFor } from './navigation.ts';
import { EmptyState } from '../ui/EmptyState.tsx';

export function HomeRedirect() {
  const me = useMe();
  const home = homePathFor(me);
  if (home === '/no-access') {
    return <EmptyState title="Nothing to show yet">Your role has no pages in Trellis yet. Ask an administrator for access.</EmptyState>;
  }
  return <Navigate to={home} replace />;
}
